/**
 * Association rules and cross-sell sizes from the copy's order baskets on a hand-built chain, against counts
 * worked out by hand below (completed orders in the period and stores; a product twice in one order counts once; an
 * anonymous order is a basket but no customer; a product missing from `products` shows its id) — and the SQL gives
 * the same. Plus the lift's ordering key against PostgreSQL's own numeric division.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { setPglitePageRows } from '../../../db/queries/customer-columns';
import { getDataVersion } from '../../../db/queries/data-meta';
import type { Period } from '../../../db/queries/portrait';
import {
  associationRules,
  type AssociationRule,
  type AssociationThresholds,
} from '../../../db/queries/suggestion-aggregates';
import { crossSellSummaries } from '../../../db/queries/suggestion-targets';
import { queryRows } from '../../../db/sql';
import { createLogger } from '../../../lib/logger';
import { loadFixtureChain, type FixtureChain } from '../../../__tests__/helpers/fixture-chain';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { numericQuotient } from '../basket-rules';
import { createCustomerColumns, type CustomerColumnsService } from '../customer-columns-service';

const item = (productId: string, amount: number) => ({ productId, quantity: 1, amount });
const order = (
  id: string,
  customerId: string | null,
  storeId: string,
  at: string,
  items: ReturnType<typeof item>[],
) => ({
  id,
  customerId,
  storeId,
  at,
  amount: Math.round(items.reduce((a, i) => a + i.amount * 100, 0)) / 100,
  items,
});

const chain: FixtureChain = {
  cities: [{ name: '杭州', province: '浙江省' }],
  stores: [
    { id: 'S1', name: '西湖店', city: '杭州' },
    { id: 'S2', name: '滨江店', city: '杭州' },
  ],
  products: [
    { id: 'A', name: '豆浆', category: '饮品' },
    { id: 'B', name: '油条', category: '早点' },
    { id: 'C', name: '包子', category: '早点' },
  ],
  orders: [
    order('o1', 'c1', 'S1', '2025-03-03 08:00', [item('A', 6), item('B', 3)]),
    order('o2', 'c2', 'S1', '2025-03-03 09:00', [item('A', 2), item('B', 3.5), item('C', 4.1)]),
    // Anonymous; Z9 is sold but missing from `products`.
    order('o3', null, 'S1', '2025-03-04 08:00', [item('A', 3), item('Z9', 0.5)]),
    order('o4', 'c3', 'S2', '2025-03-04 10:00', [item('B', 2.25), item('C', 5.2)]),
    // A twice: one basket {A}.
    order('o5', 'c1', 'S2', '2025-03-05 08:00', [item('A', 3.2), item('A', 3.2)]),
    { ...order('o6', 'c4', 'S1', '2025-03-05 09:00', [item('A', 1), item('B', 1)]), status: 'refunded' },
    // Before the period.
    order('o7', 'c2', 'S1', '2025-03-02 09:00', [item('A', 5)]),
  ],
};

const PERIOD: Period = { from: '2025-03-03', to: '2025-03-05' };
const LOOSE: AssociationThresholds = { minSupport: 0, minConfidence: 0, minLift: 0, minPairBaskets: 1 };
const NAMES: Record<string, string> = { A: '豆浆', B: '油条', C: '包子', Z9: 'Z9' };

/** A → B with the chain's counts: N = 5 baskets (o1–o5), n(A) 4, n(B) 3, n(C) 2, n(Z9) 1. */
function rule(
  a: string,
  b: string,
  n: number,
  ca: number,
  cb: number,
  cab: number,
  amount: number,
): AssociationRule {
  return {
    antecedent: a,
    antecedentName: NAMES[a]!,
    consequent: b,
    consequentName: NAMES[b]!,
    baskets: n,
    antecedentBaskets: ca,
    consequentBaskets: cb,
    pairBaskets: cab,
    consequentAmount: amount,
  };
}
// Amounts of the consequent in the chain's period: A 6+2+3+6.4 = 17.40, B 3+3.5+2.25 = 8.75, C 4.1+5.2 = 9.30.
const CHAIN_LOOSE = [
  // lift B,C: 2·5/(3·2) = 1.667 (ties with C→B: same n(A∧B), then by antecedent id)
  rule('B', 'C', 5, 3, 2, 2, 9.3),
  rule('C', 'B', 5, 2, 3, 2, 8.75),
  // A,Z9: 1·5/(4·1) = 1.25
  rule('A', 'Z9', 5, 4, 1, 1, 0.5),
  rule('Z9', 'A', 5, 1, 4, 1, 17.4),
  // A,B: 2·5/(4·3) = 0.833
  rule('A', 'B', 5, 4, 3, 2, 8.75),
  rule('B', 'A', 5, 3, 4, 2, 17.4),
  // A,C: 1·5/(4·2) = 0.625
  rule('A', 'C', 5, 4, 2, 1, 9.3),
  rule('C', 'A', 5, 2, 4, 1, 17.4),
];

