/**
 * An in-memory columnar copy of an additive rollup keyed by (store, day, key) — `store_day_mix` (key: hour, channel,
 * order type): a count and revenue in integer cents per row, rows by store then day as in `columns.ts`. A question
 * (stores, day range) sums the slices per key; money stays in integer cents until the end, so each sum divided by
 * 100 is the same double as the SQL's exact numeric sum.
 */
import type { Period } from '../../db/queries/portrait';
import { decodeKey } from '../../db/queries/customer-columns';
import type { StoreFilter } from '../../db/queries/scope-sql';
import { storeDayLayout } from './columns';
import { epochDay, lowerBound, storeOrdinals } from './customer-pass';

export type RollupColumns = {
  rows: number;
  storeIndex: Map<string, number>;
  storeStart: Int32Array;
  day: Int32Array;
  key: Int32Array;
  count: Float64Array;
  cents: Float64Array;
  /** Each key's column values, by key ordinal. */
  keys: string[][];
  bytes: number;
};

export function rollupBuilder(capacity: number): {
  add: (storeId: string, day: number, ints: Float64Array, key: string) => void;
  finish: () => RollupColumns;
} {
  let n = 0;
  let size = Math.max(capacity, 1024);
  let store = new Int32Array(size);
  let day = new Int32Array(size);
  let key = new Int32Array(size);
  let count = new Float64Array(size);
  let cents = new Float64Array(size);
  const keyIndex = new Map<string, number>();
  const storeIndex = new Map<string, number>();

  function grow() {
    size *= 2;
    const wider = <T extends Int32Array | Float64Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    store = wider(store, new Int32Array(size));
    day = wider(day, new Int32Array(size));
    key = wider(key, new Int32Array(size));
    count = wider(count, new Float64Array(size));
    cents = wider(cents, new Float64Array(size));
  }

  /** `ints`: the count and the revenue in cents. */
  function add(s: string, d: number, ints: Float64Array, k: string) {
    if (n === size) grow();
    let si = storeIndex.get(s);
    if (si === undefined) storeIndex.set(s, (si = storeIndex.size));
    let ki = keyIndex.get(k);
    if (ki === undefined) keyIndex.set(k, (ki = keyIndex.size));
    const c = ints[0]!;
    const r = ints[1]!;
    if (!Number.isSafeInteger(r) || !Number.isSafeInteger(c))
      throw new Error('rollup columns: a value beyond exact integers');
    store[n] = si;
    day[n] = d;
    key[n] = ki;
    count[n] = c;
    cents[n] = r;
    n++;
  }

  function finish(): RollupColumns {
    const { storeStart, target } = storeDayLayout(store, day, n, storeIndex.size);
    const place = <T extends Int32Array | Float64Array>(a: T, out: T): T => {
      for (let i = 0; i < n; i++) out[target[i]!] = a[i]!;
      return out;
    };
    return {
      rows: n,
      storeIndex,
      storeStart,
      day: place(day, new Int32Array(n)),
      key: place(key, new Int32Array(n)),
      count: place(count, new Float64Array(n)),
      cents: place(cents, new Float64Array(n)),
      keys: [...keyIndex.keys()].map(decodeKey),
      bytes: n * (4 + 4 + 8 + 8) + storeStart.byteLength,
    };
  }

  return { add, finish };
}

/** Per key: rows in the slice (0 = the SQL has no group for it), Σ count, Σ cents (exact integers). */
export type RollupSums = { rows: Float64Array; count: Float64Array; cents: Float64Array };

export function rollupSums(r: RollupColumns, p: Period, stores: StoreFilter): RollupSums | null {
  const from = epochDay(p.from);
  const to = epochDay(p.to);
  const k = r.keys.length;
  const out: RollupSums = {
    rows: new Float64Array(k),
    count: new Float64Array(k),
    cents: new Float64Array(k),
  };
  if (from > to) return out;
  const { storeStart, day, key, count, cents } = r;
  for (const s of storeOrdinals(r, stores)) {
    const end = storeStart[s + 1]!;
    const lo = lowerBound(day, storeStart[s]!, end, from);
    const hi = lowerBound(day, lo, end, to + 1);
    for (let i = lo; i < hi; i++) {
      const ki = key[i]!;
      out.rows[ki]!++;
      out.count[ki]! += count[i]!;
      out.cents[ki]! += cents[i]!;
    }
  }
  for (let i = 0; i < k; i++)
    if (!Number.isSafeInteger(out.cents[i]!) || !Number.isSafeInteger(out.count[i]!)) return null;
  return out;
}
