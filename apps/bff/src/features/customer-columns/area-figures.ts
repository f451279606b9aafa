/**
 * The geographic heatmap's figures (`storeSales` and `areaCustomers`, db/queries/geo.ts) answered from the
 * in-memory copies, identical to the SQL:
 * - per store of the areas, Σ orders and Σ revenue of the period from the `store_day_mix` copy (stores without rows
 *   in the period absent, as the SQL's groups);
 * - per city and per province, the distinct customers active in the period in the area's stores, and Σ over them
 *   of their paid amount in the area's stores up to `to` (PRODUCT §4 LTV, per area; a province is its own pass,
 *   not the sum of its cities: a customer active in two of its cities counts once, with their spending in both).
 *
 * The customer figure is two walks over each area store's slice of `customer_store_days`: the period's rows mark
 * the active customers (a generation stamp per customer, reused across questions) and add their cents; the rows
 * before `from` add the cents of customers already marked. No per-customer sums are needed: the area's total is
 * a sum over rows. Money stays in integer cents and is divided by 100 once, the same double as the SQL's exact
 * numeric sum; when the copy's absolute cents could leave the exact integer range the answer is null (the SQL
 * answers).
 */
import type { AreaCustomers, StoreArea } from '../../db/queries/geo';
import type { Period } from '../../db/queries/portrait';
import type { CustomerColumns } from './columns';
import { epochDay, lowerBound } from './customer-pass';
import type { IntColumn, RollupColumns } from './rollup-columns';

export type StoreSales = { storeId: string; orders: number; revenue: number };
export type AreaFigures = { sales: StoreSales[]; customers: AreaCustomers[] };

type Stamps = { stamp: Int32Array; generation: number };
const stampsOf = new WeakMap<CustomerColumns, Stamps>();

/** A fresh generation of the per-customer stamps: no customer is marked in it yet. */
function nextGeneration(columns: CustomerColumns): Stamps {
  let s = stampsOf.get(columns);
  if (!s) stampsOf.set(columns, (s = { stamp: new Int32Array(columns.customers), generation: 0 }));
  if (++s.generation === 0x7fffffff) {
    s.stamp.fill(0);
    s.generation = 1;
  }
  return s;
}

const exactArrays = new WeakMap<IntColumn, boolean>();

/** Whether Σ |values| of the whole array is an exact integer: then every partial sum of its values is exact. */
function sumsExact(values: IntColumn): boolean {
  let exact = exactArrays.get(values);
  if (exact === undefined) {
    let total = 0;
    for (let i = 0; i < values.length; i++) total += Math.abs(values[i]!);
    exactArrays.set(values, (exact = Number.isSafeInteger(total)));
  }
  return exact;
}

/** The distinct ordinals of `ids` in `index` (ids without rows have none). */
function ordinalsOf(index: Map<string, number>, ids: Iterable<string>): number[] {
  const out = new Set<number>();
  for (const id of ids) {
    const s = index.get(id);
    if (s !== undefined) out.add(s);
  }
  return [...out];
}

/** Orders and revenue per store of `areas` over the period, from the `store_day_mix` copy. */
function storeSales(mix: RollupColumns, from: number, to: number, areas: readonly StoreArea[]): StoreSales[] {
  const out: StoreSales[] = [];
  if (from > to) return out;
  const { storeStart, day, count, cents } = mix;
  for (const storeId of new Set(areas.map((a) => a.storeId))) {
    const s = mix.storeIndex.get(storeId);
    if (s === undefined) continue;
    const end = storeStart[s + 1]!;
    const lo = lowerBound(day, storeStart[s]!, end, from);
    const hi = lowerBound(day, lo, end, to + 1);
    if (hi === lo) continue;
    let orders = 0;
    let sum = 0;
    for (let i = lo; i < hi; i++) {
      orders += count[i]!;
      sum += cents[i]!;
    }
    out.push({ storeId, orders, revenue: sum / 100 });
  }
  return out;
}

/** Active customers of the stores (ordinals) in [from, to] and Σ of their cents in those stores up to `to`. */
function areaPass(
  columns: CustomerColumns,
  stores: readonly number[],
  from: number,
  to: number,
): { customers: number; cents: number } {
  const { storeStart, day, customer, cents } = columns;
  const { stamp, generation } = nextGeneration(columns);
  let customers = 0;
  let sum = 0;
  const starts: number[] = [];
  const los: number[] = [];
  for (const s of stores) {
    const start = storeStart[s]!;
    const end = storeStart[s + 1]!;
    const lo = lowerBound(day, start, end, from);
    const hi = lowerBound(day, lo, end, to + 1);
    starts.push(start);
    los.push(lo);
    for (let i = lo; i < hi; i++) {
      const c = customer[i]!;
      if (stamp[c] !== generation) {
        stamp[c] = generation;
        customers++;
      }
      sum += cents[i]!;
    }
  }
  if (customers > 0)
    for (let k = 0; k < starts.length; k++)
      for (let i = starts[k]!, lo = los[k]!; i < lo; i++)
        if (stamp[customer[i]!] === generation) sum += cents[i]!;
  return { customers, cents: sum };
}

/** Both geo queries' answers from the copies, or null when a sum could leave the exact integer range. */
export function columnsAreaFigures(
  columns: CustomerColumns,
  mix: RollupColumns,
  p: Period,
  areas: readonly StoreArea[],
): AreaFigures | null {
  if (!sumsExact(columns.cents) || !sumsExact(mix.cents) || !sumsExact(mix.count)) return null;
  const from = epochDay(p.from);
  const to = epochDay(p.to);
  const sales = storeSales(mix, from, to, areas);
  const customers: AreaCustomers[] = [];
  if (from > to) return { sales, customers };

  const cityStores = new Map<string, { province: string; ids: string[] }>();
  const provinceStores = new Map<string, string[]>();
  for (const a of areas) {
    // A city's province: its first store's, as the SQL names it.
    const city = cityStores.get(a.city) ?? { province: a.province, ids: [] };
    cityStores.set(a.city, city);
    city.ids.push(a.storeId);
    const province = provinceStores.get(a.province) ?? [];
    provinceStores.set(a.province, province);
    province.push(a.storeId);
  }
  const answer = (level: AreaCustomers['level'], province: string, city: string | null, ids: string[]) => {
    const r = areaPass(columns, ordinalsOf(columns.storeIndex, ids), from, to);
    if (r.customers > 0)
      customers.push({ level, province, city, customers: r.customers, lifetimeRevenue: r.cents / 100 });
  };
  for (const [city, { province, ids }] of cityStores) answer('city', province, city, ids);
  for (const [province, ids] of provinceStores) answer('province', province, null, ids);
  return { sales, customers };
}
