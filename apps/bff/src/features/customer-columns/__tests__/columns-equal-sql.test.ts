/**
 * The in-memory customer columns answer the per-customer pass exactly as the SQL (`customerFigures`) does, their
 * copy of `store_day_mix` the sales totals, hourly and channel figures, and their copy of `product_store_days` the
 * top products (by quantity and by revenue, the top 10 and every product, so ties are compared too), and their
 * copy of the first days the new and total customers, on the
 * small demo for the chain, one store, several stores, a city, stores without data and no stores, over periods of
 * 1, 7, 30, 90 and 365 days, mid-month, from a month's first day, before, across and after the data, and empty
 * (from > to) — on PGlite and on PostgreSQL (there the copy loads on a worker thread; loaded on the main thread, the
 * same copy gives the same answers); also when the customer pass reads the suggestions' scan of the scope (held
 * across another period's pass, dropped by another scope's scan). Cells are compared as a set (the SQL returns them unordered);
 * every number must be the same double.
 */
import { addDays } from '@portrait/shared/dates';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/client';
import { getDataVersion } from '../../../db/queries/data-meta';
import {
  customerFigures,
  customerFirsts,
  salesTotals,
  topProducts,
  type Period,
} from '../../../db/queries/portrait';
import { channelMix, hourlyFigures } from '../../../db/queries/portrait-mix';
import type { StoreFilter } from '../../../db/queries/scope-sql';
import { queryRows } from '../../../db/sql';
import { createLogger } from '../../../lib/logger';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { loadDemo } from '../../demo/load-demo';
import { createCustomerColumns, type CustomerColumnsService } from '../customer-columns-service';
import { heldCustomerFigures } from '../customer-pass';
import { normalized } from './normalized';
import { storeScopes } from './store-scopes';

const END = '2025-06-30';

const PERIODS: Period[] = [
  { from: END, to: END },
  { from: addDays(END, -6), to: END },
  { from: addDays(END, -29), to: END },
  { from: addDays(END, -89), to: END },
  { from: addDays(END, -364), to: END },
  { from: '2025-06-01', to: END },
  { from: '2025-03-17', to: '2025-04-30' },
  { from: '2024-11-11', to: '2025-02-03' },
  { from: '2025-01-01', to: '2025-01-01' },
  { from: '2025-02-15', to: '2025-03-14' },
  { from: '2020-01-01', to: '2030-12-31' },
  { from: '2020-01-01', to: '2020-01-31' },
  { from: '2025-07-01', to: '2025-07-31' },
  { from: '2025-05-10', to: '2025-05-01' },
];

