/**
 * The rejected rows of a job as CSV (UTF-8 with BOM so Excel opens Chinese correctly), streamed page by page:
 * file, line, entity, reason, message, raw — the raw text is the row exactly as it was read.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Db } from '../../db/client';
import { rejectsAfter, type RejectCursor } from '../../db/queries/import-jobs';
import { csvLine } from '../demo/csv';

export const REJECTS_CSV_HEADER = ['file', 'line', 'entity', 'reason', 'message', 'raw'] as const;

export async function writeRejectsCsv(db: Db, jobId: number, out: Writable): Promise<number> {
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`\uFEFF${csvLine(REJECTS_CSV_HEADER)}`);
  let after: RejectCursor | null = null;
  let total = 0;
  for (;;) {
    const page = await rejectsAfter(db, jobId, after, 2000);
    if (page.length === 0) break;
    let chunk = '';
    for (const r of page) chunk += csvLine([r.file, r.line, r.entity, r.reason, r.message, r.raw]);
    await write(chunk);
    const last = page[page.length - 1]!;
    after = { file: last.file, line: last.line, id: last.id };
    total += page.length;
  }
  out.end();
  await once(out, 'finish');
  return total;
}
