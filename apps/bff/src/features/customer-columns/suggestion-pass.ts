/**
 * The suggestion engine's per-customer figures answered from the in-memory columns in one pass, identical to their
 * SQL (db/queries/suggestion-aggregates.ts, suggestion-targets.ts), which each group `customer_store_days` of the
 * scope by customer again: segment recency, repurchase gaps and the sizes of the custom targets repurchase_due,
 * first_to_second, off_peak and platform_only. Rows are visited in day order across the scope's stores (one
 * cursor per store), so a customer's distinct order days are counted as they come. Integers throughout (days,
 * orders, cents); null when a product could leave the exact integer range (the caller then asks the SQL).
 */
import { segmentOf, type SegmentKey } from '@portrait/shared/segments';
import type { Period } from '../../db/queries/portrait';
import type { StoreFilter } from '../../db/queries/scope-sql';
import type { RepurchaseGaps } from '../../db/queries/suggestion-aggregates';
import type { TargetSummary } from '../../db/queries/suggestion-targets';
import type { CustomerColumns } from './columns';
import { chainCustomers } from './chain-customers';
import { epochDay, lowerBound, rfmSums, storeOrdinals } from './customer-pass';
import { heldScan, recordScan, scopeKey, suggestionScratch } from './customer-scratch';

export type SuggestionPassParams = {
  overdueFactor: number;
  /** `hour_mask` bits of the off-peak window, or null when there is none. */
  offPeakHours: number | null;
  /** `mix_mask` channel bits outside the platform channels, or null when the masks cannot tell (SQL on orders). */
  platformBlocked: number | null;
};

export type SuggestionPassFigures = {
  segmentRecency: Partial<Record<SegmentKey, number>>;
  repurchaseGaps: RepurchaseGaps;
  repurchaseDue: TargetSummary;
  firstToSecond: TargetSummary;
  offPeak: TargetSummary | null;
  platformOnly: TargetSummary | null;
};

/** `factor` as numerator / 10^k from its decimal text (what the SQL receives), so the comparison is exact. */
export function decimalRatio(factor: number): [number, number] {
  const text = String(factor);
  if (!/^\d+(\.\d+)?$/.test(text)) throw new Error(`overdue factor ${text}: not a plain decimal`);
  const [whole = '', frac = ''] = text.split('.');
  return [Number(whole + frac), 10 ** frac.length];
}

/**
 * PostgreSQL's `percentile_cont(0.5)` over `values` (sorted here): the middle value, or for an even count
 * lo + 0.5 × (hi − lo) in doubles, exactly as its interpolation computes it; null when empty.
 */
export function medianCont(values: Float64Array): number | null {
  const n = values.length;
  if (n === 0) return null;
  values.sort();
  const pos = 0.5 * (n - 1);
  const first = Math.floor(pos);
  const second = Math.ceil(pos);
  const lo = values[first]!;
  if (first === second) return lo;
  return lo + (pos - first) * (values[second]! - lo);
}

type Sums = { customers: number; orders: number; cents: number };
const summary = (s: Sums): TargetSummary => ({
  customers: s.customers,
  orders: s.orders,
  revenue: s.cents / 100,
});

/**
 * The suggestions' period scan of (period, stores) into their own scratch (customer-scratch.ts), left there for
 * the passes that follow on the same scope: the overview's customer pass (customer-pass.ts `heldCustomerFigures`),
 * this file's figures and churn by segment. Nothing is done when the scratch holds it already.
 */
export function suggestionScan(columns: CustomerColumns, p: Period, stores: StoreFilter) {
  const from = epochDay(p.from);
  const to = epochDay(p.to);
  const scope = storeOrdinals(columns, stores);
  const key = scopeKey(stores === null ? null : scope);
  const held = heldScan(columns, from, to, key);
  if (held) return { ...held.scratch, ...held.scratch.extra!, n: held.n, from, to, scope };

  const { storeStart, day, customer, orders, cents, hourMask, mixMask } = columns;
  const { stamp, priorStamp, touched, f, m, first, last, days, hours, mix, generation, scratch } =
    suggestionScratch(columns);
  // Chain-wide, a customer seen before `from` is one whose first day anywhere is before it (chain-customers.ts).
  const chain = scope.length === columns.storeIndex.size ? chainCustomers(columns) : null;
  const cursor: number[] = [];
  const end: number[] = [];
  for (const s of scope) {
    const start = storeStart[s]!;
    const lo = lowerBound(day, start, storeStart[s + 1]!, from);
    // A row of the scope's stores before `from`: its customer's first day there is before the period.
    if (!chain) for (let i = start; i < lo; i++) priorStamp[customer[i]!] = generation;
    cursor.push(lo);
    end.push(from <= to ? lowerBound(day, lo, storeStart[s + 1]!, to + 1) : lo);
  }
  let n = 0;
  for (let d = from; d <= to; d++)
    for (let k = 0; k < cursor.length; k++) {
      let i = cursor[k]!;
      const stop = end[k]!;
      for (; i < stop && day[i] === d; i++) {
        const c = customer[i]!;
        if (stamp[c] !== generation) {
          stamp[c] = generation;
          touched[n++] = c;
          f[c] = 0;
          m[c] = 0;
          first[c] = d;
          days[c] = 0;
          hours[c] = 0;
          mix[c] = 0;
        }
        if (last[c] !== d || days[c] === 0) days[c]!++;
        last[c] = d;
        f[c]! += orders[i]!;
        m[c]! += cents[i]!;
        hours[c]! |= hourMask[i]!;
        mix[c]! |= mixMask[i]!;
      }
      cursor[k] = i;
    }
  recordScan(scratch, from, to, key, n);
  return { ...scratch, ...scratch.extra!, n, from, to, scope };
}

