/**
 * `crossSellSummaries` (db/queries/suggestion-targets.ts) answered from the copy, identically: per customer of the
 * scope's completed orders a bit for each of the rules' products they bought in scope (the order baskets), then
 * their orders and revenue in scope (the `customer_store_days` columns: the same customer ordinals; read from the
 * suggestions' scan of the scope when it is held); a rule's
 * members have its antecedent's bit and not its consequent's. Counts and integer cents; revenue divided by 100
 * once, the same double as the SQL's exact numeric sum. Null beyond exact integers (the SQL then answers).
 */
import type { Period } from '../../db/queries/portrait';
import type { StoreFilter } from '../../db/queries/scope-sql';
import type { CrossSellPair, TargetSummary } from '../../db/queries/suggestion-targets';
import { basketRuns, type BasketColumns } from './basket-columns';
import type { CustomerColumns } from './columns';
import { epochDay, lowerBound, storeOrdinals } from './customer-pass';
import { customerScratch, heldScan, scopeKey } from './customer-scratch';
import type { ProductColumns } from './top-products';

/** Products per pass: one bit each in an Int32 mask. */
const BITS = 30;

export function columnsCrossSell(
  columns: CustomerColumns,
  baskets: BasketColumns,
  products: ProductColumns,
  p: Period,
  stores: StoreFilter,
  pairs: readonly CrossSellPair[],
): TargetSummary[] | null {
  const out: TargetSummary[] = [];
  // Pairs in groups whose products fit one mask (the SQL's own limit is 30 products at once).
  let group: CrossSellPair[] = [];
  let groupProducts = new Set<string>();
  const flush = () => {
    if (group.length === 0) return true;
    const sizes = crossSellGroup(columns, baskets, products, p, stores, group);
    if (!sizes) return false;
    out.push(...sizes);
    group = [];
    groupProducts = new Set();
    return true;
  };
  for (const pair of pairs) {
    const more = [pair.antecedent, pair.consequent].filter((id) => !groupProducts.has(id)).length;
    if (groupProducts.size + more > BITS && !flush()) return null;
    group.push(pair);
    groupProducts.add(pair.antecedent).add(pair.consequent);
  }
  return flush() ? out : null;
}

function crossSellGroup(
  columns: CustomerColumns,
  baskets: BasketColumns,
  products: ProductColumns,
  p: Period,
  stores: StoreFilter,
  pairs: readonly CrossSellPair[],
): TargetSummary[] | null {
  const ordinal = new Map(products.ids.map((id, k) => [id, k]));
  const bitOf = new Int32Array(products.ids.length);
  const ids = [...new Set(pairs.flatMap((r) => [r.antecedent, r.consequent]))];
  ids.forEach((id, j) => {
    const k = ordinal.get(id);
    if (k !== undefined) bitOf[k] = 1 << j;
  });
  const bit = (id: string) => 1 << ids.indexOf(id);
  // The shared per-customer scratch (the passes are synchronous): `hours` holds the bought-products mask here.
  const { generation, stamp, touched, f, m, hours: mask } = customerScratch(columns);
  let n = 0;
  const { customer, size, product } = baskets;
  for (const { lo, hi, line } of basketRuns(baskets, p, stores))
    for (let o = lo, i = line; o < hi; o++) {
      const end = i + size[o]!;
      let bits = 0;
      for (; i < end; i++) bits |= bitOf[product[i]!]!;
      const c = customer[o]!;
      if (bits === 0 || c < 0) continue;
      if (stamp[c] !== generation) {
        stamp[c] = generation;
        touched[n++] = c;
        mask[c] = 0;
        f[c] = 0;
        m[c] = 0;
      }
      mask[c]! |= bits;
    }
  // Their orders and revenue in scope: from the suggestions' scan of the scope when it is held (its F and M are
  // these sums; a customer it did not meet has no row in scope), else from the rows.
  const from = epochDay(p.from);
  const to = epochDay(p.to);
  const scope = storeOrdinals(columns, stores);
  const held = heldScan(columns, from, to, scopeKey(stores === null ? null : scope));
  if (held) {
    const { stamp: met, generation: scan, f: heldF, m: heldM } = held.scratch;
    for (let k = 0; k < n; k++) {
      const c = touched[k]!;
      if (met[c] !== scan) continue;
      f[c] = heldF[c]!;
      m[c] = heldM[c]!;
    }
  } else if (n > 0 && from <= to) {
    const { storeStart, day, orders, cents } = columns;
    for (const s of scope) {
      const lo = lowerBound(day, storeStart[s]!, storeStart[s + 1]!, from);
      const hi = lowerBound(day, lo, storeStart[s + 1]!, to + 1);
      for (let i = lo; i < hi; i++) {
        const c = columns.customer[i]!;
        if (stamp[c] !== generation) continue;
        f[c]! += orders[i]!;
        m[c]! += cents[i]!;
      }
    }
  }
  const out: TargetSummary[] = [];
  for (const r of pairs) {
    const a = bit(r.antecedent);
    const b = bit(r.consequent);
    let customers = 0;
    let orderSum = 0;
    let centSum = 0;
    for (let k = 0; k < n; k++) {
      const c = touched[k]!;
      if ((mask[c]! & a) === 0 || (mask[c]! & b) !== 0) continue;
      customers++;
      orderSum += f[c]!;
      centSum += m[c]!;
    }
    if (!Number.isSafeInteger(orderSum) || !Number.isSafeInteger(centSum)) return null;
    out.push({ customers, orders: orderSum, revenue: centSum / 100 });
  }
  return out;
}
