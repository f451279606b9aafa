/**
 * The churn model per RFM segment (`segmentChurn`, db/queries/segment-churn.ts) answered from the in-memory
 * columns, identical to the SQL: the scope's active customers flagged as the donut flags them (the customer pass's
 * F, M, R and `rfmSums`), joined to one run's predictions, plus the high-risk customers' spend in the scope's stores
 * in the 365 days to the run's as-of day.
 *
 * A run's predictions are read once per (run, copy) into arrays by rank in customer id order, with each copy
 * ordinal's rank (`rankOf`, matched through the copy's `customerKeys`, both in COPY text form: predictions-layout.ts)
 * — on PostgreSQL on a worker thread (predictions-worker.ts), read ahead as soon as a copy is in place or a new run
 * is served (predictions-read-ahead.ts), so a question finds them ready. Integers (counts, cents) are exact; the
 * two float sums (churn risk, predicted value) add the same doubles in the same order as the SQL, which sums them
 * `order by customer_id`: the pass marks its customers' ranks and then adds them in rank order, so the result is
 * the same double, not merely a close one.
 */
import type pg from 'pg';
import { segmentOf, type SegmentKey } from '@portrait/shared/segments';
import type { Db } from '../../db/client';
import type { Period } from '../../db/queries/portrait';
import type { StoreFilter } from '../../db/queries/scope-sql';
import { postgresConnection } from '../../db/queries/customer-columns';
import { readRunPredictions } from '../../db/queries/run-predictions';
import type { SegmentChurn } from '../../db/queries/segment-churn';
import type { CustomerColumns } from './columns';
import { epochDay, lowerBound, rfmSums, scanOrdersCentsLast, storeOrdinals } from './customer-pass';
import { chainStake, keepChainStake } from './chain-stake';
import { customerScratch, heldScan, scopeKey } from './customer-scratch';
import { layOutPredictions, type PredictionArrays } from './predictions-layout';
import { readPredictionsOnWorker } from './predictions-on-worker';

/** One run's predictions, laid out for one copy (predictions-layout.ts), with a mark per rank for the pass. */
export type ChurnPredictions = PredictionArrays & {
  /**
   * Per rank, during one pass: 0, or the customer's RFM cell + 1, with bit 0x80 once a stake row was seen.
   * Cleared by the pass that set it (passes are synchronous, so one buffer serves every question).
   */
  mark: Uint8Array;
  bytes: number;
};

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function withMark(p: PredictionArrays): ChurnPredictions {
  const { runId, count, rankOf, risk, predicted, high, purchaseDays, band, expected90, cluster } = p;
  return {
    runId,
    count,
    rankOf,
    risk,
    predicted,
    high,
    purchaseDays,
    band,
    expected90,
    cluster,
    mark: new Uint8Array(count),
    bytes: rankOf.byteLength + count * (8 + 8 + 1 + 4 + 1 + 8 + 2 + 1),
  };
}

/**
 * Reads run `runId`'s predictions for `columns` on this thread (one statement, in customer id order; the key map
 * built a slice at a time): PGlite's path, and the reference the worker's is tested against.
 */
export async function loadChurnPredictions(
  db: Db,
  columns: CustomerColumns,
  runId: number,
): Promise<ChurnPredictions> {
  const arrays = await layOutPredictions(
    columns,
    runId,
    (row) => readRunPredictions(db, runId, row),
    yieldToLoop,
  );
  return withMark(arrays);
}

/**
 * The same as `loadChurnPredictions`, read on a worker thread over its own connection (PostgreSQL); given the run's
 * as-of day (epoch day), the worker also makes the chain's stake for it, held for `columns` (chain-stake.ts).
 */
export function loadChurnPredictionsOnWorker(
  connection: pg.ClientConfig,
  columns: CustomerColumns,
  runId: number,
  stakeAsOf: number | null = null,
): { predictions: Promise<ChurnPredictions & { readMs: number }>; cancel: () => Promise<void> } {
  const read = readPredictionsOnWorker(connection, columns, runId, stakeAsOf);
  return {
    predictions: read.predictions.then((p) => {
      if (p.stake) keepChainStake(columns, p.stake.asOf, p.stake.stake);
      return { ...withMark(p), readMs: p.readMs };
    }),
    cancel: read.cancel,
  };
}

