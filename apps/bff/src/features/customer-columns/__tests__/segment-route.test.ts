/**
 * The segment list routes (page and CSV) and a suggestion's segment target answer from the columns: after the copy
 * is in, a customer's rows are removed from the database behind its back (no new data version, which no real write
 * does), so the SQL's list changes while the copy's does not — the routes keep giving the copy's list, masked for
 * the analyst and audited per look as before. Once the data version moves, the copy no longer answers.
 */
import type { SegmentCustomersPage } from '@portrait/shared/customers';
import { SEGMENT_FLAGS } from '@portrait/shared/segments';
import type { SuggestionCustomersPage, SuggestionsResponse } from '@portrait/shared/suggestions';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getData, startTestServer, type TestServer } from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database } from '../../../db/client';
import { bumpDataVersion } from '../../../db/queries/data-meta';
import { segmentCustomers } from '../../../db/queries/segment-customers';
import { queryRows } from '../../../db/sql';
import { loadDemo } from '../../demo/load-demo';

const END = '2025-06-30';
const RANGE = 'from=2025-06-01&to=2025-06-30';
const LIST = `/api/v1/portrait/segments/important_value/customers?${RANGE}&pageSize=6`;
const CSV = `/api/v1/portrait/segments/important_value/customers.csv?${RANGE}&lang=en`;

describe.each(databaseKinds())('Segment list routes from the columns (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let server: TestServer;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 5, endDate: END });
    server = await startTestServer(database, { CUSTOMER_COLUMNS: 'on' });
    await server.models.idle();
    for (let i = 0; i < 600; i++) {
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as { customerColumns: unknown };
      if (health.customerColumns) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 600_000);
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  const views = async () =>
    Number(
      (
        await queryRows<{ n: string }>(
          database.db,
          sql`select count(*) as n from audit_log where action = 'view_customer_list'`,
        )
      )[0]?.n,
    );
  const csv = async () => {
    const res = await fetch(`${server.url}${CSV}`, { headers: { cookie: server.api.cookie } });
    expect(res.status).toBe(200);
    return res.text();
  };

  it('When the database changes behind the copy, Then the routes still give the copy’s list', async () => {
    const before = await getData<SegmentCustomersPage>(server.api, LIST);
    const csvBefore = await csv();
    expect(before.total).toBeGreaterThan(6);
    // The analyst sees masked personal fields (the copy's path presents rows as the SQL's did).
    expect(before.customers.some((c) => c.phone !== null && c.phone.includes('*'))).toBe(true);
    const suggestions = await getData<SuggestionsResponse>(
      server.api,
      `/api/v1/portrait/suggestions?${RANGE}`,
    );
    const targeted = suggestions.suggestions.find((s) => s.target.kind === 'segment');
    expect(targeted).toBeDefined();
    const suggestionList = `/api/v1/suggestions/${targeted?.id}/customers?pageSize=200`;
    const targetBefore = await getData<SuggestionCustomersPage>(server.api, suggestionList);
    expect(targetBefore.total).toBeGreaterThan(0);

    const top = before.customers[0]!.customerId;
    const segmentTop = targetBefore.customers[0]!.customerId;
    await database.db.execute(
      sql`delete from customer_store_days where customer_id in (${top}, ${segmentTop})`,
    );
    const period = { from: '2025-06-01', to: '2025-06-30' };
    const bySql = await segmentCustomers(database.db, period, null, SEGMENT_FLAGS.important_value, {
      limit: 6,
      offset: 0,
    });
    expect(bySql.rows[0]?.customerId).not.toBe(top);

    const seen = await views();
    expect(await getData<SegmentCustomersPage>(server.api, LIST)).toEqual(before);
    expect(await views()).toBe(seen + 1);
    expect(await csv()).toBe(csvBefore);
    expect(await getData<SuggestionCustomersPage>(server.api, suggestionList)).toEqual(targetBefore);

    // A new data version: the copy of the old one no longer answers (the SQL does, or the new copy).
    await bumpDataVersion(database.db);
    const moved = await getData<SegmentCustomersPage>(server.api, LIST);
    expect(moved.customers[0]?.customerId).not.toBe(top);
  }, 120_000);
});
