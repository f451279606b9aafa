/**
 * `associationRules` (db/queries/suggestion-aggregates.ts) answered from the copy's order baskets, identically: N
 * = the scope's completed orders with a line, n(A) and n(A∧B) = those containing A (and B); the thresholds are the
 * SQL's comparisons of integers with a decimal times an integer, done exactly (BigInt, the decimal as a ratio of
 * integers from the text the SQL receives); the order is the SQL's: lift as PostgreSQL's numeric division rounds
 * it (`numericQuotient`), then n(A∧B) descending, then the product ids as the database sorts them (the copy's
 * ranks). Apriori as in the SQL: only products with minimum support alone are paired, so the pair counts are
 * F × F for F frequent products (at most 1 / minSupport × the mean basket size), never P × P.
 */
import type { Period } from '../../db/queries/portrait';
import type { StoreFilter } from '../../db/queries/scope-sql';
import type { AssociationRule, AssociationThresholds } from '../../db/queries/suggestion-aggregates';
import { basketRuns, type BasketColumns } from './basket-columns';
import { rollupSums } from './rollup-columns';
import { decimalRatio } from './suggestion-pass';
import type { ProductColumns } from './top-products';

/** Pair counts kept in a dense F × F array up to this many frequent products, in a Map above. */
const DENSE_PAIRS = 2048;

/** A threshold as an exact ratio of integers, or null when its text is not a plain decimal (the SQL answers). */
function ratio(x: number): [bigint, bigint] | null {
  if (!/^\d+(\.\d+)?$/.test(String(x))) return null;
  return decimalRatio(x).map(BigInt) as [bigint, bigint];
}

/** ⌊log₁₀₀₀₀ x⌋ and x's leading base-10000 digit (PostgreSQL's numeric weight and first digit), x > 0. */
function weightAndFirst(x: bigint): [number, bigint] {
  let w = 0;
  while (x >= 10000n) {
    x /= 10000n;
    w++;
  }
  return [w, x];
}

/**
 * x / y (integers, x ≥ 0, y > 0) as PostgreSQL's `numeric / numeric` gives it: rounded half up to the scale
 * `select_div_scale` picks (16 significant digits from the estimated quotient weight, the operands' scale 0), as
 * [digits, scale] = digits / 10^scale.
 */
export function numericQuotient(x: bigint, y: bigint): [bigint, number] {
  let scale = 16;
  if (x > 0n) {
    const [w1, f1] = weightAndFirst(x);
    const [w2, f2] = weightAndFirst(y);
    let qweight = w1 - w2;
    if (f1 <= f2) qweight--;
    scale = 16 - qweight * 4;
  }
  scale = Math.min(Math.max(scale, 0), 1000);
  const shifted = x * 10n ** BigInt(scale);
  return [(2n * shifted + y) / (2n * y), scale];
}

/** Compares two numeric quotients by value: negative when a < b. */
function compareQuotients([a, sa]: [bigint, number], [b, sb]: [bigint, number]): number {
  const l = a * 10n ** BigInt(Math.max(sb - sa, 0));
  const r = b * 10n ** BigInt(Math.max(sa - sb, 0));
  return l < r ? -1 : l > r ? 1 : 0;
}

type Candidate = { a: number; b: number; cab: number; lift: [bigint, number] };

export function columnsAssociationRules(
  baskets: BasketColumns,
  products: ProductColumns,
  p: Period,
  stores: StoreFilter,
  t: AssociationThresholds,
  limit: number,
): AssociationRule[] | null {
  const P = products.ids.length;
  const runs = basketRuns(baskets, p, stores);
  const { size, product } = baskets;
  const item = new Float64Array(P);
  let total = 0;
  for (const { lo, hi, line, lineEnd } of runs) {
    total += hi - lo;
    for (let i = line; i < lineEnd; i++) item[product[i]!]!++;
  }
  const N = BigInt(total);
  const sup = ratio(t.minSupport);
  const conf = ratio(t.minConfidence);
  const lift = ratio(t.minLift);
  if (!sup || !conf || !lift || !Number.isSafeInteger(t.minPairBaskets)) return null;
  const [[supNum, supDen], [confNum, confDen], [liftNum, liftDen]] = [sup, conf, lift];
  // Frequent products (c ≥ minSupport × N), numbered 0..F-1.
  const frequent = new Int32Array(P).fill(-1);
  const frequentIds: number[] = [];
  for (let k = 0; k < P; k++)
    if (item[k]! > 0 && BigInt(item[k]!) * supDen >= supNum * N) {
      frequent[k] = frequentIds.length;
      frequentIds.push(k);
    }
  const F = frequentIds.length;
  const dense = F <= DENSE_PAIRS ? new Float64Array(F * F) : null;
  const sparse = dense ? null : new Map<number, number>();
  // A basket's frequent products, in a reused array (no allocation per order or pair).
  const inBasket = new Int32Array(Math.max(F, 1));
  for (const { lo, hi, line } of runs)
    for (let o = lo, i = line; o < hi; o++) {
      const end = i + size[o]!;
      let m = 0;
      for (; i < end; i++) {
        const f = frequent[product[i]!]!;
        if (f >= 0) inBasket[m++] = f;
      }
      for (let x = 0; x < m; x++)
        for (let y = x + 1; y < m; y++) {
          const fx = inBasket[x]!;
          const fy = inBasket[y]!;
          const uv = fx < fy ? fx * F + fy : fy * F + fx;
          if (dense) dense[uv]!++;
          else sparse!.set(uv, (sparse!.get(uv) ?? 0) + 1);
        }
    }
  const candidates: Candidate[] = [];
  const consider = (u: number, v: number, count: number) => {
    for (const [a, b] of [
      [frequentIds[u]!, frequentIds[v]!],
      [frequentIds[v]!, frequentIds[u]!],
    ] as const) {
      const cab = BigInt(count);
      const ca = BigInt(item[a]!);
      const cb = BigInt(item[b]!);
      if (
        count >= t.minPairBaskets &&
        cab * supDen >= supNum * N &&
        cab * confDen >= confNum * ca &&
        cab * N * liftDen >= liftNum * ca * cb
      )
        candidates.push({ a, b, cab: count, lift: numericQuotient(cab * N, ca * cb) });
    }
  };
  if (dense) {
    for (let u = 0; u < F; u++)
      for (let v = u + 1; v < F; v++) if (dense[u * F + v]! > 0) consider(u, v, dense[u * F + v]!);
  } else for (const [uv, count] of sparse!) consider(Math.floor(uv / F), uv % F, count);
  const { rank, ids, names } = products;
  candidates.sort(
    (x, y) =>
      compareQuotients(y.lift, x.lift) || y.cab - x.cab || rank[x.a]! - rank[y.a]! || rank[x.b]! - rank[y.b]!,
  );
  const chosen = candidates.slice(0, Math.max(limit, 0));
  if (chosen.length === 0) return [];
  const amounts = rollupSums(products.sums, p, stores);
  if (!amounts) return null;
  return chosen.map(({ a, b, cab }) => ({
    antecedent: ids[a]!,
    antecedentName: names[a]!,
    consequent: ids[b]!,
    consequentName: names[b]!,
    baskets: total,
    antecedentBaskets: item[a]!,
    consequentBaskets: item[b]!,
    pairBaskets: cab,
    consequentAmount: amounts.cents[b]! / 100,
  }));
}
