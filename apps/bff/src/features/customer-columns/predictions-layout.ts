/**
 * One model run's predictions laid out for one columns copy (churn-columns.ts): arrays by rank in customer id
 * order, and each copy ordinal's rank, matched through the copy's `customerKeys` (both in COPY text form). Built on
 * the churn predictions' worker thread on PostgreSQL (predictions-worker.ts) and on this thread on PGlite: the same
 * code, so both give the same arrays.
 */
import { RISK_BANDS } from '@portrait/shared/models';
import type { PredictionRow } from '../../db/queries/run-predictions';

export type PredictionArrays = {
  runId: number;
  /** Predictions, ranked in customer id order (the database's collation: the order the SQL sums in). */
  count: number;
  /** Copy ordinal → rank, −1 for a customer without a prediction in the run. */
  rankOf: Int32Array;
  risk: Float64Array;
  predicted: Float64Array;
  high: Uint8Array;
  purchaseDays: Int32Array;
  /** Risk band: index in RISK_BANDS (low 0, medium 1, high 2), BAND_OTHER for any other text. */
  band: Uint8Array;
  expected90: Float64Array;
  /** Cluster in the run, −1 when not clustered. */
  cluster: Int16Array;
};

export const BAND_OTHER = 255;

/** Between slices of the key map on a thread that answers requests (none on a worker). */
export type Pause = () => Promise<void>;

const SLICE = 50_000;

/** Copy ordinal of each of the `customers` keys in `keys` (joined by '\n'), a slice at a time when `pause` is given. */
export async function keyOrdinals(
  keys: string,
  customers: number,
  pause?: Pause,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  let start = 0;
  for (let ordinal = 0; ordinal < customers; ordinal++) {
    const nl = keys.indexOf('\n', start);
    const end = nl < 0 ? keys.length : nl;
    out.set(keys.slice(start, end), ordinal);
    start = end + 1;
    if (pause && ordinal % SLICE === SLICE - 1) await pause();
  }
  return out;
}

/** Reads run `runId`'s predictions through `read` (in customer id order) and lays them out for the copy's keys. */
export async function layOutPredictions(
  copy: { customerKeys: string; customers: number },
  runId: number,
  read: (row: PredictionRow) => Promise<void>,
  pause?: Pause,
): Promise<PredictionArrays> {
  const ordinals = await keyOrdinals(copy.customerKeys, copy.customers, pause);
  const rankOf = new Int32Array(copy.customers).fill(-1);
  let size = Math.max(1024, copy.customers);
  let risk = new Float64Array(size);
  let predicted = new Float64Array(size);
  let high = new Uint8Array(size);
  let purchaseDays = new Int32Array(size);
  let band = new Uint8Array(size);
  let expected90 = new Float64Array(size);
  let cluster = new Int16Array(size);
  let count = 0;
  await read((key, churnRisk, riskBand, days, value, e90, k) => {
    if (count === size) {
      size *= 2;
      const grow = <T extends Float64Array | Uint8Array | Int32Array | Int16Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(size);
        b.set(a);
        return b;
      };
      [risk, predicted, high, purchaseDays, band] = [
        grow(risk),
        grow(predicted),
        grow(high),
        grow(purchaseDays),
        grow(band),
      ];
      [expected90, cluster] = [grow(expected90), grow(cluster)];
    }
    const ordinal = ordinals.get(key);
    if (ordinal !== undefined) rankOf[ordinal] = count;
    const b = (RISK_BANDS as readonly string[]).indexOf(riskBand);
    risk[count] = churnRisk;
    predicted[count] = value;
    high[count] = riskBand === 'high' ? 1 : 0;
    purchaseDays[count] = days;
    band[count] = b < 0 ? BAND_OTHER : b;
    expected90[count] = e90;
    // smallint in the table: always fits.
    cluster[count] = k ?? -1;
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
    band: band.slice(0, count),
    expected90: expected90.slice(0, count),
    cluster: cluster.slice(0, count),
  };
}

/** The arrays' buffers, to transfer (move) them to another thread. */
export const predictionBuffers = (p: PredictionArrays): ArrayBuffer[] =>
  [p.rankOf, p.risk, p.predicted, p.high, p.purchaseDays, p.band, p.expected90, p.cluster].map(
    (a) => a.buffer as ArrayBuffer,
  );
