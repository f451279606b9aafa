/**
 * `customerFirsts` (db/queries/portrait.ts) answered from the in-memory copy, identical to the SQL: chain-wide,
 * customers by their first day anywhere (`customer_summary.first_day`, kept as a count per day); for a store scope,
 * `customer_store_firsts` (rows by store, then first day, as in `columns.ts`): per customer the earliest first day
 * among the scope's stores up to `to` — total: customers with one, new: those whose earliest is within the period.
 *
 * Memory: 8 bytes a `customer_store_firsts` row (customer ordinal and day, Int32), a few KB for the chain's counts
 * per day, and 8 bytes a customer of scratch for the store scopes' per-customer minimum.
 */
import type { SnapshotQuery } from '../../db/queries/customer-columns';
import { firstsPerDayQuery } from '../../db/queries/customer-columns';
import type { CustomerFirsts, Period } from '../../db/queries/portrait';
import type { StoreFilter } from '../../db/queries/scope-sql';
import { ordinalOf, placeInto, resized, storeDayLayout } from './columns';
import { epochDay, lowerBound, storeOrdinals } from './customer-pass';

export type FirstsColumns = {
  rows: number;
  customers: number;
  storeIndex: Map<string, number>;
  storeStart: Int32Array;
  customer: Int32Array;
  day: Int32Array;
  /** Chain-wide: `upTo[d − firstDay]` customers have their first day on or before day d. */
  chain: { firstDay: number; upTo: Float64Array };
  bytes: number;
};

/** Collects `customer_store_firsts` rows (any order); `finish` lays them out, `query` reads the chain's counts. */
export function firstsBuilder(capacity: number): {
  add: (storeId: string, day: number, ints: Float64Array, customerKey: string) => void;
  finish: () => { columns: FirstsColumns; query: SnapshotQuery };
} {
  let n = 0;
  let size = Math.max(capacity, 1024);
  let store = new Int32Array(size);
  let day = new Int32Array(size);
  let customer = new Int32Array(size);
  const customers = new Map<string, number>();
  const storeIndex = new Map<string, number>();

  function add(s: string, d: number, _ints: Float64Array, c: string) {
    if (n === size) {
      size *= 2;
      store = resized(store, size);
      day = resized(day, size);
      customer = resized(customer, size);
    }
    store[n] = ordinalOf(storeIndex, s);
    day[n] = d;
    customer[n] = ordinalOf(customers, c);
    n++;
  }

  function finish() {
    const { storeStart, target } = storeDayLayout(store, day, n, storeIndex.size);
    const place = (a: Int32Array) => placeInto(a, target, n, new Int32Array(n));
    const columns: FirstsColumns = {
      rows: n,
      customers: customers.size,
      storeIndex,
      storeStart,
      customer: place(customer),
      day: place(day),
      chain: { firstDay: 0, upTo: new Float64Array(0) },
      bytes: n * 8 + storeStart.byteLength,
    };
    customers.clear();
    const query = firstsPerDayQuery((rows) => {
      const perDay = rows.map(([d, count]) => [Number(d), Number(count)] as const);
      const firstDay = perDay[0]?.[0] ?? 0;
      const upTo = new Float64Array(perDay.length > 0 ? perDay[perDay.length - 1]![0] - firstDay + 1 : 0);
      for (const [d, count] of perDay) upTo[d - firstDay] = count;
      for (let i = 1; i < upTo.length; i++) upTo[i]! += upTo[i - 1]!;
      columns.chain = { firstDay, upTo };
      columns.bytes += upTo.byteLength;
    });
    return { columns, query };
  }

  return { add, finish };
}

/** Customers with their first day on or before `day`, chain-wide. */
function chainUpTo({ firstDay, upTo }: FirstsColumns['chain'], day: number): number {
  if (upTo.length === 0 || day < firstDay) return 0;
  return upTo[Math.min(day - firstDay, upTo.length - 1)]!;
}

type Scratch = { stamp: Int32Array; generation: number; first: Int32Array; touched: Int32Array };
/**
 * One scratch area per copy (12 bytes a customer), shared by every request of the process: safe only because a
 * pass runs start to end synchronously, so two requests never use it at once. A pass that yields (await, chunks)
 * must take its own. Freed with the copy (WeakMap).
 */
const scratches = new WeakMap<FirstsColumns, Scratch>();

function scratchOf(f: FirstsColumns): Scratch {
  let s = scratches.get(f);
  if (!s) {
    const n = f.customers;
    s = { stamp: new Int32Array(n), generation: 0, first: new Int32Array(n), touched: new Int32Array(n) };
    scratches.set(f, s);
  }
  if (++s.generation === 0x7fffffff) {
    s.stamp.fill(0);
    s.generation = 1;
  }
  return s;
}

export function columnsCustomerFirsts(f: FirstsColumns, p: Period, stores: StoreFilter): CustomerFirsts {
  const from = epochDay(p.from);
  const to = epochDay(p.to);
  if (stores === null) {
    const total = chainUpTo(f.chain, to);
    return { total, newCustomers: from <= to ? total - chainUpTo(f.chain, from - 1) : 0 };
  }
  const { storeStart, day, customer } = f;
  const scope = storeOrdinals(f, stores);
  if (scope.length === 1) {
    // One store: one row per customer, no minimum to take.
    const s = scope[0]!;
    const start = storeStart[s]!;
    const end = lowerBound(day, start, storeStart[s + 1]!, to + 1);
    return { total: end - start, newCustomers: end - lowerBound(day, start, end, from) };
  }
  const { stamp, generation, first, touched } = scratchOf(f);
  let n = 0;
  for (const s of scope) {
    const start = storeStart[s]!;
    const end = lowerBound(day, start, storeStart[s + 1]!, to + 1);
    for (let i = start; i < end; i++) {
      const c = customer[i]!;
      if (stamp[c] !== generation) {
        stamp[c] = generation;
        first[c] = day[i]!;
        touched[n++] = c;
      } else if (day[i]! < first[c]!) first[c] = day[i]!;
    }
  }
  let newCustomers = 0;
  for (let k = 0; k < n; k++) if (first[touched[k]!]! >= from) newCustomers++;
  return { total: n, newCustomers };
}
