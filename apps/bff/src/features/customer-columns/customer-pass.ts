/**
 * `customerFigures` (db/queries/portrait.ts, PRODUCT §4) answered from the in-memory columns, identical to the SQL:
 * the active customers of (period, stores) with F = Σ orders, M = Σ revenue, R = `to` − last order day and the
 * OR of their rows' hour / mix masks; the RFM flags compare value × n with Σ values as the SQL does (integers:
 * days, orders, cents); lifetime revenue is each active customer's amount in the scope's stores up to `to` —
 * their rows before `from` plus the period's M (chain-wide the SQL takes the same sum from the month snapshots).
 * Money is summed in integer cents and divided by 100 once, which gives the same double as parsing the SQL's exact
 * numeric sum. Returns null when a product could leave the exact integer range (the caller then asks the SQL).
 */
import type { CustomerFigures, Period, RfmCell } from '../../db/queries/portrait';
import { HOURS, MIX_BITS } from '../../db/queries/mix-masks';
import type { StoreFilter } from '../../db/queries/scope-sql';
import type { CustomerColumns } from './columns';
import { chainCustomers } from './chain-customers';
import { customerScratch, heldScan, scopeKey, type CustomerScratch } from './customer-scratch';

export const epochDay = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** The ordinals of the scope's stores (all for the chain); ids without rows have none. */
export function storeOrdinals(columns: { storeIndex: Map<string, number> }, stores: StoreFilter): number[] {
  if (stores === null) return Array.from({ length: columns.storeIndex.size }, (_, i) => i);
  const out = new Set<number>();
  for (const id of stores) {
    const s = columns.storeIndex.get(id);
    if (s !== undefined) out.add(s);
  }
  return [...out];
}

