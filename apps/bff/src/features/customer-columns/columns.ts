/**
 * An in-memory columnar copy of `customer_store_days` (one data version): typed arrays, rows ordered by store and,
 * within a store, by day, so any (stores, day range) is one contiguous slice per store, found by binary search.
 * Customers and stores are numbered (ordinals); their ids are kept as one string (`customerKeys`), only to match
 * the churn model's predictions to ordinals (churn-columns.ts).
 */
import { chainCustomersOf, type ChainCustomers } from './chain-customers';

export type CustomerColumns = {
  rows: number;
  customers: number;
  /**
   * The customer ids in ordinal order as COPY text (escaped, so never holding a newline), joined by '\n': one
   * string, cloned in one piece from the loading thread (an array of a million strings would be cloned one by one).
   */
  customerKeys: string;
  /** Store id → ordinal; rows of store s are `storeStart[s]` to `storeStart[s + 1]` − 1, in day order. */
  storeIndex: Map<string, number>;
  storeStart: Int32Array;
  customer: Int32Array;
  /** Days since 1970-01-01. */
  day: Int32Array;
  orders: Int32Array;
  /** Revenue in integer cents (exact in a double up to 2^53). */
  cents: Float64Array;
  hourMask: Int32Array;
  mixMask: Int32Array;
  /**
   * Each customer's chain-wide first day and total (chain-customers.ts), made with the copy (null: beyond exact
   * integers); absent from a copy built otherwise (tests), which makes them on first use.
   */
  chain?: ChainCustomers | null;
  /** Bytes held by the arrays. */
  bytes: number;
};

type Column = Int32Array | Uint16Array | Float64Array;

/** `a` copied into a new array of the same type and `size` (a builder's arrays double as rows arrive). */
export function resized<T extends Column>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a.subarray(0, Math.min(a.length, size)));
  return b;
}

/** The ordinal of `key` in `index`, adding it as the next one when new. */
export function ordinalOf(index: Map<string, number>, key: string): number {
  let i = index.get(key);
  if (i === undefined) index.set(key, (i = index.size));
  return i;
}

/** The first `n` values of `a` moved to the rows `target` gives them (`storeDayLayout`), written into `out`. */
export function placeInto<T extends Column>(a: Column, target: Int32Array, n: number, out: T): T {
  for (let i = 0; i < n; i++) out[target[i]!] = a[i]!;
  return out;
}

/**
 * Where each of `n` rows goes so that rows are by store and, within a store, by day: two stable counting sorts
 * (by day, then by store). `storeStart[s]`: the first row of store s.
 */
export function storeDayLayout(store: Int32Array, day: Int32Array, n: number, stores: number) {
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < n; i++) {
    const d = day[i]!;
    if (d < minDay) minDay = d;
    if (d > maxDay) maxDay = d;
  }
  const span = n > 0 ? maxDay - minDay + 1 : 0;
  const byDay = new Int32Array(n);
  const nextDay = new Int32Array(span + 1);
  for (let i = 0; i < n; i++) nextDay[day[i]! - minDay + 1]!++;
  for (let d = 1; d <= span; d++) nextDay[d]! += nextDay[d - 1]!;
  for (let i = 0; i < n; i++) byDay[nextDay[day[i]! - minDay]!++] = i;
  const storeStart = new Int32Array(stores + 1);
  for (let i = 0; i < n; i++) storeStart[store[i]! + 1]!++;
  for (let s = 1; s <= stores; s++) storeStart[s]! += storeStart[s - 1]!;
  const next = storeStart.slice(0, stores);
  const target = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = byDay[k]!;
    target[i] = next[store[i]!]!++;
  }
  return { storeStart, target };
}

/**
 * Collects the rows as they arrive (any order), then lays them out by store and day (`finish`). `customers`: the
 * ordinals by customer key, for a later table of the same copy (the order baskets); freed with the builder.
 */
export function columnsBuilder(capacity: number): {
  add: (storeId: string, day: number, ints: Float64Array, customerKey: string) => void;
  finish: () => CustomerColumns;
  customers: Map<string, number>;
} {
  let n = 0;
  let size = Math.max(capacity, 1024);
  let customer = new Int32Array(size);
  let store = new Int32Array(size);
  let day = new Int32Array(size);
  let orders = new Int32Array(size);
  let cents = new Float64Array(size);
  let hourMask = new Int32Array(size);
  let mixMask = new Int32Array(size);
  const customers = new Map<string, number>();
  const storeIndex = new Map<string, number>();

  function grow() {
    size *= 2;
    customer = resized(customer, size);
    store = resized(store, size);
    day = resized(day, size);
    orders = resized(orders, size);
    cents = resized(cents, size);
    hourMask = resized(hourMask, size);
    mixMask = resized(mixMask, size);
  }

  /** `ints`: orders, revenue in cents, hour mask, mix mask (`customerDaysSource`). */
  function add(s: string, d: number, ints: Float64Array, c: string) {
    const o = ints[0]!;
    const r = ints[1]!;
    const h = ints[2]!;
    const m = ints[3]!;
    if (n === size) grow();
    if (!Number.isSafeInteger(r)) throw new Error('customer columns: revenue beyond exact cents');
    customer[n] = ordinalOf(customers, c);
    store[n] = ordinalOf(storeIndex, s);
    day[n] = d;
    orders[n] = o;
    cents[n] = r;
    hourMask[n] = h;
    mixMask[n] = m;
    n++;
  }

  function finish(): CustomerColumns {
    const stores = storeIndex.size;
    const { storeStart, target } = storeDayLayout(store, day, n, stores);
    const place = <T extends Int32Array | Float64Array>(a: T): T =>
      placeInto(a, target, n, new (a.constructor as new (n: number) => T)(n));
    const columns = {
      rows: n,
      customers: customers.size,
      customerKeys: [...customers.keys()].join('\n'),
      storeIndex,
      storeStart,
      customer: place(customer),
      day: place(day),
      orders: place(orders),
      cents: place(cents),
      hourMask: place(hourMask),
      mixMask: place(mixMask),
      bytes: 0,
    };
    // Where the copy is made (the worker thread on PostgreSQL), not on the thread that answers requests.
    const chain = chainCustomersOf(columns);
    // The keys' string: one byte a character when every id is Latin-1 (V8's one-byte strings), else two.
    columns.bytes =
      n * (4 * 5 + 8) +
      storeStart.byteLength +
      columns.customerKeys.length +
      (chain ? 12 * customers.size : 0);
    return { ...columns, chain };
  }

  return { add, finish, customers };
}
