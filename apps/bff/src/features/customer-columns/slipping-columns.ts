/**
 * The slipping-away list (`slippingAway`, db/queries/model-predictions.ts) answered from the in-memory columns and
 * a run's predictions, identical to the SQL: the scope's active customers (a row in its stores and period) who are
 * high risk with ≥ 2 purchase days in the run, with their last day, distinct days and spend in the scope's stores
 * over the 365 days to the run's as-of day (only those with such a day), ordered by spend desc, churn risk desc,
 * customer id (= prediction rank: ranks follow the database's collation), paged. Spend is summed in integer cents,
 * so equal numeric sums are equal here and cents ÷ 100 is the double the SQL's numeric parses to. Only the page's
 * customers' ids come out; their names and model figures are read by primary key (`slippingDetails`).
 */
import type { Db } from '../../db/client';
import { slippingDetails, type SlippingCustomerRow } from '../../db/queries/slipping-away';
import type { Period } from '../../db/queries/portrait';
import type { StoreFilter } from '../../db/queries/scope-sql';
import { churnPredictions, type ChurnPredictions } from './churn-columns';
import type { CustomerColumns } from './columns';
import { epochDay, lowerBound, storeOrdinals } from './customer-pass';
import { customerScratch } from './customer-scratch';

export type SlippingPageRow = {
  customerId: string;
  lastDay: string;
  daysSince: number;
  visits12m: number;
  spend12m: number;
};

export type SlippingPage = { total: number; rows: SlippingPageRow[] };

/** Where each customer's key starts in `customerKeys` (built once per copy, on the first list asked for). */
const keyStarts = new WeakMap<CustomerColumns, Int32Array>();

function startsOf(columns: CustomerColumns): Int32Array {
  let starts = keyStarts.get(columns);
  if (!starts) {
    const keys = columns.customerKeys;
    starts = new Int32Array(columns.customers + 1);
    let at = 0;
    for (let c = 0; c < columns.customers; c++) {
      starts[c] = at;
      const nl = keys.indexOf('\n', at);
      at = (nl < 0 ? keys.length : nl) + 1;
    }
    starts[columns.customers] = keys.length + 1;
    keyStarts.set(columns, starts);
  }
  return starts;
}

const UNESCAPE: Record<string, string> = { '\\\\': '\\', '\\t': '\t', '\\n': '\n', '\\r': '\r' };

/** The customer id of copy ordinal `c` (its key is in COPY text form: `\\`, `\t`, `\n`, `\r` escaped). */
export function customerIdOf(columns: CustomerColumns, c: number): string {
  const starts = startsOf(columns);
  const key = columns.customerKeys.slice(starts[c]!, starts[c + 1]! - 1);
  return key.includes('\\') ? key.replace(/\\[\\tnr]/g, (e) => UNESCAPE[e] ?? e) : key;
}

const isoDay = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