/** First row index in [lo, hi) whose day is ≥ `day` (rows of one store are in day order). */
export function lowerBound(days: Int32Array, lo: number, hi: number, day: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Each customer's Σ orders (`f`), Σ cents (`m`) and last day over the scope's rows of days `from` … `to`, into a
 * scratch fresh from `customerScratch`; returns how many customers it touched (`touched[0 … n)`).
 */
export function scanOrdersCentsLast(
  columns: CustomerColumns,
  scope: readonly number[],
  from: number,
  to: number,
  scratch: CustomerScratch,
): number {
  const { storeStart, day, customer, orders, cents } = columns;
  const { stamp, touched, f, m, last, generation } = scratch;
  let n = 0;
  for (const s of scope) {
    const lo = lowerBound(day, storeStart[s]!, storeStart[s + 1]!, from);
    const hi = from <= to ? lowerBound(day, lo, storeStart[s + 1]!, to + 1) : lo;
    for (let i = lo; i < hi; i++) {
      const c = customer[i]!;
      if (stamp[c] !== generation) {
        stamp[c] = generation;
        touched[n++] = c;
        f[c] = 0;
        m[c] = 0;
        last[c] = day[i]!;
      }
      f[c]! += orders[i]!;
      m[c]! += cents[i]!;
      if (day[i]! > last[c]!) last[c] = day[i]!;
    }
  }
  return n;
}

/**
 * Σf, Σm and Σr over the `n` touched customers (r = `to` − their last day), the sums behind the RFM split (recent
 * when r·n ≤ Σr, frequent when f·n ≥ Σf, valuable when m·n ≥ Σm: the SQL's comparisons with the means, multiplied
 * through by n), and the largest r; null when a sum or product could leave exact integers.
 */
export function rfmSums(
  touched: Int32Array,
  n: number,
  f: Int32Array | Float64Array,
  m: Float64Array,
  last: Int32Array,
  to: number,
): { sf: number; sm: number; sr: number; maxR: number } | null {
  let sf = 0;
  let sm = 0;
  let sr = 0;
  let maxF = 0;
  let maxM = 0;
  let maxR = 0;
  for (let k = 0; k < n; k++) {
    const c = touched[k]!;
    const r = to - last[c]!;
    sf += f[c]!;
    sm += m[c]!;
    sr += r;
    maxF = Math.max(maxF, f[c]!);
    maxM = Math.max(maxM, Math.abs(m[c]!));
    maxR = Math.max(maxR, r);
  }
  return [sf, sm, sr, maxF * n, maxM * n, maxR * n].every((x) => Number.isSafeInteger(x))
    ? { sf, sm, sr, maxR }
    : null;
}

export function columnsCustomerFigures(
  columns: CustomerColumns,
  p: Period,
  stores: StoreFilter,
): CustomerFigures | null {
  const from = epochDay(p.from);
  const to = epochDay(p.to);
  const { storeStart, day, customer, orders, cents, hourMask, mixMask } = columns;
  const scratch = customerScratch(columns);
  const { stamp, touched, f, m, last, hours, mix, generation } = scratch;
  const scope = storeOrdinals(columns, stores);
  let n = 0;
  for (const store of scope) {
    const lo = lowerBound(day, storeStart[store]!, storeStart[store + 1]!, from);
    const hi = from <= to ? lowerBound(day, lo, storeStart[store + 1]!, to + 1) : lo;
    for (let i = lo; i < hi; i++) {
      const c = customer[i]!;
      if (stamp[c] !== generation) {
        stamp[c] = generation;
        touched[n++] = c;
        f[c] = 0;
        m[c] = 0;
        last[c] = day[i]!;
        hours[c] = 0;
        mix[c] = 0;
      }
      f[c]! += orders[i]!;
      m[c]! += cents[i]!;
      if (day[i]! > last[c]!) last[c] = day[i]!;
      hours[c]! |= hourMask[i]!;
      mix[c]! |= mixMask[i]!;
    }
  }
  return figuresOfScan(columns, scratch, n, from, to, scope);
}

/**
 * The same figures from the suggestions' scan of (period, stores) when their scratch holds it (suggestion-pass.ts:
 * a regeneration scans the scope once, before the overview, and both read it); null when it does not.
 */
export function heldCustomerFigures(
  columns: CustomerColumns,
  p: Period,
  stores: StoreFilter,
): { figures: CustomerFigures | null } | null {
  const from = epochDay(p.from);
  const to = epochDay(p.to);
  const scope = storeOrdinals(columns, stores);
  const held = heldScan(columns, from, to, scopeKey(stores === null ? null : scope));
  if (!held) return null;
  // Made once per scan: the KPIs, segments, hourly and channel panels each ask.
  if (held.scan.figures === undefined)
    held.scan.figures = figuresOfScan(columns, held.scratch, held.n, from, to, scope);
  return { figures: held.scan.figures };
}

/**
 * The figures of a period scan held in `scratch` (its `n` touched customers with F, M, last day and masks, stamped
 * with its generation); in whatever order the scan met the customers, the sums are of integers and the same.
 */
function figuresOfScan(
  columns: CustomerColumns,
  scratch: CustomerScratch,
  n: number,
  from: number,
  to: number,
  scope: readonly number[],
): CustomerFigures | null {
  const { storeStart, day, customer, cents } = columns;
  const { stamp, touched, f, m, last, hours, mix, generation } = scratch;
  /** Per store: its first row, the period's first and end rows, its end row. */
  const slices: [number, number, number, number][] = [];
  for (const store of scope) {
    const start = storeStart[store]!;
    const end = storeStart[store + 1]!;
    const lo = lowerBound(day, start, end, from);
    const hi = from <= to ? lowerBound(day, lo, end, to + 1) : lo;
    slices.push([start, lo, hi, end]);
  }

  const sums = rfmSums(touched, n, f, m, last, to);
  if (!sums) return null;
  const { sf, sm, sr } = sums;
  const exact = (x: number) => Number.isSafeInteger(x);

  // Cell index: recent 4, frequent 2, valuable 1 (any fixed order; the SQL's cells come unordered).
  const count = new Float64Array(8);
  const repeaters = new Float64Array(8);
  const revenue = new Float64Array(8);
  const hourCounts = new Float64Array(8 * HOURS);
  const mixCounts = new Float64Array(8 * MIX_BITS);
  for (let k = 0; k < n; k++) {
    const c = touched[k]!;
    const cell = ((to - last[c]!) * n <= sr ? 4 : 0) | (f[c]! * n >= sf ? 2 : 0) | (m[c]! * n >= sm ? 1 : 0);
    count[cell]!++;
    if (f[c]! >= 2) repeaters[cell]!++;
    revenue[cell]! += m[c]!;
    for (let bits = hours[c]!; bits !== 0; bits &= bits - 1)
      hourCounts[cell * HOURS + 31 - Math.clz32(bits & -bits)]!++;
    for (let bits = mix[c]!; bits !== 0; bits &= bits - 1)
      mixCounts[cell * MIX_BITS + 31 - Math.clz32(bits & -bits)]!++;
  }

  // Lifetime: the active customers' rows in the scope's stores before `from`, plus the period's M — chain-wide,
  // when the rows after `to` are fewer, their totals (chain-customers.ts) less those rows.
  let lifetime = sm;
  if (n > 0) {
    let rowsBefore = 0;
    let rowsAfter = 0;
    for (const [start, lo, hi, end] of slices) {
      rowsBefore += lo - start;
      rowsAfter += end - hi;
    }
    const chain =
      scope.length === columns.storeIndex.size && rowsAfter < rowsBefore ? chainCustomers(columns) : null;
    if (chain) {
      let total = 0;
      for (let k = 0; k < n; k++) total += chain.totalCents[touched[k]!]!;
      let after = 0;
      for (const [, , hi, end] of slices)
        for (let i = hi; i < end; i++) if (stamp[customer[i]!] === generation) after += cents[i]!;
      lifetime = total - after;
    } else {
      let before = 0;
      for (const [start, lo] of slices)
        for (let i = start; i < lo; i++) if (stamp[customer[i]!] === generation) before += cents[i]!;
      lifetime = before + sm;
    }
  }
  if (!exact(lifetime)) return null;

  const cells: RfmCell[] = [];
  for (let cell = 0; cell < 8; cell++)
    if (count[cell]! > 0)
      cells.push({
        recent: (cell & 4) !== 0,
        frequent: (cell & 2) !== 0,
        valuable: (cell & 1) !== 0,
        count: count[cell]!,
        revenue: revenue[cell]! / 100,
      });
  const bitTotals = (counts: Float64Array, bits: number) =>
    Array.from({ length: bits }, (_, b) => {
      let total = 0;
      for (let cell = 0; cell < 8; cell++) total += counts[cell * bits + b]!;
      return total;
    });
  return {
    totals: {
      active: n,
      repeaters: repeaters.reduce((a, b) => a + b, 0),
      lifetimeRevenue: n > 0 ? lifetime / 100 : 0,
    },
    cells,
    hourCustomers: bitTotals(hourCounts, HOURS),
    mixCustomers: bitTotals(mixCounts, MIX_BITS),
  };
}
