/**
 * Streams one model run's predictions, as the churn columns keep them (customer-columns/churn-columns.ts), in
 * customer id order — the order `segmentChurn` adds its float sums in — in one statement (one snapshot: a run
 * deleted meanwhile is read whole or not at all). Each customer id arrives in COPY text form, the form the
 * columns copy keys its customers by. PostgreSQL streams it with `COPY … TO STDOUT` (862 k rows on the large
 * demo: a paged query was planned from stale statistics right after a fit and read 7× longer); PGlite (small
 * data, one connection) answers a plain query.
 */
import { StringDecoder } from 'node:string_decoder';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Db } from '../client';

export type PredictionRow = (
  key: string,
  churnRisk: number,
  riskBand: string,
  purchaseDays: number,
  predictedValue: number,
  expected90: number,
  /** The customer's cluster in the run (`customer_clusters`), null when not clustered. */
  cluster: number | null,
) => void;

// The clusters are written for the same customers as the predictions (refresh-models.ts: one list of histories).
const select = (runId: string) =>
  `select p.customer_id, p.churn_risk, p.risk_band, p.purchase_days, p.predicted_value, p.expected90, k.cluster
   from customer_predictions p
   left join customer_clusters k on k.run_id = p.run_id and k.customer_id = p.customer_id
   where p.run_id = ${runId} order by p.customer_id`;

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
/** A text as COPY writes it (what the columns copy keys customers by). */
const copyText = (s: string) => (/[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c) : s);

export async function readRunPredictions(db: Db, runId: number, row: PredictionRow): Promise<void> {
  if (!Number.isSafeInteger(runId)) throw new Error(`run id ${runId}`);
  const client = (db as unknown as { $client: unknown }).$client;
  if (!(client instanceof pg.Pool)) {
    // PGlite: the run id is a checked integer, written into the text as for COPY.
    const result = (await (
      client as { query: (q: string, p: unknown[], o: object) => Promise<{ rows: unknown[][] }> }
    ).query(select(String(runId)), [], { rowMode: 'array' })) as { rows: unknown[][] };
    for (const r of result.rows)
      row(
        copyText(String(r[0])),
        Number(r[1]),
        String(r[2]),
        Number(r[3]),
        Number(r[4]),
        Number(r[5]),
        r[6] === null ? null : Number(r[6]),
      );
    return;
  }
  await copyRunPredictions(client, runId, row);
}

/**
 * The PostgreSQL read of `readRunPredictions` on any pool (the churn predictions' worker thread opens its own): one
 * `COPY … TO STDOUT`, parsed as it streams.
 */
export async function copyRunPredictions(pool: pg.Pool, runId: number, row: PredictionRow): Promise<void> {
  if (!Number.isSafeInteger(runId)) throw new Error(`run id ${runId}`);
  const conn = await pool.connect();
  try {
    const stream = conn.query(copyTo(`copy (${select(String(runId))}) to stdout`));
    // A chunk may end inside a character: the decoder keeps its first bytes for the next chunk.
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = rest + decoder.write(chunk);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        // customer id (COPY text), churn risk, risk band, purchase days, predicted value, expected orders in 90
        // days, cluster (\N: none). float8 is written as the shortest text that reads back to the same double
        // (extra_float_digits ≥ 1, the default).
        const f = text.slice(start, nl).split('\t');
        if (f.length !== 7) throw new Error('run predictions: malformed COPY row');
        row(
          f[0]!,
          Number(f[1]),
          f[2]!,
          Number(f[3]),
          Number(f[4]),
          Number(f[5]),
          f[6] === '\\N' ? null : Number(f[6]),
        );
        start = nl + 1;
      }
      rest = text.slice(start);
    }
    if (rest !== '') throw new Error('run predictions: COPY ended inside a row');
    conn.release();
  } catch (err) {
    // Mid-COPY: discard the connection rather than hand it to the next user.
    conn.release(err as Error);
    throw err;
  }
}
