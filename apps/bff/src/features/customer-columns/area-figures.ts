/**
 * The geographic heatmap's figures (`storeSales` and `areaCustomers`, db/queries/geo.ts) answered from the
 * in-memory copies, identical to the SQL:
 * - per store of the areas, Σ orders and Σ revenue of the period from the `store_day_mix` copy (stores without rows
 *   in the period absent, as the SQL's groups);
 * - per city and per province, the distinct customers active in the period in the area's stores, and Σ over them
 *   of their paid amount in the area's stores up to `to` (PRODUCT §4 LTV, per area; a province is its own pass,
 *   not the sum of its cities: a customer active in two of its cities counts once, with their spending in both).
 *
 * The customer figure walks each area store's slice of `customer_store_days`: the period's rows mark the active
 * customers in a bitset (one bit per customer: 125 KB for a million, so the random accesses stay in the CPU cache)
 * and add their cents; the rows before `from` add the cents of customers already marked. No per-customer sums are
 * needed: the area's total is a sum over rows. A city's rows before `from` (most of the rows) are read once for the
 * city and its province together, with one bitset each. Money stays in integer cents and is divided by 100 once,
 * the same double as the SQL's exact numeric sum; when the copy's absolute cents could leave the exact integer
 * range the answer is null (the SQL answers).
 */
import type { AreaCustomers, StoreArea } from '../../db/queries/geo';
import type { Period } from '../../db/queries/portrait';
import type { CustomerColumns } from './columns';
import { epochDay, lowerBound } from './customer-pass';
import type { IntColumn, RollupColumns } from './rollup-columns';

export type StoreSales = { storeId: string; orders: number; revenue: number };
export type AreaFigures = { sales: StoreSales[]; customers: AreaCustomers[] };

/** Two customer bitsets per copy (the province's and the city's), reused across questions. */
const bitsOf = new WeakMap<CustomerColumns, [Int32Array, Int32Array]>();

function bitsets(columns: CustomerColumns): [Int32Array, Int32Array] {
  let b = bitsOf.get(columns);
  const words = (columns.customers + 31) >>> 5;
  if (!b) bitsOf.set(columns, (b = [new Int32Array(words), new Int32Array(words)]));
  return b;
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

/** Per store of an area: its first row, its first row in the period, and the row after the period. */
function slicesOf(columns: CustomerColumns, ids: readonly string[], from: number, to: number): Int32Array {
  const { storeStart, day } = columns;
  const stores = ordinalsOf(columns.storeIndex, ids);
  const out = new Int32Array(stores.length * 3);
  stores.forEach((s, k) => {
    const start = storeStart[s]!;
    const lo = lowerBound(day, start, storeStart[s + 1]!, from);
    out[3 * k] = start;
    out[3 * k + 1] = lo;
    out[3 * k + 2] = lowerBound(day, lo, storeStart[s + 1]!, to + 1);
  });
  return out;
}

/** Clears `bits`, then marks the customers of the slices' period rows: how many, and Σ of those rows' cents. */
function markActive(columns: CustomerColumns, slices: Int32Array, bits: Int32Array) {
  const { customer, cents } = columns;
  bits.fill(0);
  let customers = 0;
  let sum = 0;
  for (let k = 0; k < slices.length; k += 3)
    for (let i = slices[k + 1]!, hi = slices[k + 2]!; i < hi; i++) {
      const c = customer[i]!;
      const w = c >>> 5;
      const bit = 1 << (c & 31);
      if ((bits[w]! & bit) === 0) {
        bits[w]! |= bit;
        customers++;
      }
      sum += cents[i]!;
    }
  return { customers, cents: sum };
}

const marked = (bits: Int32Array, c: number) => (bits[c >>> 5]! & (1 << (c & 31))) !== 0;

/**
 * One province and its cities (each city's stores all in it): the province's active customers first, then per
 * city its own, and one walk over the city's rows before `from` adding to the city and to the province.
 */
function provinceFigures(
  columns: CustomerColumns,
  province: string,
  stores: readonly string[],
  cities: [string, string[]][],
  from: number,
  to: number,
  out: AreaCustomers[],
) {
  const { customer, cents } = columns;
  const [provinceBits, cityBits] = bitsets(columns);
  const p = markActive(columns, slicesOf(columns, stores, from, to), provinceBits);
  for (const [city, ids] of cities) {
    const slices = slicesOf(columns, ids, from, to);
    const c = markActive(columns, slices, cityBits);
    if (p.customers > 0)
      for (let k = 0; k < slices.length; k += 3)
        for (let i = slices[k]!, lo = slices[k + 1]!; i < lo; i++) {
          const who = customer[i]!;
          if (marked(cityBits, who)) c.cents += cents[i]!;
          if (marked(provinceBits, who)) p.cents += cents[i]!;
        }
    if (c.customers > 0)
      out.push({ level: 'city', province, city, customers: c.customers, lifetimeRevenue: c.cents / 100 });
  }
  if (p.customers > 0)
    out.push({
      level: 'province',
      province,
      city: null,
      customers: p.customers,
      lifetimeRevenue: p.cents / 100,
    });
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

  // A city's stores are in one province (a city has one province in the schema); `areas` saying otherwise is
  // left to the SQL.
  const byProvince = new Map<string, { stores: string[]; cities: Map<string, string[]> }>();
  for (const a of areas) {
    const province = byProvince.get(a.province) ?? { stores: [], cities: new Map<string, string[]>() };
    byProvince.set(a.province, province);
    province.stores.push(a.storeId);
    const city = province.cities.get(a.city) ?? [];
    province.cities.set(a.city, city);
    city.push(a.storeId);
  }
  const provincesOfCity = new Map<string, number>();
  for (const { cities } of byProvince.values())
    for (const city of cities.keys()) provincesOfCity.set(city, (provincesOfCity.get(city) ?? 0) + 1);
  if ([...provincesOfCity.values()].some((n) => n > 1)) return null;
  for (const [province, { stores, cities }] of byProvince)
    provinceFigures(columns, province, stores, [...cities], from, to, customers);
  return { sales, customers };
}
