/**
 * The suggestion engine's faster inputs equal their previous formulations on the small demo, for many periods and
 * store sets: the per-customer figures from the in-memory columns (one pass) equal the SQL of segment recency,
 * repurchase gaps and the custom targets' sizes; the cross-sell sizes of several rules read at once equal each
 * rule's own `targetSummary`; the association rules over distinct baskets equal the previous query over every
 * (order, product). Plus the median's interpolation and the overdue factor's exact comparison on hand data.
 */
import { sql } from 'drizzle-orm';
import { PLATFORM_CHANNELS } from '@portrait/shared/suggestions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@portrait/shared/dates';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Db } from '../../../db/client';
import { getDataVersion } from '../../../db/queries/data-meta';
import { CHANNEL_BITS, channelsMask, hourRangeMask } from '../../../db/queries/mix-masks';
import type { Period } from '../../../db/queries/portrait';
import type { StoreFilter } from '../../../db/queries/scope-sql';
import {
  associationRules,
  readLinesByKey,
  repurchaseGaps,
  segmentRecency,
} from '../../../db/queries/suggestion-aggregates';
import { crossSellSummaries, targetSummary } from '../../../db/queries/suggestion-targets';
import { queryRows } from '../../../db/sql';
import { createLogger } from '../../../lib/logger';
import {
  createCustomerColumns,
  type CustomerColumnsService,
} from '../../customer-columns/customer-columns-service';
import { heldCustomerFigures } from '../../customer-columns/customer-pass';
import { decimalRatio, medianCont } from '../../customer-columns/suggestion-pass';
import { loadDemo } from '../../demo/load-demo';
import { createResultCache } from '../../../lib/result-cache';
import { createPortraitService } from '../../portrait/portrait-service';
import { createScopeResolver } from '../../portrait/scope-resolver';
import { createStoreCatalog } from '../../portrait/store-catalog';
import { collectEngineInput } from '../engine-input';
import { ASSOCIATION } from '../parameters';
import { associationRulesReference } from './association-reference';
import { storeScopes } from '../../customer-columns/__tests__/store-scopes';

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
const WINDOWS: [number, number][] = [
  [14, 17],
  [22, 23],
  [0, 23],
  [5, 4],
];
const FACTORS = [1.5, 1, 2.25, 0.7];

describe('Median and overdue factor (hand-checked)', () => {
  it('When the median is taken, Then it is the middle value or the mean of the two middle ones', () => {
    expect(medianCont(new Float64Array([]))).toBeNull();
    expect(medianCont(new Float64Array([7]))).toBe(7);
    expect(medianCont(new Float64Array([4, 1, 3, 2]))).toBe(2.5);
    expect(medianCont(new Float64Array([10, 0.5, 3]))).toBe(3);
  });
  it('When a factor is a decimal, Then it is an exact ratio of integers', () => {
    expect(decimalRatio(1.5)).toEqual([15, 10]);
    expect(decimalRatio(2)).toEqual([2, 1]);
    expect(decimalRatio(0.7)).toEqual([7, 10]);
  });
});

