/**
 * Support, confidence and lift from order items, against a hand computation on ten baskets and, when the
 * shared data folder is present, against an independent count over the real Bread Basket receipts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixtureChain, type FixtureOrder } from '../../../__tests__/helpers/fixture-chain';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database } from '../../../db/client';
import { associationRules, type AssociationRule } from '../../../db/queries/suggestion-aggregates';
import { ASSOCIATION } from '../parameters';

/** Ten baskets: n(A)=6, n(B)=6, n(C)=5, n(D)=1; n(AB)=4, n(AC)=3, n(BC)=3; N=10. */
const BASKETS = [
  ['A', 'B', 'C'],
  ['A', 'B'],
  ['A', 'C'],
  ['B', 'C'],
  ['A', 'B'],
  ['C'],
  ['A'],
  ['B'],
  ['A', 'B', 'C'],
  ['D'],
];

const measures = (r: AssociationRule) => ({
  rule: `${r.antecedent}→${r.consequent}`,
  support: r.pairBaskets / r.baskets,
  confidence: r.pairBaskets / r.antecedentBaskets,
  lift: (r.pairBaskets * r.baskets) / (r.antecedentBaskets * r.consequentBaskets),
});

describe.each(databaseKinds())('Association measures (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  const period = { from: '2025-03-01', to: '2025-03-31' };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const orders: FixtureOrder[] = BASKETS.map((items, i) => ({
      id: `b${i + 1}`,
      customerId: `c${i + 1}`,
      storeId: 'S',
      at: `2025-03-${String(i + 1).padStart(2, '0')} 12:00`,
      amount: items.length * 10,
      // A repeated line of the same product is still one basket containing it.
      items: [...items, ...(i === 0 ? ['A'] : [])].map((productId) => ({
        productId,
        quantity: 1,
        amount: 10,
      })),
    }));
    orders.push({
      id: 'x1',
      customerId: 'c1',
      storeId: 'S',
      at: '2025-03-05 13:00',
      amount: 20,
      status: 'cancelled',
      items: [
        { productId: 'A', quantity: 1, amount: 10 },
        { productId: 'D', quantity: 1, amount: 10 },
      ],
    });
    await loadFixtureChain(database, {
      cities: [{ name: '杭州', province: '浙江省' }],
      stores: [{ id: 'S', name: 'S', city: '杭州' }],
      products: ['A', 'B', 'C', 'D'].map((id) => ({ id, name: `商品${id}`, category: '热狗' })),
      orders,
    });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('When rules are mined from ten baskets, Then support, confidence and lift are the hand-computed ones', async () => {
    const rules = await associationRules(
      database.db,
      period,
      null,
      { minSupport: 0.1, minConfidence: 0.5, minLift: 1, minPairBaskets: 1 },
      20,
    );
    // A→B: 4/10, 4/6, 4·10/(6·6) = 1.111; the rest lift exactly 1 (cancelled orders never count).
    expect(rules.map(measures)).toEqual([
      { rule: 'A→B', support: 0.4, confidence: 4 / 6, lift: 40 / 36 },
      { rule: 'B→A', support: 0.4, confidence: 4 / 6, lift: 40 / 36 },
      { rule: 'A→C', support: 0.3, confidence: 0.5, lift: 1 },
      { rule: 'B→C', support: 0.3, confidence: 0.5, lift: 1 },
      { rule: 'C→A', support: 0.3, confidence: 0.6, lift: 1 },
      { rule: 'C→B', support: 0.3, confidence: 0.6, lift: 1 },
    ]);
    expect(rules[0]).toMatchObject({
      baskets: 10,
      antecedentBaskets: 6,
      consequentBaskets: 6,
      pairBaskets: 4,
    });
    expect(rules[0]?.antecedentName).toBe('商品A');
  });

  it('When a threshold is raised past a rule, Then the rule drops out (comparisons are exact at the boundary)', async () => {
    const t = { minSupport: 0.1, minConfidence: 0.5, minLift: 1, minPairBaskets: 1 };
    const names = async (over: Partial<typeof t>) =>
      (await associationRules(database.db, period, null, { ...t, ...over }, 20)).map(
        (r) => `${r.antecedent}→${r.consequent}`,
      );
    expect(await names({ minConfidence: 0.55 })).toEqual(['A→B', 'B→A', 'C→A', 'C→B']);
    expect(await names({ minLift: 1.1 })).toEqual(['A→B', 'B→A']);
    expect(await names({ minSupport: 0.4 })).toEqual(['A→B', 'B→A']);
    expect(await names({ minSupport: 0.41 })).toEqual([]);
    expect(await names({ minPairBaskets: 4 })).toEqual(['A→B', 'B→A']);
  });
});

