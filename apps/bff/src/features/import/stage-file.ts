/**
 * Streams one import file into its staging table: bytes → text (encoding detected) → CSV records → validated
 * rows, COPYed in batches; every row that fails validation goes to import_rejects with its line and raw text.
 * Memory is bounded by one batch, whatever the file's size.
 */
import fs from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Database } from '../../db/client';
import { csvLine, type CsvValue } from '../demo/csv';
import { csvRecordBatches } from './csv-records';
import { decodeText, type Encoding } from './decode';
import { ENTITY_SPECS, stageColumns, type Entity } from './formats';
import { planHeader, validateRow, type HeaderPlan } from './validate-row';
import type { Problem } from './values';

export const REJECT_COLUMNS = ['job_id', 'file', 'line', 'entity', 'reason', 'message', 'raw'] as const;
/** Raw text kept per rejected row; longer rows are cut with a marker (the line number finds the rest). */
export const MAX_RAW_CHARS = 4000;
const BATCH_ROWS = 5000;

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

export type StageProgress = (delta: { bytes: number; rows: number }) => void;

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

export async function stageFile(
  database: Database,
  input: StageInput,
  progress: StageProgress,
): Promise<FileStats> {
  const spec = ENTITY_SPECS[input.entity];
  const columns = stageColumns(spec);
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
  let staged = '';
  let stagedRows = 0;
  let rejects = '';
  let rejectRows = 0;
  let pendingBytes = 0;

  // One batch is COPYed while the next is read and checked: on PostgreSQL the server parses and writes in
  // its own process, so the two cores work at once. At most one batch is in flight (bounded memory).
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    const batch = { staged, stagedRows, rejects, rejectRows };
    progress({ bytes: pendingBytes, rows: stagedRows + rejectRows });
    [staged, stagedRows, rejects, rejectRows, pendingBytes] = ['', 0, '', 0, 0];
    await inFlight;
    inFlight = (async () => {
      if (batch.stagedRows > 0) await database.copyCsv(spec.stage, columns, batch.staged);
      if (batch.rejectRows > 0) await database.copyCsv('import_rejects', REJECT_COLUMNS, batch.rejects);
    })();
    // Its failure surfaces at the next await of inFlight, not as an unhandled rejection meanwhile.
    inFlight.catch(() => undefined);
  };
  const reject = (line: number, p: Problem, raw: string) => {
    rejects += rejectLine(input.jobId, input.name, line, input.entity, p, raw);
    rejectRows++;
    stats.rejected++;
  };

  const bytes = bytesOf(input.path, (n) => {
    stats.bytes += n;
    pendingBytes += n;
  });
  const text = decodeText(bytes, (e) => (stats.encoding = e));
  try {
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
            const origin: CsvValue[] = [
              input.jobId,
              input.fileNo,
              input.name,
              record.line,
              cleanRaw(record.raw),
              plan.present,
            ];
            staged += csvLine(origin.concat(result.values));
            stagedRows++;
            stats.staged++;
          } else reject(record.line, result.problem, record.raw);
        }
        if (stagedRows + rejectRows >= BATCH_ROWS) await flush();
      }
    await flush();
  } finally {
    // A failed read leaves no COPY running behind the caller's back.
    await inFlight.catch(() => undefined);
  }
  await inFlight;
  if (!plan) stats.warnings.push('the file is empty');
  return stats;
}