const RULE_CASES: {
  label: string;
  stores: string[] | null;
  t: AssociationThresholds;
  expected: AssociationRule[];
}[] = [
  { label: 'the chain, every pair', stores: null, t: LOOSE, expected: CHAIN_LOOSE },
  {
    // Support 2/5 = 0.4 exactly at the threshold; confidence B→C 2/3, C→B 1; lift 1.667 ≥ 1.6.
    label: 'the chain at the thresholds’ edges',
    stores: null,
    t: { minSupport: 0.4, minConfidence: 0.6, minLift: 1.6, minPairBaskets: 2 },
    expected: CHAIN_LOOSE.slice(0, 2),
  },
  {
    label: 'the chain, support just above 2/5',
    stores: null,
    t: { minSupport: 0.41, minConfidence: 0, minLift: 0, minPairBaskets: 1 },
    expected: [],
  },
  {
    // Confidence B→C 2/3 < 0.7; C→B 1.
    label: 'the chain, confidence 0.7',
    stores: null,
    t: { minSupport: 0, minConfidence: 0.7, minLift: 1.2, minPairBaskets: 2 },
    expected: [CHAIN_LOOSE[1]!],
  },
  {
    // Z9 alone has support 1/5 < 0.25: never paired (Apriori), although A→Z9 would pass the rest.
    label: 'the chain, support 0.25 keeps Z9 out',
    stores: null,
    t: { minSupport: 0.25, minConfidence: 0, minLift: 1, minPairBaskets: 1 },
    expected: CHAIN_LOOSE.slice(0, 2),
  },
  {
    // S1: o1 {A,B}, o2 {A,B,C}, o3 {A,Z9}: N 3, n(A) 3, n(B) 2, n(C) 1, n(Z9) 1; lift A,x = 1; B,C 3/2.
    label: 'S1, lift at least 1.5',
    stores: ['S1'],
    t: { minSupport: 0, minConfidence: 0, minLift: 1.5, minPairBaskets: 1 },
    expected: [rule('B', 'C', 3, 2, 1, 1, 4.1), rule('C', 'B', 3, 1, 2, 1, 6.5)],
  },
  { label: 'no stores', stores: [], t: LOOSE, expected: [] },
];

const PAIRS = [
  { antecedent: 'A', consequent: 'C' },
  { antecedent: 'C', consequent: 'A' },
  { antecedent: 'A', consequent: 'B' },
  { antecedent: 'B', consequent: 'A' },
  { antecedent: 'Z9', consequent: 'B' },
  { antecedent: 'A', consequent: 'NONE' },
];
const CROSS_CASES = [
  {
    // c1 bought A, B (o1, o5: 2 orders, 9.00 + 6.40); c2 A, B, C (o2 only in the period: 9.60); c3 B, C (7.45);
    // the anonymous o3 (A, Z9) counts for no one.
    label: 'the chain',
    stores: null,
    expected: [
      { customers: 1, orders: 2, revenue: 15.4 },
      { customers: 1, orders: 1, revenue: 7.45 },
      { customers: 0, orders: 0, revenue: 0 },
      { customers: 1, orders: 1, revenue: 7.45 },
      { customers: 0, orders: 0, revenue: 0 },
      { customers: 2, orders: 3, revenue: 25 },
    ],
  },
  {
    // S2: c3 B, C (o4); c1 A (o5: 1 order, 6.40).
    label: 'S2',
    stores: ['S2'],
    expected: [
      { customers: 1, orders: 1, revenue: 6.4 },
      { customers: 1, orders: 1, revenue: 7.45 },
      { customers: 1, orders: 1, revenue: 6.4 },
      { customers: 1, orders: 1, revenue: 7.45 },
      { customers: 0, orders: 0, revenue: 0 },
      { customers: 1, orders: 1, revenue: 6.4 },
    ],
  },
];

