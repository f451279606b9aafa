/**
 * The data-quality page: the whole data's report (computed in the background once per data version and stored,
 * features/quality/quality-job.ts) and the reports of the recent imports. It never waits for the report: until
 * the current version's is stored it answers "computing", with the previous version's report when there is one.
 * Aggregates and order ids only, so analysts may read it.
 */
import { dataQualitySchema, overallQualitySchema, type DataQuality } from '@portrait/shared/imports';
import type { Db } from '../../db/client';
import { getDataVersion, getMeta, IMPORTED_META_KEY } from '../../db/queries/data-meta';
import { listRecentSucceededJobs } from '../../db/queries/import-jobs';
import { latestQualityReport } from '../../db/queries/quality-reports';
import type { QualityJob } from './quality-job';

const RECENT_IMPORTS = 10;

export function createQualityService(deps: {
  /** The primary: where the reports are stored. */
  db: Db;
  /** Where the dashboards read (the data version shown). */
  reads: Db;
  job: Pick<QualityJob, 'check'>;
}) {
  const { db, reads, job } = deps;

  async function report(): Promise<DataQuality> {
    const version = await getDataVersion(reads);
    const stored = await latestQualityReport(db, version);
    const ready = stored?.dataVersion === version;
    if (!ready) void job.check();
    const body = stored && overallQualitySchema.parse(JSON.parse(stored.body));
    const jobs = await listRecentSucceededJobs(reads, RECENT_IMPORTS);
    return dataQualitySchema.parse({
      state: ready ? 'ready' : 'computing',
      dataVersion: version,
      overall: ready ? body : null,
      previous: ready ? null : body,
      context: {
        demo: (await getMeta(reads, 'demo')) !== null,
        imported: (await getMeta(reads, IMPORTED_META_KEY)) !== null,
      },
      imports: jobs.map((j) => ({
        id: j.id,
        source: j.source,
        finishedAt: j.finishedAt ? new Date(j.finishedAt).toISOString() : null,
        rowsRead: j.rowsRead,
        rowsImported: j.rowsImported,
        rowsRejected: j.rowsRejected,
        quality: j.quality,
      })),
    });
  }

  return { report };
}
export type QualityService = ReturnType<typeof createQualityService>;