describe.each(databaseKinds())('Customer columns equal the SQL on the small demo (%s)', (kind) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let columns: CustomerColumnsService;
  let version: number;
  const scopes: [string, StoreFilter][] = [];

  beforeAll(async () => {
    const database = await openTestDatabase(kind);
    dispose = database.dispose;
    db = database.db;
    await loadDemo(database, { size: 'small', seed: 11, endDate: END });
    version = await getDataVersion(db);
    columns = createCustomerColumns({ db, logger: createLogger('silent'), enabled: true });
    expect(await columns.ready(version)).toBe(true);
    const common = await storeScopes(db);
    const ids = (await queryRows<{ id: string }>(db, sql`select id from stores order by id`)).map(
      (r) => r.id,
    );
    scopes.push(
      ...common,
      ['another store', ids.slice(-1)],
      ['a store without rows and a real one', ['NO-SUCH-STORE', ids[2] ?? '']],
    );
  });
  afterAll(async () => {
    await columns?.stop();
    await dispose?.();
  });

  it('When the columns load, Then they hold the current data version and every row', async () => {
    const status = columns.status();
    expect(status?.version).toBe(version);
    const [count] = await queryRows<{ n: string }>(db, sql`select count(*) as n from customer_store_days`);
    expect(status?.rows).toBe(Number(count?.n));
    const [products] = await queryRows<{ n: string }>(db, sql`select count(*) as n from product_store_days`);
    expect(status?.productRows).toBe(Number(products?.n));
    const [firsts] = await queryRows<{ n: string }>(db, sql`select count(*) as n from customer_store_firsts`);
    expect(status?.firstsRows).toBe(Number(firsts?.n));
  });

  it('When any scope and period is asked, Then the columns answer exactly what the SQL answers', async () => {
    let compared = 0;
    for (const [label, stores] of scopes)
      for (const p of PERIODS) {
        const fromColumns = columns.figures(version, p, stores);
        expect(fromColumns, `${label} ${p.from}..${p.to}`).not.toBeNull();
        const fromSql = await customerFigures(db, p, stores);
        expect(normalized(fromColumns), `${label} ${p.from}..${p.to}`).toEqual(normalized(fromSql));
        compared++;
      }
    expect(compared).toBe(scopes.length * PERIODS.length);
  });

  it("When the suggestions' scan of a scope is held, Then the customer pass read from it equals the SQL", async () => {
    let read = 0;
    for (const [label, stores] of scopes)
      for (const [k, p] of PERIODS.entries()) {
        const at = `${label} ${p.from}..${p.to}`;
        const fromSql = normalized(await customerFigures(db, p, stores));
        expect(columns.suggestionScan(version, p, stores), at).toBe(true);
        // Another pass between the scan and its use (the overview's previous period) leaves it held.
        const other = PERIODS[(k + 1) % PERIODS.length]!;
        expect(normalized(columns.figures(version, other, stores)), at).toEqual(
          normalized(await customerFigures(db, other, stores)),
        );
        const columnsRows = columns.customerRows(version)!;
        if (heldCustomerFigures(columnsRows, p, stores)) read++;
        expect(normalized(columns.figures(version, p, stores)), at).toEqual(fromSql);
        // Asked twice from the held scan: the same answer.
        expect(normalized(columns.figures(version, p, stores)), at).toEqual(fromSql);
        // Another scope's scan ends the hold: the pass scans itself, with the same answer.
        columns.suggestionScan(version, other, null);
        expect(heldCustomerFigures(columnsRows, p, stores), at).toBeNull();
        expect(normalized(columns.figures(version, p, stores)), at).toEqual(fromSql);
      }
    expect(read).toBe(scopes.length * PERIODS.length);
  });

  it('When any scope and period is asked, Then the store_day_mix sums give the SQL sales, hourly and channel figures', async () => {
    for (const [label, stores] of scopes)
      for (const p of PERIODS) {
        const at = `${label} ${p.from}..${p.to}`;
        const mix = () => columns.mixSums(version, p, stores);
        expect(mix(), at).not.toBeNull();
        const pass = () => customerFigures(db, p, stores);
        expect(await salesTotals(db, p, stores, mix), at).toEqual(await salesTotals(db, p, stores));
        const byHour = (rows: { hour: number }[]) => [...rows].sort((a, b) => a.hour - b.hour);
        expect(byHour(await hourlyFigures(db, p, stores, pass, mix)), at).toEqual(
          byHour(await hourlyFigures(db, p, stores, pass)),
        );
        expect(await channelMix(db, p, stores, pass, mix), at).toEqual(await channelMix(db, p, stores, pass));
      }
  });

  it('When any scope and period is asked, Then the top products are the SQL list, ties and totals included', async () => {
    let tied = 0;
    for (const [label, stores] of scopes)
      for (const p of PERIODS)
        for (const by of ['quantity', 'revenue'] as const)
          for (const limit of [10, 100_000]) {
            const at = `${label} ${p.from}..${p.to} by ${by} top ${limit}`;
            const fromColumns = columns.topProducts(version, p, stores, by, limit);
            expect(fromColumns, at).not.toBeNull();
            expect(fromColumns, at).toEqual(await topProducts(db, p, stores, by, limit));
            const measures = fromColumns!.rows.map((r) => r[by]);
            tied += measures.filter((m, i) => i > 0 && m === measures[i - 1]).length;
          }
    // The small demo has equal measures side by side (ordered by product id): the tie-break is compared.
    expect(tied).toBeGreaterThan(0);
  });

  it('When any scope and period is asked, Then new and total customers are the SQL counts', async () => {
    for (const [label, stores] of scopes)
      for (const p of PERIODS) {
        const at = `${label} ${p.from}..${p.to}`;
        const fromColumns = columns.firsts(version, p, stores);
        expect(fromColumns, at).toEqual(await customerFirsts(db, p, stores));
      }
  });

  it('When the copy loads, Then on PostgreSQL a worker thread loaded it, and loaded on this thread it answers the same', async () => {
    expect(columns.status()?.thread).toBe(kind === 'postgres' ? 'worker' : 'main');
    const onMain = createCustomerColumns({
      db,
      logger: createLogger('silent'),
      enabled: true,
      thread: 'main',
    });
    try {
      expect(await onMain.ready(version)).toBe(true);
      const { loadMs: _a, basketsMs: _c, thread, ...mainStatus } = onMain.status()!;
      const { loadMs: _b, basketsMs: _d, ...status } = columns.status()!;
      expect(thread).toBe('main');
      expect({ ...mainStatus, thread: status.thread }).toEqual(status);
      for (const [label, stores] of scopes)
        for (const p of PERIODS) {
          const at = `${label} ${p.from}..${p.to}`;
          expect(onMain.figures(version, p, stores), at).toEqual(columns.figures(version, p, stores));
          expect(onMain.mixSums(version, p, stores), at).toEqual(columns.mixSums(version, p, stores));
          expect(onMain.firsts(version, p, stores), at).toEqual(columns.firsts(version, p, stores));
          expect(onMain.topProducts(version, p, stores, 'revenue', 100_000), at).toEqual(
            columns.topProducts(version, p, stores, 'revenue', 100_000),
          );
        }
    } finally {
      await onMain.stop();
    }
  });

  it('When a request names another data version, Then the columns do not answer (the SQL does)', () => {
    expect(columns.figures(version - 1, PERIODS[0]!, null)).toBeNull();
    expect(columns.topProducts(version - 1, PERIODS[0]!, null, 'quantity', 10)).toBeNull();
    expect(columns.firsts(version - 1, PERIODS[0]!, null)).toBeNull();
  });
});
