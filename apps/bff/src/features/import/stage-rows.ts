/**
 * The one row loop of staging: a file's bytes → text (encoding detected) → CSV records → validated rows,
 * handed out in COPY-ready batches (staged rows as bytes, rejects as CSV text). It touches no database, so it
 * runs the same in the importing thread (small files) and on a worker thread (`stage-worker.ts`, large files).
 */
import fs from 'node:fs';
import { createGunzip } from 'node:zlib';
import { csvLine } from '../demo/csv';
import { copyText, CopyBuffer } from './copy-buffer';
import { csvRecordBatches } from './csv-records';
import { decodeText, type Encoding } from './decode';
import { ENTITY_SPECS, type Entity } from './formats';
import { planHeader, validateRow, type HeaderPlan } from './validate-row';
import type { Problem } from './values';

/** Raw text kept per rejected row; longer rows are cut with a marker (the line number finds the rest). */
export const MAX_RAW_CHARS = 4000;
export const BATCH_ROWS = 5000;

export type StageInput = { jobId: number; fileNo: number; path: string; name: string; entity: Entity };

export type FileStats = {
  name: string;
  entity: Entity;
  encoding: Encoding | null;
  bytes: number;
  /** Data rows read (records after the header). */
  rows: number;
  staged: number;
  rejected: number;
  warnings: string[];
};

/** One batch for COPY: staged rows (COPY csv bytes) and rejects (import_rejects CSV text). */
export type StageBatch = {
  staged: Uint8Array;
  stagedRows: number;
  rejects: string;
  rejectRows: number;
  /** File bytes read since the previous batch (progress). */
  bytes: number;
};

export function cleanRaw(raw: string): string {
  // PostgreSQL text cannot hold NUL.
  const text = raw.replaceAll('\u0000', '');
  return text.length > MAX_RAW_CHARS ? `${text.slice(0, MAX_RAW_CHARS)}…[cut]` : text;
}

export function rejectLine(
  jobId: number,
  file: string,
  line: number,
  entity: string | null,
  p: Problem,
  raw: string,
) {
  return csvLine([jobId, file, line, entity, p.reason, p.message, cleanRaw(raw)]);
}

async function* bytesOf(path: string, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  const file = fs.createReadStream(path, { highWaterMark: 256 * 1024 });
  file.on('data', (b) => onBytes((b as Buffer).length));
  const source = path.toLowerCase().endsWith('.gz') ? file.pipe(createGunzip()) : file;
  for await (const chunk of source) yield chunk as Buffer;
}

/**
 * Reads and checks `input`'s file, awaiting `emit` for every batch of BATCH_ROWS rows (staged + rejected) and
 * the last one; returns the file's figures. Memory is one batch plus what `emit` holds.
 */
export async function stageRows(
  input: StageInput,
  emit: (batch: StageBatch) => Promise<void>,
): Promise<FileStats> {
  const spec = ENTITY_SPECS[input.entity];
  const stats: FileStats = {
    name: input.name,
    entity: input.entity,
    encoding: null,
    bytes: 0,
    rows: 0,
    staged: 0,
    rejected: 0,
    warnings: [],
  };
  let plan: HeaderPlan | null = null;
  const staged = new CopyBuffer();
  let rejects = '';
  let rejectRows = 0;
  let pendingBytes = 0;

  const flush = async () => {
    const batch: StageBatch = {
      stagedRows: staged.rows,
      staged: staged.take(),
      rejects,
      rejectRows,
      bytes: pendingBytes,
    };
    [rejects, rejectRows, pendingBytes] = ['', 0, 0];
    await emit(batch);
  };
  const reject = (line: number, p: Problem, raw: string) => {
    rejects += rejectLine(input.jobId, input.name, line, input.entity, p, raw);
    rejectRows++;
    stats.rejected++;
  };

  // The origin columns every staged row of this file starts with.
  const origin = `${copyText(input.jobId)},${copyText(input.fileNo)},${copyText(input.name)},`;
  const bytes = bytesOf(input.path, (n) => {
    stats.bytes += n;
    pendingBytes += n;
  });
  const text = decodeText(bytes, (e) => (stats.encoding = e));
  for await (const batch of csvRecordBatches(text))
    for (const record of batch) {
      if (!plan) {
        if (record.fields === undefined) {
          stats.warnings.push(`the header line cannot be read (${record.error})`);
          plan = planHeader(spec, []);
          plan.missingRequired = spec.columns.filter((c) => c.required).map((c) => c.name);
          continue;
        }
        plan = planHeader(spec, record.fields);
        if (plan.unknown.length > 0)
          stats.warnings.push(`unknown columns ignored: ${plan.unknown.join(', ')}`);
        if (plan.missingRequired.length > 0)
          stats.warnings.push(
            `required columns missing: ${plan.missingRequired.join(', ')}; every row is rejected`,
          );
        continue;
      }
      stats.rows++;
      if (record.fields === undefined)
        reject(record.line, { reason: 'bad_csv', message: record.error }, record.raw);
      else {
        const result = validateRow(spec, plan, record.fields);
        if (result.ok) {
          staged.row(
            `${origin}${record.line},${copyText(cleanRaw(record.raw))},${plan.present},`,
            result.values,
          );
          stats.staged++;
        } else reject(record.line, result.problem, record.raw);
      }
      if (staged.rows + rejectRows >= BATCH_ROWS) await flush();
    }
  if (staged.rows + rejectRows > 0 || pendingBytes > 0) await flush();
  if (!plan) stats.warnings.push('the file is empty');
  return stats;
}
