/**
 * The churn model per RFM segment (`segmentChurn`, db/queries/segment-churn.ts) answered from the in-memory
 * columns, identical to the SQL: the scope's active customers flagged as the donut flags them (the customer pass's
 * F, M, R and `rfmSums`), joined to one run's predictions, plus the high-risk customers' spend in the scope's stores
 * in the 365 days to the run's as-of day.
 *
 * A run's predictions are read once per (run, copy) into arrays by rank in customer id order, with each copy
 * ordinal's rank (`rankOf`, matched through the copy's `customerKeys`, both in COPY text form). Integers (counts, cents) are exact; the
 * two float sums (churn risk, predicted value) add the same doubles in the same order as the SQL, which sums them
 * `order by customer_id`: the pass marks its customers' ranks and then adds them in rank order, so the result is
 * the same double, not merely a close one.
 */
import { segmentOf, type SegmentKey } from '@portrait/shared/segments';
import type { Db } from '../../db/client';
import type { Period } from '../../db/queries/portrait';
import type { StoreFilter } from '../../db/queries/scope-sql';
import { readRunPredictions } from '../../db/queries/run-predictions';
import type { SegmentChurn } from '../../db/queries/segment-churn';
import type { CustomerColumns } from './columns';
import { epochDay, lowerBound, rfmSums, storeOrdinals } from './customer-pass';
import { customerScratch } from './customer-scratch';

/** One run's predictions, laid out for one copy. */
export type ChurnPredictions = {
  runId: number;
  /** Predictions, ranked in customer id order (the database's collation: the order the SQL sums in). */
  count: number;
  /** Copy ordinal → rank, −1 for a customer without a prediction in the run. */
  rankOf: Int32Array;
  risk: Float64Array;
  predicted: Float64Array;
  high: Uint8Array;
  purchaseDays: Int32Array;
  /**
   * Per rank, during one pass: 0, or the customer's RFM cell + 1, with bit 0x80 once a stake row was seen.
   * Cleared by the pass that set it (passes are synchronous, so one buffer serves every question).
   */
  mark: Uint8Array;
  bytes: number;
};

const SLICE = 50_000;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Copy ordinal of each customer key, built a slice at a time so the event loop is not held for long. */
async function keyOrdinals(columns: CustomerColumns): Promise<Map<string, number>> {
  const keys = columns.customerKeys;
  const out = new Map<string, number>();
  let start = 0;
  for (let ordinal = 0; ordinal < columns.customers; ordinal++) {
    const nl = keys.indexOf('\n', start);
    const end = nl < 0 ? keys.length : nl;
    out.set(keys.slice(start, end), ordinal);
    start = end + 1;
    if (ordinal % SLICE === SLICE - 1) await yieldToLoop();
  }
  return out;
}

/** Reads run `runId`'s predictions for `columns` (one statement, in customer id order). */
export async function loadChurnPredictions(
  db: Db,
  columns: CustomerColumns,
  runId: number,
): Promise<ChurnPredictions> {
  const ordinals = await keyOrdinals(columns);
  const rankOf = new Int32Array(columns.customers).fill(-1);
  let size = Math.max(1024, columns.customers);
  let risk = new Float64Array(size);
  let predicted = new Float64Array(size);
  let high = new Uint8Array(size);
  let purchaseDays = new Int32Array(size);
  let count = 0;
  await readRunPredictions(db, runId, (key, churnRisk, isHigh, days, value) => {
    if (count === size) {
      size *= 2;
      const grow = <T extends Float64Array | Uint8Array | Int32Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(size);
        b.set(a);
        return b;
      };
      [risk, predicted, high, purchaseDays] = [grow(risk), grow(predicted), grow(high), grow(purchaseDays)];
    }
    const ordinal = ordinals.get(key);
    if (ordinal !== undefined) rankOf[ordinal] = count;
    risk[count] = churnRisk;
    predicted[count] = value;
    high[count] = isHigh ? 1 : 0;
    purchaseDays[count] = days;
    count++;
  });
  return {
    runId,
    count,
    rankOf,
    risk: risk.slice(0, count),
    predicted: predicted.slice(0, count),
    high: high.slice(0, count),
    purchaseDays: purchaseDays.slice(0, count),
    mark: new Uint8Array(count),
    bytes: rankOf.byteLength + count * (8 + 8 + 1 + 4 + 1),
  };
}

/** The predictions of one run per copy (a newer run replaces the older); freed with the copy. */
const loaded = new WeakMap<CustomerColumns, { runId: number; predictions: Promise<ChurnPredictions> }>();

