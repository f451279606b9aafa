/** How each generated row maps onto its database table: the database side of `row-columns.ts`. */
import { csvLine } from './csv';
import { type Projection, projectAll } from './row-columns';
import type { DemoBatch, DemoTable } from './types';

export const DB_MAPPINGS = projectAll('db') as { [T in DemoTable]: Projection<T> };

/** The batch as CSV text without a header, in `DB_MAPPINGS[table].columns` order, ready for COPY. */
export function batchToDbCsv(batch: DemoBatch): string {
  const { values } = DB_MAPPINGS[batch.table] as Projection<DemoTable>;
  let csv = '';
  for (const row of batch.rows) csv += csvLine(values(row));
  return csv;
}
