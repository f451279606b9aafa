/**
 * The churn model as the suggestion engine sees it (`ChurnProvider`): the run served now, and for a scope the
 * model's figures per RFM segment, read from that run's stored predictions (db/queries/segment-churn.ts).
 */
import type { Db } from '../../db/client';
import { segmentChurn } from '../../db/queries/segment-churn';
import type { ChurnProvider } from '../suggestions/engine-input';
import type { ModelService } from './model-service';

export function createChurnProvider(db: Db, models: Pick<ModelService, 'status'>): ChurnProvider {
  return {
    state: async () => {
      const { ready, refitting } = await models.status();
      return { run: ready?.asOfDay ? { id: ready.id, asOfDay: ready.asOfDay } : null, refitting };
    },
    bySegment: (run, period, stores) =>
      segmentChurn(db, { runId: run.id, asOfDay: run.asOfDay, period, stores }),
  };
}