const BREAD = path.resolve(
  import.meta.dirname,
  '../../../../../../../shared/data/bread-basket/BreadBasket_DMS.csv',
);

describe.skipIf(!fs.existsSync(BREAD))(
  'Association rules on the real Bread Basket receipts (skipped without ../shared/data)',
  () => {
    let database: Database & { dispose: () => Promise<void> };
    const baskets = new Map<string, Set<string>>();
    let first = '9999-12-31';
    let last = '0000-01-01';

    beforeAll(async () => {
      const lines = fs.readFileSync(BREAD, 'utf8').split(/\r?\n/).slice(1).filter(Boolean);
      const orderRows: string[] = [];
      const itemRows: string[] = [];
      const lineNo = new Map<string, number>();
      for (const line of lines) {
        const [date = '', time = '', tx = '', item = ''] = line.split(',');
        if (!baskets.has(tx)) {
          baskets.set(tx, new Set());
          orderRows.push(`${tx},S,${date}T${time}+08:00,${date},${Number(time.slice(0, 2))},pos,0,completed`);
          if (date < first) first = date;
          if (date > last) last = date;
        }
        baskets.get(tx)?.add(item);
        const n = (lineNo.get(tx) ?? 0) + 1;
        lineNo.set(tx, n);
        itemRows.push(`${tx},${n},"${item}",1,0`);
      }
      database = await openTestDatabase('pglite');
      await database.db.execute(
        `insert into cities (name, province) values ('Edinburgh', 'Scotland')` as never,
      );
      await database.db.execute(
        `insert into stores (id, name, city) values ('S', 'The Bread Basket', 'Edinburgh')` as never,
      );
      await database.copyCsv(
        'orders',
        ['id', 'store_id', 'ordered_at', 'day', 'hour', 'channel', 'amount', 'status'],
        orderRows.join('\n'),
      );
      await database.copyCsv(
        'order_items',
        ['order_id', 'line_no', 'product_id', 'quantity', 'amount'],
        itemRows.join('\n'),
      );
    });
    afterAll(async () => {
      await database?.dispose();
    });

    it('When rules are mined with the product thresholds, Then they match an independent count over the receipts', async () => {
      const n = baskets.size;
      const single = new Map<string, number>();
      const pair = new Map<string, number>();
      for (const items of baskets.values()) {
        const list = [...items];
        for (const a of list) single.set(a, (single.get(a) ?? 0) + 1);
        for (const a of list)
          for (const b of list)
            if (a !== b) pair.set(`${a}\u0000${b}`, (pair.get(`${a}\u0000${b}`) ?? 0) + 1);
      }
      const expected = [...pair]
        .map(([key, cab]) => {
          const [a = '', b = ''] = key.split('\u0000');
          return { a, b, cab, ca: single.get(a) ?? 0, cb: single.get(b) ?? 0 };
        })
        .filter(
          (r) =>
            r.cab >= ASSOCIATION.minPairBaskets &&
            r.cab >= ASSOCIATION.minSupport * n &&
            r.cab >= ASSOCIATION.minConfidence * r.ca &&
            r.cab * n >= ASSOCIATION.minLift * r.ca * r.cb,
        )
        .sort(
          (x, y) =>
            (y.cab * n) / (y.ca * y.cb) - (x.cab * n) / (x.ca * x.cb) ||
            y.cab - x.cab ||
            (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1),
        )
        .map((r) => ({ rule: `${r.a}→${r.b}`, baskets: n, a: r.ca, b: r.cb, ab: r.cab }));

      const mined = await associationRules(database.db, { from: first, to: last }, null, ASSOCIATION, 100);
      expect(expected.length).toBeGreaterThan(3);
      expect(
        mined.map((r) => ({
          rule: `${r.antecedent}→${r.consequent}`,
          baskets: r.baskets,
          a: r.antecedentBaskets,
          b: r.consequentBaskets,
          ab: r.pairBaskets,
        })),
      ).toEqual(expected);
      // The best-known rule of this data set: toast goes with coffee (confidence about 70 %, lift about 1.5).
      const toast = mined.find((r) => r.antecedent === 'Toast' && r.consequent === 'Coffee');
      expect(toast && toast.pairBaskets / toast.antecedentBaskets).toBeGreaterThan(0.65);
    });
  },
);
