/**
 * Association rules and cross-sell target sizes from the copy's order baskets equal their SQL
 * (`associationRules`, `crossSellSummaries`; the cross-sell sizes also with the suggestions' scan of the scope held) on
 * the small demo, for store sets × periods × thresholds, on PGlite and
 * PostgreSQL; and the baskets hold every completed order with a line and every distinct (order, product) once.
 */
import { sql } from 'drizzle-orm';
import { addDays } from '@portrait/shared/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Db } from '../../../db/client';
import { setPglitePageRows } from '../../../db/queries/customer-columns';
import { getDataVersion } from '../../../db/queries/data-meta';
import type { Period } from '../../../db/queries/portrait';
import type { StoreFilter } from '../../../db/queries/scope-sql';
import { associationRules } from '../../../db/queries/suggestion-aggregates';
import { crossSellSummaries } from '../../../db/queries/suggestion-targets';
import { queryRows } from '../../../db/sql';
import { createLogger } from '../../../lib/logger';
import { loadDemo } from '../../demo/load-demo';
import { ASSOCIATION } from '../../suggestions/parameters';
import { createCustomerColumns, type CustomerColumnsService } from '../customer-columns-service';
import { storeScopes } from './store-scopes';

const END = '2025-06-30';
const PERIODS: Period[] = [
  { from: END, to: END },
  { from: addDays(END, -29), to: END },
  { from: addDays(END, -89), to: addDays(END, -14) },
  { from: addDays(END, -364), to: END },
  { from: '2024-11-11', to: '2025-02-03' },
  { from: '2020-01-01', to: '2030-12-31' },
  { from: '2025-07-01', to: '2025-07-31' },
  { from: '2025-05-10', to: '2025-05-01' },
];
const THRESHOLDS = [
  ASSOCIATION,
  { minSupport: 0.001, minConfidence: 0, minLift: 0, minPairBaskets: 1 },
  { minSupport: 0.05, minConfidence: 0.35, minLift: 1.05, minPairBaskets: 3 },
];

describe.each(databaseKinds())('Order baskets from the columns equal the SQL (%s)', (kind) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let columns: CustomerColumnsService;
  let version: number;
  const scopes: [string, StoreFilter][] = [];

  beforeAll(async () => {
    const database = await openTestDatabase(kind);
    dispose = database.dispose;
    db = database.db;
    await loadDemo(database, { size: 'small', seed: 9, endDate: END });
    version = await getDataVersion(db);
    columns = createCustomerColumns({ db, logger: createLogger('silent'), enabled: true });
    // PGlite reads the order lines a page at a time: pages of 7,001 lines (of ~40,000) split orders.
    const page = setPglitePageRows(7_001);
    try {
      expect(await columns.ready(version)).toBe(true);
    } finally {
      setPglitePageRows(page);
    }
    const common = await storeScopes(db);
    scopes.push(...common, ['an unknown store', ['NO-SUCH-STORE']]);
  }, 240_000);
  afterAll(async () => {
    await columns?.stop();
    await dispose?.();
  });

  it('When the copy is loaded, Then its baskets count the completed orders with lines and their distinct products', async () => {
    const [row] = await queryRows<{ orders: string; lines: string }>(
      db,
      sql`select count(distinct o.id) as orders, count(distinct (o.id, i.product_id)) as lines
          from orders o join order_items i on i.order_id = o.id where o.status = 'completed'`,
    );
    const baskets = columns.status()?.baskets;
    expect(baskets).not.toBeNull();
    expect(baskets?.orders).toBe(Number(row?.orders));
    expect(baskets?.lines).toBe(Number(row?.lines));
    expect(baskets?.orders).toBeGreaterThan(1000);
  });

  it('When association rules are mined from the columns, Then they equal the SQL', async () => {
    let found = 0;
    for (const [label, stores] of scopes)
      for (const p of PERIODS)
        for (const t of THRESHOLDS) {
          const fast = columns.associationRules(version, p, stores, t, 500);
          const expected = await associationRules(db, p, stores, t, 500);
          expect(fast, `${label} ${p.from}..${p.to} ${JSON.stringify(t)}`).toEqual(expected);
          found += expected.length;
        }
    expect(found).toBeGreaterThan(100);
    // The limit cuts the same ordered list.
    const all = await associationRules(db, PERIODS[3]!, null, THRESHOLDS[1]!, 5);
    expect(columns.associationRules(version, PERIODS[3]!, null, THRESHOLDS[1]!, 5)).toEqual(all);
  }, 600_000);

  it('When cross-sell targets are sized from the columns, Then they equal the SQL', async () => {
    const products = await queryRows<{ id: string }>(db, sql`select id from products order by id`);
    const ids = products.map((r) => r.id);
    const pairs = [
      { antecedent: ids[0]!, consequent: ids[1]! },
      { antecedent: ids[1]!, consequent: ids[0]! },
      { antecedent: ids[2]!, consequent: ids[3]! },
      { antecedent: ids[4]!, consequent: ids[5]! },
      { antecedent: ids[0]!, consequent: 'NO-SUCH-PRODUCT' },
      { antecedent: 'NO-SUCH-PRODUCT', consequent: ids[0]! },
    ];
    // More than 30 distinct products: the SQL sizes each target on its own, the columns in groups.
    const many = ids.slice(0, 32).map((id, k) => ({ antecedent: id, consequent: ids[(k + 7) % 32]! }));
    let members = 0;
    for (const [label, stores] of scopes)
      for (const p of PERIODS)
        for (const asked of [pairs, many]) {
          const at = `${label} ${p.from}..${p.to} ${asked.length} pairs`;
          const fast = columns.crossSell(version, p, stores, asked);
          const expected = await crossSellSummaries(db, p, stores, asked);
          expect(fast, at).toEqual(expected);
          // With the suggestions' scan of the scope held, the targets' orders and revenue are read from it.
          columns.suggestionScan(version, p, stores);
          expect(columns.crossSell(version, p, stores, asked), `${at}, scan held`).toEqual(expected);
          members += expected.reduce((a, s) => a + s.customers, 0);
        }
    expect(members).toBeGreaterThan(1000);
    expect(columns.crossSell(version, PERIODS[1]!, null, [])).toEqual([]);
  }, 600_000);
});