/** The list's `total` and the ids and 365-day figures of rows `offset` … `offset + limit − 1`; null when a spend could leave exact integers. */
export function columnsSlipping(
  columns: CustomerColumns,
  run: ChurnPredictions,
  p: Period,
  stores: StoreFilter,
  asOfDay: string,
  limit: number,
  offset: number,
): SlippingPage | null {
  const from = epochDay(p.from);
  const to = epochDay(p.to);
  const asOf = epochDay(asOfDay);
  const { storeStart, day, customer, cents } = columns;
  const { rankOf, risk, high, purchaseDays } = run;
  const { stamp, touched, f, m, last, generation } = customerScratch(columns);
  const scope = storeOrdinals(columns, stores);

  // Candidates: active in the period and stores, high risk, ≥ 2 purchase days. f: seen in the 365 days (0 / 1).
  let n = 0;
  for (const s of scope) {
    const lo = lowerBound(day, storeStart[s]!, storeStart[s + 1]!, from);
    const hi = from <= to ? lowerBound(day, lo, storeStart[s + 1]!, to + 1) : lo;
    for (let i = lo; i < hi; i++) {
      const c = customer[i]!;
      if (stamp[c] === generation) continue;
      const r = rankOf[c]!;
      if (r < 0 || !high[r] || purchaseDays[r]! < 2) continue;
      stamp[c] = generation;
      touched[n++] = c;
      f[c] = 0;
      m[c] = 0;
      last[c] = 0;
    }
  }

  // Their rows in the stores over as-of − 364 … as-of: spend, last day; the rows kept for the page's day counts.
  let windowRows = new Int32Array(Math.min(1024, columns.rows));
  let kept = 0;
  if (n > 0)
    for (const s of scope) {
      const lo = lowerBound(day, storeStart[s]!, storeStart[s + 1]!, asOf - 364);
      const hi = lowerBound(day, lo, storeStart[s + 1]!, asOf + 1);
      for (let i = lo; i < hi; i++) {
        const c = customer[i]!;
        if (stamp[c] !== generation) continue;
        f[c] = 1;
        m[c]! += cents[i]!;
        if (day[i]! > last[c]!) last[c] = day[i]!;
        if (kept === windowRows.length) {
          const grown = new Int32Array(kept * 2);
          grown.set(windowRows);
          windowRows = grown;
        }
        windowRows[kept++] = i;
      }
    }

  const listed = new Int32Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    const c = touched[k]!;
    if (f[c] === 0) continue;
    if (!Number.isSafeInteger(m[c])) return null;
    listed[total++] = c;
  }
  const order = listed.subarray(0, total);
  order.sort((a, b) => m[b]! - m[a]! || risk[rankOf[b]!]! - risk[rankOf[a]!]! || rankOf[a]! - rankOf[b]!);
  const page = order.subarray(Math.min(offset, total), Math.min(offset + limit, total));

  // Distinct days (across stores) of the page's customers only.
  const pageDays = new Map<number, Set<number>>();
  for (const c of page) pageDays.set(c, new Set());
  if (page.length > 0)
    for (let k = 0; k < kept; k++) {
      const i = windowRows[k]!;
      pageDays.get(customer[i]!)?.add(day[i]!);
    }
  return {
    total,
    rows: Array.from(page, (c) => ({
      customerId: customerIdOf(columns, c),
      lastDay: isoDay(last[c]!),
      daysSince: asOf - last[c]!,
      visits12m: pageDays.get(c)!.size,
      spend12m: m[c]! / 100,
    })),
  };
}

/**
 * Run `runId`'s predictions for `columns` if already read, else null — after starting their read: a request never
 * waits seconds for them (the SQL answers meanwhile). A race with a settled null goes to the predictions only when
 * they are already in (both settled: the first listed wins).
 */
export async function predictionsIfRead(
  db: Db,
  columns: CustomerColumns,
  runId: number,
): Promise<ChurnPredictions | null> {
  const pending = churnPredictions(db, columns, runId);
  return Promise.race([pending, Promise.resolve(null)]).catch(() => null);
}

/**
 * The page of the slipping-away list as `slippingAway` returns it, from the columns and the run's predictions plus
 * one primary-key read of the page's details; null when the columns cannot answer (the caller asks the SQL).
 */
export async function columnsSlippingAway(
  db: Db,
  columns: CustomerColumns,
  a: {
    runId: number;
    period: Period;
    stores: StoreFilter;
    asOfDay: string;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; rows: SlippingCustomerRow[] } | null> {
  const predictions = await predictionsIfRead(db, columns, a.runId);
  const page =
    predictions && columnsSlipping(columns, predictions, a.period, a.stores, a.asOfDay, a.limit, a.offset);
  if (!page) return null;
  const details = await slippingDetails(
    db,
    a.runId,
    page.rows.map((r) => r.customerId),
  );
  const rows: SlippingCustomerRow[] = [];
  for (const r of page.rows) {
    const d = details.get(r.customerId);
    // The run was replaced or deleted since: let the SQL answer.
    if (!d) return null;
    rows.push({
      customerId: r.customerId,
      name: d.name,
      phone: d.phone,
      email: d.email,
      memberLevel: d.memberLevel,
      lastDay: r.lastDay,
      daysSince: r.daysSince,
      visits12m: r.visits12m,
      spend12m: r.spend12m,
      pActive: d.pActive,
      churnRisk: d.churnRisk,
      expectedOrders90: d.expectedOrders90,
      predictedValue: d.predictedValue,
    });
  }
  return { total: page.total, rows };
}
