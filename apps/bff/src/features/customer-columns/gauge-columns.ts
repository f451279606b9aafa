/**
 * The churn gauge's figures (`churnFigures`) and the cluster panel's counts (`clusterCounts`, both
 * db/queries/model-predictions.ts) answered from the in-memory columns and a run's predictions held beside them
 * (churn-columns.ts), identical to the SQL: the scope's active customers (a row in its stores and period) joined to
 * the run's predictions and clusters by copy ordinal → rank. Counts and money (integer cents ÷ 100 once: the double
 * the SQL's exact numeric sum parses to) are exact; the two float sums per band (predicted value, expected orders in
 * 90 days) add the same doubles in the same order as the SQL, which sums them `order by customer_id` (= rank).
 * Null when a sum could leave exact integers or a band is not one of RISK_BANDS (the caller then asks the SQL).
 */
import { RISK_BANDS, VALUE_BIN_EDGES, type RiskBandKey } from '@portrait/shared/models';
import type { ChurnFigures, ClusterCount } from '../../db/queries/model-predictions';
import type { Period } from '../../db/queries/portrait';
import type { StoreFilter } from '../../db/queries/scope-sql';
import { chainStake } from './chain-stake';
import type { ChurnPredictions } from './churn-columns';
import type { CustomerColumns } from './columns';
import { epochDay, lowerBound, storeOrdinals } from './customer-pass';
import { customerScratch, heldScan, scopeKey } from './customer-scratch';
import { BAND_OTHER } from './predictions-layout';

/**
 * The scope's active customers with their Σ cents in the period (`m`), stamped with `generation`: the scan a pass of
 * the same scope just left (the suggestions' pass), else a new one.
 */
function activeScan(columns: CustomerColumns, p: Period, stores: StoreFilter) {
  const from = epochDay(p.from);
  const to = epochDay(p.to);
  const scope = storeOrdinals(columns, stores);
  const held = heldScan(columns, from, to, scopeKey(stores === null ? null : scope));
  if (held) {
    const { stamp, touched, m, generation } = held.scratch;
    return { scope, stamp, touched, m, generation, n: held.n };
  }
  const { storeStart, day, customer, cents } = columns;
  const { stamp, touched, m, generation } = customerScratch(columns);
  let n = 0;
  for (const s of scope) {
    const lo = lowerBound(day, storeStart[s]!, storeStart[s + 1]!, from);
    const hi = from <= to ? lowerBound(day, lo, storeStart[s + 1]!, to + 1) : lo;
    for (let i = lo; i < hi; i++) {
      const c = customer[i]!;
      if (stamp[c] !== generation) {
        stamp[c] = generation;
        touched[n++] = c;
        m[c] = 0;
      }
      m[c]! += cents[i]!;
    }
  }
  return { scope, stamp, touched, m, generation, n };
}

/** `width_bucket(x, VALUE_BIN_EDGES)`: how many edges are ≤ x (NaN above every edge, as PostgreSQL orders it). */
function valueBin(x: number): number {
  let bin = 0;
  while (bin < VALUE_BIN_EDGES.length && !(x < VALUE_BIN_EDGES[bin]!)) bin++;
  return bin;
}