export function columnsSuggestionFigures(
  columns: CustomerColumns,
  p: Period,
  stores: StoreFilter,
  params: SuggestionPassParams,
): SuggestionPassFigures | null {
  // The scan is usually held already (asked before the overview, whose customer pass reads it too).
  const { priorStamp, touched, f, m, first, last, days, hours, mix, generation, n, from, to, scope } =
    suggestionScan(columns, p, stores);
  const chain = scope.length === columns.storeIndex.size ? chainCustomers(columns) : null;

  const sums = rfmSums(touched, n, f, m, last, to);
  if (!sums) return null;
  const { sf, sm, sr, maxR } = sums;
  let repeat = 0;
  for (let k = 0; k < n; k++) if (days[touched[k]!]! >= 2) repeat++;
  const [num, den] = decimalRatio(params.overdueFactor);
  const span = to - from;
  if (![maxR * span * den, num * span].every((x) => Number.isSafeInteger(x))) return null;

  // Per RFM cell (recent 4, frequent 2, valuable 1): customers and Σ R (integers), and the order cells are first
  // met in (the keys' order of the answer, as when they were gathered by segment key).
  const cellCustomers = new Float64Array(8);
  const cellR = new Float64Array(8);
  const cellOrder: number[] = [];
  const gaps = new Float64Array(repeat);
  let g = 0;
  const due: Sums = { customers: 0, orders: 0, cents: 0 };
  const fresh: Sums = { customers: 0, orders: 0, cents: 0 };
  const offPeak: Sums = { customers: 0, orders: 0, cents: 0 };
  const platform: Sums = { customers: 0, orders: 0, cents: 0 };
  const add = (s: Sums, c: number) => {
    s.customers++;
    s.orders += f[c]!;
    s.cents += m[c]!;
  };
  for (let k = 0; k < n; k++) {
    const c = touched[k]!;
    const r = to - last[c]!;
    const cell = (r * n <= sr ? 4 : 0) | (f[c]! * n >= sf ? 2 : 0) | (m[c]! * n >= sm ? 1 : 0);
    if (cellCustomers[cell]!++ === 0) cellOrder.push(cell);
    cellR[cell]! += r;
    const d = days[c]!;
    if (d >= 2) {
      const spread = last[c]! - first[c]!;
      gaps[g++] = spread / (d - 1);
      // (r × (d − 1)) > factor × (l − f), with factor = num / den: multiplied through by den.
      if (r * (d - 1) * den > num * spread) add(due, c);
    }
    const seenBefore = chain ? chain.firstDay[c]! < from : priorStamp[c] === generation;
    if (!seenBefore && f[c] === 1) add(fresh, c);
    if (params.offPeakHours !== null && (hours[c]! & params.offPeakHours) !== 0) add(offPeak, c);
    if (params.platformBlocked !== null && (mix[c]! & params.platformBlocked) === 0) add(platform, c);
  }
  return {
    segmentRecency: Object.fromEntries(
      cellOrder.map((cell) => [
        segmentOf({ recent: (cell & 4) !== 0, frequent: (cell & 2) !== 0, valuable: (cell & 1) !== 0 }),
        cellR[cell]! / cellCustomers[cell]!,
      ]),
    ),
    repurchaseGaps: { repeatCustomers: repeat, medianGapDays: medianCont(gaps) },
    repurchaseDue: summary(due),
    firstToSecond: summary(fresh),
    offPeak: params.offPeakHours === null ? null : summary(offPeak),
    platformOnly: params.platformBlocked === null ? null : summary(platform),
  };
}
