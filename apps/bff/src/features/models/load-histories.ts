/**
 * Reads every customer's history up to a cut-off in id batches, handing the event loop back between batches
 * so requests keep being served while a refresh runs.
 */
import type { Db } from '../../db/client';
import { customerHistories, customerIdRanges, type CustomerHistory } from '../../db/queries/model-inputs';

/** Customers per query: each batch holds PGlite's single connection for a fraction of a second. */
export const HISTORY_BATCH = 2500;

export type Pause = () => Promise<void>;
export const yieldToEventLoop: Pause = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A refresh that is asked to stop stops through `pause` (it throws): returning the batches read so far would hand
 * the fit a partial or empty customer list, which it would record as a failed run for this data version.
 */
export async function loadHistories(
  db: Db,
  cutoff: string,
  pause: Pause = yieldToEventLoop,
): Promise<{ histories: CustomerHistory[]; ranges: { lo: string; hi: string }[] }> {
  const ranges = await customerIdRanges(db, HISTORY_BATCH);
  const histories: CustomerHistory[] = [];
  for (const range of ranges) {
    await pause();
    histories.push(...(await customerHistories(db, { cutoff, ...range })));
  }
  return { histories, ranges };
}