export function columnsChurnFigures(
  columns: CustomerColumns,
  run: ChurnPredictions,
  p: Period,
  stores: StoreFilter,
  asOfDay: string,
): ChurnFigures | null {
  const { scope, stamp, touched, generation, n } = activeScan(columns, p, stores);
  const { rankOf, predicted, expected90, band, high, mark } = run;
  const bands = RISK_BANDS.length;
  const customers = new Float64Array(bands);
  const bins = new Float64Array((VALUE_BIN_EDGES.length + 1) * bands);
  let marked = 0;
  for (let k = 0; k < n; k++) {
    const r = rankOf[touched[k]!]!;
    if (r < 0) continue;
    const b = band[r]!;
    if (b === BAND_OTHER) {
      for (let j = 0; j < k; j++) if (rankOf[touched[j]!]! >= 0) mark[rankOf[touched[j]!]!] = 0;
      return null;
    }
    mark[r] = b + 1;
    marked++;
    customers[b]!++;
    bins[valueBin(predicted[r]!) * bands + b]!++;
  }

  // The float sums in rank (= customer id) order, as the SQL adds them; −0 starts the empty sum, so a first term
  // of −0 stays −0 as in PostgreSQL (whose sum starts from its first term).
  const value = new Float64Array(bands).fill(-0);
  const e90 = new Float64Array(bands).fill(-0);
  const add = (r: number) => {
    const b = mark[r]! - 1;
    value[b]! += predicted[r]!;
    e90[b]! += expected90[r]!;
    mark[r] = 0;
  };
  if (marked * 20 < run.count) {
    // A small scope: sort its ranks rather than walk every prediction of the run.
    const ranks = new Int32Array(marked);
    let j = 0;
    for (let k = 0; k < n; k++) {
      const r = rankOf[touched[k]!]!;
      if (r >= 0) ranks[j++] = r;
    }
    ranks.sort();
    for (const r of ranks) add(r);
  } else for (let r = 0; r < run.count; r++) if (mark[r] !== 0) add(r);

  // The stake: the active high-risk customers' rows in the scope's stores, as-of − 364 … as-of. Chain-wide, each
  // customer's sum over the window is held (chain-stake.ts).
  const asOf = epochDay(asOfDay);
  let stake = 0;
  const chain =
    customers[2]! > 0 && scope.length === columns.storeIndex.size ? chainStake(columns, asOf) : null;
  if (chain)
    for (let k = 0; k < n; k++) {
      const c = touched[k]!;
      const r = rankOf[c]!;
      if (r >= 0 && high[r]) stake += chain.cents[c]!;
    }
  else if (customers[2]! > 0) {
    const { storeStart, day, customer, cents } = columns;
    for (const s of scope) {
      const lo = lowerBound(day, storeStart[s]!, storeStart[s + 1]!, asOf - 364);
      const hi = lowerBound(day, lo, storeStart[s + 1]!, asOf + 1);
      for (let i = lo; i < hi; i++) {
        const c = customer[i]!;
        if (stamp[c] !== generation) continue;
        const r = rankOf[c]!;
        if (r >= 0 && high[r]) stake += cents[i]!;
      }
    }
  }
  if (!Number.isSafeInteger(stake)) return null;

  return {
    active: n,
    bands: RISK_BANDS.flatMap((key: RiskBandKey, b) =>
      customers[b]! > 0
        ? [{ band: key, customers: customers[b]!, predictedValue: value[b]!, expectedOrders90: e90[b]! }]
        : [],
    ),
    bins: Array.from({ length: VALUE_BIN_EDGES.length + 1 }, (_, bin) =>
      RISK_BANDS.flatMap((key: RiskBandKey, b) => {
        const count = bins[bin * bands + b]!;
        return count > 0 ? [{ bin, band: key, customers: count }] : [];
      }),
    ).flat(),
    valueAtStake: stake / 100,
  };
}

/** `clusterCounts`: active customers per cluster of the run (null: none), with Σ revenue in scope; by cluster, null last. */
export function columnsClusterCounts(
  columns: CustomerColumns,
  run: ChurnPredictions,
  p: Period,
  stores: StoreFilter,
): ClusterCount[] | null {
  const { touched, m, n } = activeScan(columns, p, stores);
  const { rankOf, cluster } = run;
  const counts = new Map<number, { customers: number; cents: number }>();
  for (let k = 0; k < n; k++) {
    const c = touched[k]!;
    const r = rankOf[c]!;
    const key = r < 0 ? -1 : cluster[r]!;
    const entry = counts.get(key);
    if (entry) {
      entry.customers++;
      entry.cents += m[c]!;
    } else counts.set(key, { customers: 1, cents: m[c]! });
  }
  const out: ClusterCount[] = [];
  for (const [key, e] of [...counts].sort(([a], [b]) => (a < 0 ? 1 : b < 0 ? -1 : a - b))) {
    if (!Number.isSafeInteger(e.cents)) return null;
    out.push({ cluster: key < 0 ? null : key, customers: e.customers, revenue: e.cents / 100 });
  }
  return out;
}
