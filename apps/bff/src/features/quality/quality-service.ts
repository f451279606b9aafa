/**
 * The data-quality page: the whole data's report (computed once per data version and kept) and the reports
 * of the recent imports. Aggregates and order ids only, so analysts may read it.
 */
import { dataQualitySchema, type DataQuality, type OverallQuality } from '@portrait/shared/imports';
import type { Db } from '../../db/client';
import { getDataVersion, getMeta, IMPORTED_META_KEY } from '../../db/queries/data-meta';
import { overallQuality } from '../../db/queries/data-quality';
import { listRecentSucceededJobs } from '../../db/queries/import-jobs';

const RECENT_IMPORTS = 10;

export function createQualityService(db: Db) {
  let cached: { version: number; report: Promise<OverallQuality> } | null = null;

  function overall(version: number): Promise<OverallQuality> {
    if (cached?.version !== version) {
      const report = overallQuality(db).then((q) => ({
        ...q,
        dataVersion: version,
        computedAt: new Date().toISOString(),
      }));
      cached = { version, report };
      report.catch(() => (cached = null));
    }
    return cached.report;
  }

  async function report(): Promise<DataQuality> {
    const version = await getDataVersion(db);
    const jobs = await listRecentSucceededJobs(db, RECENT_IMPORTS);
    return dataQualitySchema.parse({
      overall: await overall(version),
      context: {
        demo: (await getMeta(db, 'demo')) !== null,
        imported: (await getMeta(db, IMPORTED_META_KEY)) !== null,
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
