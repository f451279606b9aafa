/**
 * The segment customer list carries each customer's churn risk and band from the newest ready model run (as
 * Customer 360 shows them), null while no run is ready; in the page and the CSV, for every role that may list
 * customers, with personal fields still masked and a store manager still limited to their stores.
 */
import type { CustomerProfile } from '@portrait/shared/customer360';
import type { SegmentCustomersPage } from '@portrait/shared/customers';
import { SEGMENT_FLAGS } from '@portrait/shared/segments';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getData, getJson, startTestServer, type TestServer } from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database } from '../../../db/client';
import { segmentCustomers } from '../../../db/queries/segment-customers';
import { queryRows } from '../../../db/sql';
import { loadDemo } from '../../demo/load-demo';

const END = '2025-06-30';
const RANGE = 'from=2025-01-01&to=2025-06-30';
const LIST = `/api/v1/portrait/segments/general_winback/customers?${RANGE}&pageSize=200`;

/** Band by PRODUCT's thresholds: low < 0.5 ≤ medium < 0.8 ≤ high. */
const bandOf = (risk: number) => (risk >= 0.8 ? 'high' : risk >= 0.5 ? 'medium' : 'low');

describe.each(databaseKinds())('Segment customer lists show churn risk (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let server: TestServer;
  let unscoredBeforeFit: Awaited<ReturnType<typeof segmentCustomers>>;
  /** The served run's predictions, read straight from the table. */
  let stored: Map<string, { risk: number; band: string }>;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 5, endDate: END });
    // No model has run yet on freshly loaded data.
    unscoredBeforeFit = await segmentCustomers(
      database.db,
      { from: '2025-01-01', to: END },
      null,
      SEGMENT_FLAGS.general_winback,
      { limit: 50, offset: 0 },
    );
    server = await startTestServer(database);
    await server.models.idle();
    const rows = await queryRows<{ customer_id: string; churn_risk: number; risk_band: string }>(
      database.db,
      sql`select customer_id, churn_risk, risk_band from customer_predictions
          where run_id = (select max(id) from model_runs where status = 'ready')`,
    );
    stored = new Map(rows.map((r) => [r.customer_id, { risk: Number(r.churn_risk), band: r.risk_band }]));
  });
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  it('When no model run is ready, Then every listed customer has a null risk and band', () => {
    expect(unscoredBeforeFit.rows.length).toBeGreaterThan(0);
    for (const c of unscoredBeforeFit.rows) expect([c.churnRisk, c.riskBand]).toEqual([null, null]);
  });

  it("When an analyst lists a segment, Then each customer's risk and band are the served run's, names masked", async () => {
    expect(stored.size).toBeGreaterThan(0);
    const page = await getData<SegmentCustomersPage>(server.api, LIST);
    expect(page.customers.length).toBeGreaterThan(0);
    for (const c of page.customers) {
      const p = stored.get(c.customerId);
      expect(c.churnRisk, c.customerId).toBeCloseTo(p?.risk ?? NaN, 4);
      expect(c.riskBand, c.customerId).toBe(p?.band);
      expect(c.riskBand).toBe(bandOf(c.churnRisk ?? NaN));
      if (c.phone) expect(c.phone).toContain('****');
    }
    // Win-back customers are lapsed: the model should rate them riskier than the chain on average.
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(page.customers.map((c) => c.churnRisk ?? 0))).toBeGreaterThan(
      mean([...stored.values()].map((p) => p.risk)),
    );
  });

  it('When the same customer is opened in Customer 360, Then the list shows the same risk and band', async () => {
    const [first] = (await getData<SegmentCustomersPage>(server.api, LIST)).customers;
    const profile = await getData<CustomerProfile>(
      server.api,
      `/api/v1/customer360/profile?customer_identifier=${first?.customerId}&identifier_type=customer_id`,
    );
    const p = profile.predictions;
    if (p.status !== 'ready') throw new Error(`predictions ${p.status}`);
    expect(first?.churnRisk).toBe(p.churn_risk);
    expect(first?.riskBand).toBe(p.risk_band);
  });

  it("When a store manager lists a segment, Then only their stores' customers appear, with the same risk", async () => {
    const manager = await server.as('manager');
    const mine = await getData<SegmentCustomersPage>(manager, LIST);
    const stores = server.managerStores.map((s) => `store=${s}`).join('&');
    const analysts = await getData<SegmentCustomersPage>(server.api, `${LIST}&${stores}`);
    expect(mine.customers.length).toBeGreaterThan(0);
    expect(mine.customers.map((c) => [c.customerId, c.churnRisk, c.riskBand])).toEqual(
      analysts.customers.map((c) => [c.customerId, c.churnRisk, c.riskBand]),
    );
  });

  it('When the list is exported, Then the CSV has the risk and band columns with the same values', async () => {
    const page = await getData<SegmentCustomersPage>(server.api, LIST);
    const res = await getJson(server.api, LIST.replace('/customers?', '/customers.csv?') + '&lang=en');
    const [header, ...lines] = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const cols = header?.split(',') ?? [];
    expect(cols.slice(-2)).toEqual(['churn_risk', 'risk_band']);
    const byId = new Map(lines.map((l) => l.split(',')).map((cells) => [cells[0], cells]));
    for (const c of page.customers) {
      const cells = byId.get(c.customerId);
      expect(cells?.at(-2)).toBe(c.churnRisk?.toFixed(4));
      expect(cells?.at(-1)).toBe(c.riskBand);
    }
    const zh = await getJson(server.api, LIST.replace('/customers?', '/customers.csv?') + '&lang=zh');
    expect(zh.text.split('\r\n')[0]).toContain('流失风险,风险等级');
    expect(zh.text).toMatch(/,(低|中|高)风险\r\n/);
  });
});
