/**
 * Accept / dismiss with who and when, audited, surviving regeneration and a rolling window; target lists and
 * exports held to the same rules as segment lists: store-scoped, masked, audited, never for executives.
 */
import type { AuditPage } from '@portrait/shared/auth';
import type { Suggestion, SuggestionCustomersPage, SuggestionsResponse } from '@portrait/shared/suggestions';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { bumpDataVersion } from '../../../db/queries/data-meta';
import { queryRows } from '../../../db/sql';
import { getData, startTestServer, type Client, type TestServer } from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { loadDemo } from '../../demo/load-demo';

const RANGE = 'from=2025-04-01&to=2025-06-30';

describe.each(databaseKinds())('Suggestion status and target lists (%s)', (kind) => {
  let server: TestServer;
  let database: Database & { dispose: () => Promise<void> };
  let admin: Client;
  let executive: Client;
  let manager: Client;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 11, endDate: '2025-06-30' });
    server = await startTestServer(database);
    // The churn model's first fit regenerates win-back cards when it lands: let it land first.
    await server.models.idle();
    [admin, executive, manager] = await Promise.all([
      server.as('admin'),
      server.as('executive'),
      server.as('manager'),
    ]);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  const list = (client: Client, query = RANGE) =>
    getData<SuggestionsResponse>(client, `/api/v1/portrait/suggestions?${query}`);
  const byType = (res: SuggestionsResponse, type: Suggestion['type']) =>
    res.suggestions.find((s) => s.type === type);
  const setStatus = (client: Client, id: number, status: string) =>
    client.request<Suggestion>('POST', `/api/v1/suggestions/${id}/status`, { status });

  it('When an analyst accepts and another dismisses, Then who and when are kept and both are audited', async () => {
    const before = await list(server.api);
    const [first, second] = before.suggestions;
    if (!first || !second) throw new Error('the demo scope should yield suggestions');
    const accepted = await setStatus(server.api, first.id, 'accepted');
    expect(accepted.status).toBe(200);
    expect(accepted.body.data).toMatchObject({ id: first.id, status: 'accepted', statusBy: 'analyst' });
    expect(accepted.body.data.statusAt).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect((await setStatus(admin, second.id, 'dismissed')).body.data.statusBy).toBe('admin');

    const after = await list(server.api);
    expect(after.suggestions.find((s) => s.id === first.id)?.status).toBe('accepted');
    expect(after.suggestions.find((s) => s.id === second.id)?.status).toBe('dismissed');

    const log = await getData<AuditPage>(admin, '/api/v1/admin/audit?action=suggestion_status&pageSize=50');
    const entries = log.entries.map((e) => [e.username, e.target, e.detail?.from, e.detail?.to]);
    expect(entries).toEqual(
      expect.arrayContaining([
        ['analyst', `suggestion:${first.id}`, 'new', 'accepted'],
        ['admin', `suggestion:${second.id}`, 'new', 'dismissed'],
      ]),
    );
  });

  it('When the data changes or an analyst regenerates, Then the suggestions are rebuilt and keep their status', async () => {
    const before = await list(server.api);
    const decided = before.suggestions.filter((s) => s.status !== 'new');
    expect(decided.length).toBe(2);
    await bumpDataVersion(database.db);
    const rebuilt = await list(server.api);
    expect(rebuilt.dataVersion).toBe(before.dataVersion + 1);
    expect(rebuilt.generatedAt).not.toBe(before.generatedAt);
    const regenerated = await server.api.request<SuggestionsResponse>(
      'POST',
      `/api/v1/portrait/suggestions?${RANGE}`,
    );
    expect(regenerated.status).toBe(200);
    for (const res of [rebuilt, regenerated.body.data]) {
      for (const d of decided) {
        const same = res.suggestions.find((s) => s.id === d.id);
        expect(same?.status).toBe(d.status);
        expect(same?.statusBy).toBe(d.statusBy);
      }
    }
    const log = await getData<AuditPage>(admin, '/api/v1/admin/audit?action=suggestions_generated');
    expect(log.entries[0]?.username).toBe('analyst');
  });

  it('When the window rolls forward by a day, Then a decision carries over; a distant window starts new', async () => {
    const april = await list(server.api, 'from=2025-04-01&to=2025-04-30');
    const vip = byType(april, 'vip_care');
    if (!vip) throw new Error('expected VIP care in April');
    await setStatus(server.api, vip.id, 'dismissed');
    const rolled = byType(await list(server.api, 'from=2025-04-02&to=2025-05-01'), 'vip_care');
    expect(rolled?.id).not.toBe(vip.id);
    expect(rolled).toMatchObject({ status: 'dismissed', statusBy: 'analyst' });
    const june = byType(await list(server.api, 'from=2025-06-01&to=2025-06-30'), 'vip_care');
    expect(june?.status).toBe('new');
  });

  it('When a request is wrong, Then it gets a 4xx saying what was wrong', async () => {
    const id = (await list(server.api)).suggestions[0]?.id ?? 0;
    const bad = await setStatus(server.api, id, 'maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/status must be one of new, accepted, dismissed/);
    expect((await setStatus(server.api, 999_999, 'accepted')).status).toBe(404);
    const notANumber = await server.api.request('GET', '/api/v1/suggestions/abc/customers');
    expect(notANumber.status).toBe(400);
    expect(notANumber.body.error?.message).toMatch(/suggestion id must be a number/);
    const noCsrf = await fetch(`${server.url}/api/v1/suggestions/${id}/status`, {
      method: 'POST',
      headers: { cookie: server.api.cookie, 'content-type': 'application/json' },
      body: '{"status":"accepted"}',
    });
    expect(noCsrf.status).toBe(403);
    expect(
      (await server.api.request('GET', '/api/v1/portrait/suggestions?from=2025-06-30&to=2025-06-01')).status,
    ).toBe(400);
  });

  it('When an executive reads suggestions, Then they see them but cannot decide, list or export customers', async () => {
    const res = await list(executive);
    const id = res.suggestions[0]?.id ?? 0;
    expect(res.suggestions.length).toBeGreaterThan(0);
    expect((await setStatus(executive, id, 'accepted')).status).toBe(403);
    expect((await executive.request('GET', `/api/v1/suggestions/${id}/customers`)).status).toBe(403);
    expect((await executive.request('GET', `/api/v1/suggestions/${id}/customers.csv`)).status).toBe(403);
    expect((await executive.request('POST', `/api/v1/portrait/suggestions?${RANGE}`)).status).toBe(403);
  });

  it('When a store manager opens their suggestions, Then lists hold only their customers and others are refused', async () => {
    const own = await list(manager);
    expect(own.suggestions.length).toBeGreaterThan(0);
    expect(
      own.suggestions.every(
        (s) => s.evidence.scope.stores?.join() === [...server.managerStores].sort().join(),
      ),
    ).toBe(true);
    const theirs = await queryRows<{ customer_id: string }>(
      database.db,
      sql`select distinct customer_id from orders where status = 'completed' and customer_id is not null
          and day between '2025-04-01' and '2025-06-30'
          and store_id in (${sql.join(
            server.managerStores.map((s) => sql`${s}`),
            sql`, `,
          )})`,
    );
    const allowed = new Set(theirs.map((r) => r.customer_id));
    for (const s of own.suggestions) {
      const page = await getData<SuggestionCustomersPage>(
        manager,
        `/api/v1/suggestions/${s.id}/customers?pageSize=200`,
      );
      expect(page.customers.length).toBeGreaterThan(0);
      for (const c of page.customers) expect(allowed.has(c.customerId), c.customerId).toBe(true);
    }
    expect((await setStatus(manager, own.suggestions[0]?.id ?? 0, 'accepted')).status).toBe(200);

    const chainWide = (await list(server.api)).suggestions[0]?.id ?? 0;
    for (const res of [
      await manager.request('GET', `/api/v1/suggestions/${chainWide}/customers`),
      await manager.request('GET', `/api/v1/suggestions/${chainWide}/customers.csv`),
      await setStatus(manager, chainWide, 'dismissed'),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error?.message).toMatch(/stores that are not yours/);
      expect(res.text).not.toMatch(/customerId|客户ID/);
    }
    const foreign = (
      await queryRows<{ id: string }>(database.db, sql`select id from stores order by id desc limit 1`)
    )[0]?.id;
    expect(
      (await manager.request('GET', `/api/v1/portrait/suggestions?${RANGE}&store=${foreign}`)).status,
    ).toBe(403);
    expect((await manager.request('POST', `/api/v1/portrait/suggestions?${RANGE}`)).status).toBe(403);
  });

  it('When an analyst lists and exports a target, Then personal data is masked (not for admin) and both are audited', async () => {
    const people = new Map(
      (
        await queryRows<{ id: string; phone: string | null; name: string | null }>(
          database.db,
          sql`select id, phone, name from customers`,
        )
      ).map((p) => [p.id, p]),
    );
    const target = (await list(server.api)).suggestions.find((s) => s.target.kind === 'custom');
    if (!target) throw new Error('expected a suggestion with a custom target');
    const masked = await getData<SuggestionCustomersPage>(
      server.api,
      `/api/v1/suggestions/${target.id}/customers?pageSize=50`,
    );
    const whole = await getData<SuggestionCustomersPage>(
      admin,
      `/api/v1/suggestions/${target.id}/customers?pageSize=50`,
    );
    expect(masked.customers.map((c) => c.customerId)).toEqual(whole.customers.map((c) => c.customerId));
    for (const [i, c] of masked.customers.entries()) {
      const real = people.get(c.customerId);
      expect(whole.customers[i]?.phone).toBe(real?.phone);
      if (real?.phone) expect(c.phone).toBe(`${real.phone.slice(0, 3)}****${real.phone.slice(-4)}`);
      if (real?.name) expect(c.name).not.toBe(real.name);
    }
    const csv = await server.api.request('GET', `/api/v1/suggestions/${target.id}/customers.csv?lang=en`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename\*=UTF-8''/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'customer_id,name,phone,email,member_level,orders,revenue,last_day,recency_days,churn_risk,risk_band',
    );
    expect(lines.length - 1).toBe(target.targetSize);
    for (const line of lines.slice(1)) {
      const [id, , phone] = line.split(',');
      const real = people.get(id ?? '');
      if (real?.phone) expect(phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
    const log = await getData<AuditPage>(admin, '/api/v1/admin/audit?username=analyst&pageSize=200');
    const onTarget = log.entries.filter((e) => e.target === `suggestion:${target.id}`).map((e) => e.action);
    expect(onTarget).toEqual(expect.arrayContaining(['view_customer_list', 'export']));
    const exported = log.entries.find((e) => e.action === 'export' && e.target === `suggestion:${target.id}`);
    expect(exported?.detail).toMatchObject({ format: 'csv', rows: target.targetSize, type: target.type });
  });
});