type Held = { predictions: Promise<ChurnPredictions>; ready: boolean; cancel: (() => Promise<void>) | null };

/**
 * The predictions held per copy, by run: the newest two runs asked (a generation that began before a new run was
 * served still finds its own), freed with the copy.
 */
const loaded = new WeakMap<CustomerColumns, Map<number, Held>>();
const RUNS_HELD = 2;
let loadsStarted = 0;

/**
 * Run `runId`'s predictions for `columns`, loading them on first use (on PostgreSQL on a worker thread, over a
 * connection with `db`'s settings, which also makes the chain's stake for `stakeAsOf`, the run's as-of day, when
 * given); concurrent callers share the load.
 */
export function churnPredictions(
  db: Db,
  columns: CustomerColumns,
  runId: number,
  stakeAsOf: number | null = null,
): Promise<ChurnPredictions> {
  let runs = loaded.get(columns);
  const held = runs?.get(runId);
  if (held) return held.predictions;
  if (!runs) loaded.set(columns, (runs = new Map()));
  loadsStarted++;
  const connection = postgresConnection(db);
  const read = connection
    ? loadChurnPredictionsOnWorker(connection, columns, runId, stakeAsOf)
    : { predictions: loadChurnPredictions(db, columns, runId), cancel: null };
  const entry: Held = { predictions: read.predictions, ready: false, cancel: read.cancel };
  runs.set(runId, entry);
  const forget = () => {
    if (runs.get(runId) === entry) runs.delete(runId);
  };
  // A failed load is forgotten, so the next question tries again (meanwhile the SQL answers).
  read.predictions.then(() => {
    entry.ready = true;
    entry.cancel = null;
  }, forget);
  // Beyond the runs held, the oldest other run goes (its read, if still running, is ended).
  while (runs.size > RUNS_HELD) {
    const oldest = Math.min(...[...runs.keys()].filter((id) => id !== runId));
    const dropped = runs.get(oldest);
    runs.delete(oldest);
    void dropped?.cancel?.();
  }
  return read.predictions;
}

/** The runs whose predictions `columns` holds (ready) or is reading (tests, the bench). */
export function heldPredictions(columns: CustomerColumns): { runId: number; ready: boolean }[] {
  return [...(loaded.get(columns) ?? [])].map(([runId, h]) => ({ runId, ready: h.ready }));
}

/** How many prediction loads this process has started (tests: a question answered from a read-ahead starts none). */
export const predictionLoadsStarted = () => loadsStarted;

/** Drops the predictions held for `columns`, ending reads still running (the columns service's stop). */
export async function dropChurnPredictions(columns: CustomerColumns): Promise<void> {
  const runs = loaded.get(columns);
  loaded.delete(columns);
  await Promise.all([...(runs?.values() ?? [])].map((h) => h.cancel?.()));
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
  const { storeStart, day, customer, cents } = columns;
  const scope = storeOrdinals(columns, stores);
  // The suggestions' pass asked just before for the same scope has left its customers' F, M and last day here.
  const held = heldScan(columns, from, to, scopeKey(stores === null ? null : scope));
  const scratch = held?.scratch ?? customerScratch(columns);
  const { stamp, touched, f, m, last, generation } = scratch;
  const n = held?.n ?? scanOrdersCentsLast(columns, scope, from, to, scratch);
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

  // The stake: the scored high-risk customers' rows in the scope's stores, as-of − 364 to as-of. Chain-wide, each
  // customer's sum over the window is held (chain-stake.ts): one figure a customer instead of the year's rows.
  const asOf = epochDay(asOfDay);
  const chain = n > 0 && scope.length === columns.storeIndex.size ? chainStake(columns, asOf) : null;
  if (chain)
    for (let k = 0; k < n; k++) {
      const c = touched[k]!;
      const r = rankOf[c]!;
      if (r < 0 || !high[r] || !chain.has[c]) continue;
      const cell = (mark[r]! & 0x7f) - 1;
      stakeCents[cell]! += chain.cents[c]!;
      if (purchaseDays[r]! >= 2) slipping[cell]!++;
    }
  else if (n > 0)
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