describe.each(databaseKinds())('Suggestion inputs: fast paths equal the SQL (%s)', (kind) => {
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
    expect(await columns.ready(version)).toBe(true);
    scopes.push(...(await storeScopes(db)));
  }, 240_000);
  afterAll(async () => {
    await columns?.stop();
    await dispose?.();
  });

  it('When the columns answer the per-customer figures, Then they equal each SQL query', async () => {
    const platform = channelsMask([...PLATFORM_CHANNELS]);
    let nonEmpty = 0;
    for (const [label, stores] of scopes)
      for (const p of PERIODS)
        for (const [k, factor] of FACTORS.entries()) {
          const [fromHour, toHour] = WINDOWS[k % WINDOWS.length]!;
          const at = `${label} ${p.from}..${p.to} factor ${factor} hours ${fromHour}-${toHour}`;
          const pass = columns.suggestionFigures(version, p, stores, {
            overdueFactor: factor,
            offPeakHours: hourRangeMask(fromHour, toHour),
            platformBlocked: platform === null ? null : CHANNEL_BITS & ~platform,
          });
          expect(pass, at).not.toBeNull();
          const expected = {
            segmentRecency: await segmentRecency(db, p, stores),
            repurchaseGaps: await repurchaseGaps(db, p, stores),
            repurchaseDue: await targetSummary(db, p, stores, {
              rule: 'repurchase_due',
              overdueFactor: factor,
            }),
            firstToSecond: await targetSummary(db, p, stores, { rule: 'first_to_second' }),
            offPeak: await targetSummary(db, p, stores, { rule: 'off_peak', fromHour, toHour }),
            platformOnly: await targetSummary(db, p, stores, {
              rule: 'platform_only',
              channels: [...PLATFORM_CHANNELS],
            }),
          };
          expect(pass, at).toEqual(expected);
          if (expected.repurchaseDue.customers > 0 && expected.firstToSecond.customers > 0) nonEmpty++;
        }
    // The comparison is not vacuous: most scopes have overdue and one-time new customers.
    expect(nonEmpty).toBeGreaterThan(20);
  }, 600_000);

  it('When several cross-sell targets are sized at once, Then each equals its own targetSummary', async () => {
    const products = await queryRows<{ id: string }>(db, sql`select id from products order by id limit 6`);
    const ids = products.map((r) => r.id);
    const pairs = [
      { antecedent: ids[0]!, consequent: ids[1]! },
      { antecedent: ids[1]!, consequent: ids[0]! },
      { antecedent: ids[2]!, consequent: ids[3]! },
      { antecedent: ids[4]!, consequent: ids[5]! },
      { antecedent: ids[0]!, consequent: 'NO-SUCH-PRODUCT' },
    ];
    let members = 0;
    for (const [label, stores] of scopes)
      for (const p of PERIODS.slice(0, 5)) {
        const together = await crossSellSummaries(db, p, stores, pairs);
        const each = [];
        for (const pair of pairs)
          each.push(
            await targetSummary(db, p, stores, {
              rule: 'cross_sell',
              ...pair,
              antecedentName: '',
              consequentName: '',
            }),
          );
        expect(together, `${label} ${p.from}..${p.to}`).toEqual(each);
        members += each.reduce((a, s) => a + s.customers, 0);
      }
    expect(members).toBeGreaterThan(0);
    expect(await crossSellSummaries(db, PERIODS[1]!, null, [])).toEqual([]);
  }, 600_000);

  it('When a scope is a small share of the data, Then its order lines are read by key; a wide one by a join', async () => {
    const [one] = scopes.find(([label]) => label === 'one store')![1]!;
    expect(await readLinesByKey(db, { from: END, to: END }, null)).toBe(true);
    expect(await readLinesByKey(db, { from: addDays(END, -364), to: END }, null)).toBe(false);
    expect(await readLinesByKey(db, { from: addDays(END, -29), to: END }, [one!])).toBe(true);
    // The association and cross-sell comparisons below run over scopes of both kinds.
    const kinds = new Set<boolean>();
    for (const [, stores] of scopes) for (const p of PERIODS) kinds.add(await readLinesByKey(db, p, stores));
    expect([...kinds].sort()).toEqual([false, true]);
  });

  it('When association rules are mined over distinct baskets, Then they equal the previous query', async () => {
    const loose = { minSupport: 0.001, minConfidence: 0, minLift: 0, minPairBaskets: 1 };
    let found = 0;
    for (const [label, stores] of scopes)
      for (const p of PERIODS)
        for (const t of [ASSOCIATION, loose]) {
          const fast = await associationRules(db, p, stores, t, 500);
          const before = await associationRulesReference(db, p, stores, t, 500);
          expect(fast, `${label} ${p.from}..${p.to}`).toEqual(before);
          found += fast.length;
        }
    expect(found).toBeGreaterThan(50);
  }, 600_000);

  it('When the engine input is collected with the columns (the overview too), Then it equals the all-SQL input', async () => {
    const scopes = createScopeResolver(db, createStoreCatalog(db));
    const portrait = createPortraitService({ db, scopes, cache: createResultCache({ enabled: false }) });
    // The overview from the columns too, reading the suggestions' scan of the scope (asked first).
    let readHeld = 0;
    let scannedAgain = 0;
    let asking: { from: string; to: string } | null = null;
    const portraitOnColumns = createPortraitService({
      db,
      scopes,
      cache: createResultCache({ enabled: false }),
      columns: {
        ...columns,
        figures: (v, p, s) => {
          if (heldCustomerFigures(columns.customerRows(v)!, p, s)) readHeld++;
          else if (p.from === asking?.from && p.to === asking.to) scannedAgain++;
          return columns.figures(v, p, s);
        },
      },
    });
    const stores = await queryRows<{ id: string; city: string }>(
      db,
      sql`select id, city from stores order by id`,
    );
    const asked = [
      { from: addDays(END, -29), to: END, cities: [], stores: [] },
      { from: addDays(END, -364), to: END, cities: [], stores: [] },
      { from: addDays(END, -89), to: END, cities: [stores[0]!.city], stores: [] },
      { from: addDays(END, -89), to: END, cities: [], stores: [stores[1]!.id] },
      { from: addDays(END, -103), to: addDays(END, -14), cities: [], stores: [] },
      { from: '2024-11-11', to: '2025-02-03', cities: [], stores: stores.slice(2, 5).map((s) => s.id) },
      { from: '2024-11-11', to: '2025-02-03', cities: [stores[0]!.city], stores: [] },
    ];
    let rules = 0;
    for (const scope of asked) {
      const { stores: filter } = await scopes.resolve(scope, null);
      const withColumns = await collectEngineInput(
        { db, portrait, columns: { service: columns, version } },
        scope,
        null,
        filter,
      );
      const allSql = await collectEngineInput({ db, portrait }, scope, null, filter);
      const at = `${scope.from}..${scope.to} ${scope.cities} ${scope.stores}`;
      expect(withColumns, at).toEqual(allSql);
      asking = scope;
      const allColumns = await collectEngineInput(
        { db, portrait: portraitOnColumns, columns: { service: columns, version } },
        scope,
        null,
        filter,
      );
      // Byte-equal to the columns' input before the scan was shared (segment recency's keys come in the order the
      // scan meets the cells, unlike the SQL's: compared as objects above).
      expect(allColumns, at).toEqual(allSql);
      expect(JSON.stringify(allColumns), at).toBe(JSON.stringify(withColumns));
      rules += withColumns.crossSell.length;
    }
    expect(rules).toBeGreaterThan(0);
    // Each scope's overview read the suggestions' scan (its previous period scanned on its own).
    expect(readHeld).toBeGreaterThanOrEqual(asked.length);
    expect(scannedAgain).toBe(0);
  }, 600_000);
});
