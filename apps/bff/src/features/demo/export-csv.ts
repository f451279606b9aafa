/**
 * Writes the demo chain as import files (PRODUCT §2.2): one UTF-8 CSV per entity with a header row of exactly
 * the contract's column names, ISO 8601 timestamps with +08:00, decimal yuan, empty for null or guest. Streams
 * batch by batch, so the large size never sits in memory. Cities have no file of their own: a store row
 * carries its city and province.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { csvLine } from './csv';
import { generateDemo } from './generate';
import { type Projection, projectAll } from './row-columns';
import type { DemoOptions, DemoRows, DemoTable } from './types';

type ExportTable = Exclude<DemoTable, 'cities'>;
type ExportFile<T extends ExportTable> = Projection<T> & { file: string };

/** The import-file side of `row-columns.ts`: every table that has a file. */
export const EXPORT_FILES = projectAll('csv') as { [T in ExportTable]: ExportFile<T> };

const EXPORT_TABLES = Object.keys(EXPORT_FILES) as ExportTable[];

/** Writes every import file into `folder` (created if missing); returns the data rows written per file. */
export async function exportDemoCsv(options: DemoOptions, folder: string): Promise<Record<string, number>> {
  fs.mkdirSync(folder, { recursive: true });
  const streams = new Map<ExportTable, fs.WriteStream>();
  const counts: Record<string, number> = {};
  for (const table of EXPORT_TABLES) {
    const spec = EXPORT_FILES[table];
    const stream = fs.createWriteStream(path.join(folder, spec.file), { encoding: 'utf8' });
    stream.write(csvLine(spec.columns));
    streams.set(table, stream);
    counts[spec.file] = 0;
  }
  try {
    for (const batch of generateDemo(options)) {
      if (batch.table === 'cities') continue;
      const spec = EXPORT_FILES[batch.table] as ExportFile<ExportTable>;
      let chunk = '';
      for (const row of batch.rows) chunk += csvLine(spec.values(row as DemoRows[ExportTable]));
      const stream = streams.get(batch.table) as fs.WriteStream;
      // Respect back-pressure: never buffer more than one batch per file.
      if (!stream.write(chunk)) await once(stream, 'drain');
      counts[spec.file] = (counts[spec.file] ?? 0) + batch.rows.length;
    }
  } finally {
    await Promise.all(
      [...streams.values()].map((s) => {
        s.end();
        return finished(s);
      }),
    );
  }
  return counts;
}
