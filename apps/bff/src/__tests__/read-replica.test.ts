/**
 * DATABASE_READ_URL: the dashboards read from a replica, everything that writes stays on the primary. The replica
 * here is a second PostgreSQL database holding the same rows with `default_transaction_read_only` on, which refuses
 * writes as a hot standby does; it is "replicated" by importing the same file into it. Needs PostgreSQL
 * (TEST_DATABASE_URL): PGlite has no replicas.
 */
import type { Kpis } from '@portrait/shared/portrait';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { queryRows } from '../db/sql';
import { start } from '../server';
import {
  getData,
  getJson,
  liveVersions,
  login,
  startTestServer,
  upload,
  waitForJob,
  type TestServer,
} from './helpers/http';
import { importTexts } from './helpers/import-files';
import { CLEAN } from './helpers/import-fixture';
import { openTestDatabase } from './helpers/test-databases';

const RANGE = 'from=2025-06-01&to=2025-06-05';
const ONE_MORE_ORDER = {
  'orders.csv': `${CLEAN['orders.csv'].split('\n')[0]}\nO7,C2,S2,2025-06-04 10:00,pos,dine_in,9.5,,,`,
};
/** Every dashboard read a signed-in analyst makes, each of which must work on a read-only connection. */
const DASHBOARD_READS = [
  '/api/v1/meta/filters',
  `/api/v1/portrait/overview?${RANGE}`,
  `/api/v1/portrait/geo?${RANGE}`,
  `/api/v1/portrait/paths?${RANGE}`,
  `/api/v1/portrait/segments/important_value/customers?${RANGE}`,
  '/api/v1/customer360/profile?identifier_type=customer_id&customer_identifier=C1',
  '/api/v1/customer360/search?query=1380',
  '/api/v1/data-quality',
  `/api/v1/portrait/churn?${RANGE}`,
  `/api/v1/portrait/suggestions?${RANGE}`,
];

type TestDatabase = Awaited<ReturnType<typeof openTestDatabase>>;

async function setReadOnly(url: string, on: boolean) {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(
    `alter database ${name} ${on ? 'set default_transaction_read_only = on' : 'reset default_transaction_read_only'}`,
  );
  await admin.end();
}

const completedOrders = async (database: Database) =>
  Number(
    (
      await queryRows<{ n: string }>(
        database.db,
        sql`select count(*) as n from orders where status = 'completed'`,
      )
    )[0]?.n,
  );

describe.skipIf(!process.env.TEST_DATABASE_URL)(
  'A read replica (DATABASE_READ_URL) serving the dashboards',
  () => {
    let primary: TestDatabase;
    let replica: TestDatabase;
    let server: TestServer;

    beforeAll(async () => {
      [primary, replica] = await Promise.all([openTestDatabase('postgres'), openTestDatabase('postgres')]);
      await Promise.all([importTexts(primary, CLEAN), importTexts(replica, CLEAN)]);
      await setReadOnly(replica.url ?? '', true);
      server = await startTestServer(primary, { DATABASE_READ_URL: replica.url ?? '', LIVE_POLL_MS: 200 });
    });
    afterAll(async () => {
      await server?.stop();
      if (replica?.url) await setReadOnly(replica.url, false);
      await Promise.all([primary?.dispose(), replica?.dispose()]);
    });

    it('When an analyst opens every dashboard read, Then each answers from the read-only replica, and the audit rows land on the primary', async () => {
      for (const path of DASHBOARD_READS) {
        const res = await getJson(server.api, path);
        // The message says which read failed, and why (a write on the replica would say "read-only transaction").
        expect({ path, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({
          path,
          status: 200,
          body: null,
        });
      }
      const audited = async (database: Database) =>
        (
          await queryRows<{ action: string }>(
            database.db,
            sql`select distinct action from audit_log where action in ('view_customer_list', 'view_customer')`,
          )
        ).map((r) => r.action);
      expect((await audited(primary)).sort()).toEqual(['view_customer', 'view_customer_list']);
      expect(await audited(replica)).toEqual([]);
    });

    it('When the primary takes an import the replica has not replayed yet, Then the dashboards keep answering the replica, and follow it once it has', async () => {
      const admin = await login(server.url, 'admin');
      const before = await getData<Kpis>(server.api, `/api/v1/portrait/kpis?${RANGE}`);
      const { dataVersion } = await getData<{ dataVersion: number }>(server.api, '/api/v1/meta/filters');

      const uploaded = await upload(admin, ONE_MORE_ORDER);
      expect(uploaded.status).toBe(200);
      expect((await waitForJob(admin, uploaded.body.data.id)).status).toBe('succeeded');
      expect(await completedOrders(primary)).toBe((await completedOrders(replica)) + 1);
      const lagging = await getData<Kpis>(server.api, `/api/v1/portrait/kpis?${RANGE}`);
      expect(lagging.orders.value).toBe(before.orders.value);
      expect((await getData<{ dataVersion: number }>(server.api, '/api/v1/meta/filters')).dataVersion).toBe(
        dataVersion,
      );

      // The replica replays the import: the live stream announces its new version and the KPIs follow it.
      const seen = liveVersions(server.api, (v) => v.length >= 2);
      await new Promise((r) => setTimeout(r, 300));
      await setReadOnly(replica.url ?? '', false);
      await importTexts(replica, ONE_MORE_ORDER);
      await setReadOnly(replica.url ?? '', true);
      expect(await seen).toEqual([dataVersion, dataVersion + 1]);
      const caughtUp = await getData<Kpis>(server.api, `/api/v1/portrait/kpis?${RANGE}`);
      expect(caughtUp.orders.value).toBe((before.orders.value ?? 0) + 1);
    });

    it('When DATABASE_READ_URL is set without DATABASE_URL, or names a database without the schema, Then the BFF refuses to start and says why', async () => {
      await expect(
        start({ DATABASE_URL: undefined, DATABASE_READ_URL: replica.url ?? '', DEMO_SIZE: 'none' }),
      ).rejects.toThrow(/DATABASE_READ_URL .*DATABASE_URL/);
      const empty = new URL(process.env.TEST_DATABASE_URL ?? '');
      empty.pathname = '/template1';
      await expect(
        start(
          { PORT: 0, LOG_LEVEL: 'silent', DEMO_SIZE: 'none', DATABASE_READ_URL: empty.toString() },
          { database: primary },
        ),
      ).rejects.toThrow(/no Customer Portrait schema/);
    });
  },
);