/** Run `runId`'s predictions for `columns`, loading them on first use; concurrent callers share the load. */
export function churnPredictions(db: Db, columns: CustomerColumns, runId: number): Promise<ChurnPredictions> {
  const held = loaded.get(columns);
  if (held?.runId === runId) return held.predictions;
  const predictions = loadChurnPredictions(db, columns, runId);
  const entry = { runId, predictions };
  loaded.set(columns, entry);
  // A failed load is forgotten, so the next question tries again (meanwhile the SQL answers).
  predictions.catch(() => {
    if (loaded.get(columns) === entry) loaded.delete(columns);
  });
  return predictions;
}

/**
 * `segmentChurn` from the columns (the copy must hold the question's data version) and a run's predictions; null
 * when a sum could leave exact integers (the caller then asks the SQL).
 */
export function columnsSegmentChurn(
  columns: CustomerColumns,
  run: ChurnPredictions,
  p: Period,
  stores: StoreFilter,
  asOfDay: string,
): Partial<Record<SegmentKey, SegmentChurn>> | null {
  const from = epochDay(p.from);
  const to = epochDay(p.to);
  const { storeStart, day, customer, orders, cents } = columns;
  const { stamp, touched, f, m, last, generation } = customerScratch(columns);
  const scope = storeOrdinals(columns, stores);
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
  const sums = rfmSums(touched, n, f, m, last, to);
  if (!sums) return null;
  const { sf, sm, sr } = sums;

  // Cell index as in customer-pass.ts: recent 4, frequent 2, valuable 1.
  const { rankOf, risk, predicted, high, purchaseDays, mark } = run;
  const scored = new Float64Array(8);
  const highRisk = new Float64Array(8);
  const highCents = new Float64Array(8);
  const slipping = new Float64Array(8);
  const stakeCents = new Float64Array(8);
  for (let k = 0; k < n; k++) {
    const c = touched[k]!;
    const r = rankOf[c]!;
    if (r < 0) continue;
    const cell = ((to - last[c]!) * n <= sr ? 4 : 0) | (f[c]! * n >= sf ? 2 : 0) | (m[c]! * n >= sm ? 1 : 0);
    mark[r] = cell + 1;
    scored[cell]!++;
    if (high[r]) {
      highRisk[cell]!++;
      highCents[cell]! += m[c]!;
    }
  }

  // The stake: the scored high-risk customers' rows in the scope's stores, as-of − 364 to as-of.
  const asOf = epochDay(asOfDay);
  if (n > 0)
    for (const s of scope) {
      const lo = lowerBound(day, storeStart[s]!, storeStart[s + 1]!, asOf - 364);
      const hi = lowerBound(day, lo, storeStart[s + 1]!, asOf + 1);
      for (let i = lo; i < hi; i++) {
        const c = customer[i]!;
        if (stamp[c] !== generation) continue;
        const r = rankOf[c]!;
        if (r < 0 || !high[r]) continue;
        const cell = (mark[r]! & 0x7f) - 1;
        stakeCents[cell]! += cents[i]!;
        if ((mark[r]! & 0x80) === 0) {
          mark[r]! |= 0x80;
          if (purchaseDays[r]! >= 2) slipping[cell]!++;
        }
      }
    }

  // The float sums in rank (= customer id) order, as the SQL adds them; −0 is the empty sum's start, so a first
  // term of −0 stays −0 as in PostgreSQL (whose sum starts from its first term).
  const sumRisk = new Float64Array(8).fill(-0);
  const sumPredicted = new Float64Array(8).fill(-0);
  const add = (r: number) => {
    const cell = (mark[r]! & 0x7f) - 1;
    sumRisk[cell]! += risk[r]!;
    sumPredicted[cell]! += predicted[r]!;
    mark[r] = 0;
  };
  const marked = scored.reduce((a, b) => a + b, 0);
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
  if (!stakeCents.every((x) => Number.isSafeInteger(x))) return null;

  const out: Partial<Record<SegmentKey, SegmentChurn>> = {};
  for (let cell = 0; cell < 8; cell++) {
    const count = scored[cell]!;
    if (count === 0) continue;
    const key = segmentOf({
      recent: (cell & 4) !== 0,
      frequent: (cell & 2) !== 0,
      valuable: (cell & 1) !== 0,
    });
    out[key] = {
      scored: count,
      meanChurnRisk: sumRisk[cell]! / count,
      highRisk: highRisk[cell]!,
      slippingAway: slipping[cell]!,
      highRiskRevenue: highCents[cell]! / 100,
      valueAtStake: stakeCents[cell]! / 100,
      predictedValue: sumPredicted[cell]!,
    };
  }
  return out;
}
