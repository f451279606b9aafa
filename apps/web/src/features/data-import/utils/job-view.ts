import {
  IMPORT_ENTITIES,
  type EntityCounts,
  type ImportEntity,
  type ImportJob,
} from '@portrait/shared/imports';

/** 1.5 MB / 820 KB / 12 B, in the locale's digits. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

export type ProgressStep = 'uploading' | 'waiting' | 'staging' | 'merging' | 'done' | 'failed';
export type ProgressView = { step: ProgressStep; percent: number };

/**
 * One bar for the whole journey: the upload fills the first 40 %, reading and checking the files (bytes read)
 * the next 50 %, the merge and refresh the rest.
 */
export function progressOf(uploadShare: number | null, job: ImportJob | undefined): ProgressView {
  if (!job) return { step: 'uploading', percent: Math.round((uploadShare ?? 0) * 40) };
  if (job.status === 'succeeded') return { step: 'done', percent: 100 };
  if (job.status === 'failed' || job.status === 'interrupted') return { step: 'failed', percent: 100 };
  if (job.status === 'queued' || job.phase === 'waiting') return { step: 'waiting', percent: 40 };
  if (job.phase === 'merging') return { step: 'merging', percent: 95 };
  const read = job.bytesTotal > 0 ? Math.min(1, job.bytesRead / job.bytesTotal) : 0;
  return { step: 'staging', percent: 40 + Math.round(read * 50) };
}

export type CountsRow = EntityCounts & { entity: ImportEntity };

/** The job's per-entity counts in dependency order (the order the import merges them). */
export function countsRows(job: ImportJob): CountsRow[] {
  return IMPORT_ENTITIES.flatMap((entity) => {
    const c = job.counts[entity];
    return c ? [{ entity, ...c }] : [];
  });
}

/** Rows of a succeeded job add up: read = imported + rejected, and per entity read = new + updated + unchanged + rejected. */
export function countsAddUp(job: ImportJob): boolean {
  if (job.rowsRead !== job.rowsImported + job.rowsRejected) return false;
  return countsRows(job).every((c) => c.read === c.inserted + c.updated + c.unchanged + c.rejected);
}