describe.each(databaseKinds())('Order baskets on a hand-built chain (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let columns: CustomerColumnsService;
  let version: number;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadFixtureChain(database, chain);
    version = await getDataVersion(database.db);
    columns = createCustomerColumns({ db: database.db, logger: createLogger('silent'), enabled: true });
    // PGlite reads the order lines a page at a time: pages of 2 lines split o2's three.
    const page = setPglitePageRows(2);
    try {
      expect(await columns.ready(version)).toBe(true);
    } finally {
      setPglitePageRows(page);
    }
  });
  afterAll(async () => {
    await columns?.stop();
    await database?.dispose();
  });

  it('When the copy is loaded, Then it holds the 6 completed orders with lines (o7 too) and their 11 distinct products', () => {
    expect(columns.status()?.baskets).toMatchObject({ orders: 6, lines: 11 });
  });

  it.each(RULE_CASES)('When the rules of $label are mined, Then they are the hand count', async (c) => {
    expect(columns.associationRules(version, PERIOD, c.stores, c.t, 100)).toEqual(c.expected);
    expect(await associationRules(database.db, PERIOD, c.stores, c.t, 100)).toEqual(c.expected);
  });

  it('When the rules are limited, Then the first ones of the same order are kept', async () => {
    expect(columns.associationRules(version, PERIOD, null, LOOSE, 3)).toEqual(CHAIN_LOOSE.slice(0, 3));
    expect(await associationRules(database.db, PERIOD, null, LOOSE, 3)).toEqual(CHAIN_LOOSE.slice(0, 3));
  });

  it('When a threshold is not a plain decimal, Then the columns do not answer (the SQL does) and a data version they do not hold neither', () => {
    expect(columns.associationRules(version, PERIOD, null, { ...LOOSE, minSupport: 1e-7 }, 10)).toBeNull();
    expect(columns.associationRules(version - 1, PERIOD, null, LOOSE, 10)).toBeNull();
    expect(columns.crossSell(version - 1, PERIOD, null, PAIRS)).toBeNull();
  });

  it.each(CROSS_CASES)(
    'When cross-sell targets of $label are sized, Then they are the hand count',
    async (c) => {
      expect(columns.crossSell(version, PERIOD, c.stores, PAIRS)).toEqual(c.expected);
      expect(await crossSellSummaries(database.db, PERIOD, c.stores, PAIRS)).toEqual(c.expected);
    },
  );

  it('When lifts are divided, Then the digits and scale are those of PostgreSQL’s numeric division', async () => {
    const cases: [bigint, bigint][] = [
      [10n, 12n],
      [10n, 6n],
      [5n, 8n],
      [1n, 3n],
      [2n, 3n],
      [9999n, 9999n],
      [12345n, 12344n],
      [10000n, 9999n],
      [123456789012n * 987654n, 33333n * 44444n],
      [7n, 123456789n],
      [2700000n * 540000n, 1300000n * 1250000n],
      [1n, 10n ** 20n],
    ];
    for (const [x, y] of cases) {
      const [digits, scale] = numericQuotient(x, y);
      const text = digits.toString().padStart(scale + 1, '0');
      const ours = scale > 0 ? `${text.slice(0, -scale)}.${text.slice(-scale)}` : text;
      const [row] = await queryRows<{ q: string }>(
        database.db,
        sql`select (${x.toString()}::numeric / ${y.toString()}::numeric)::text as q`,
      );
      expect(ours, `${x} / ${y}`).toBe(row?.q);
    }
  });
});
