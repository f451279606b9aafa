/**
 * The churn model as the suggestion engine sees it (`ChurnProvider`): the run served now, and for a scope the
 * model's figures per RFM segment, read from that run's stored predictions — from the in-memory columns when they
 * hold the question's data version (customer-columns/churn-columns.ts, identical), else by SQL
 * (db/queries/segment-churn.ts).
 */
import type { Db } from '../../db/client';
import { segmentChurn } from '../../db/queries/segment-churn';
import type { Logger } from '../../lib/logger';
import { churnPredictions, columnsSegmentChurn } from '../customer-columns/churn-columns';
import { epochDay } from '../customer-columns/customer-pass';
import type { CustomerColumnsService } from '../customer-columns/customer-columns-service';
import { readPredictionsAhead, type PredictionsReadStatus } from '../customer-columns/predictions-read-ahead';
import type { ChurnProvider } from '../suggestions/engine-input';
import type { ModelService } from './model-service';

export function createChurnProvider(
  db: Db,
  models: Pick<ModelService, 'status'>,
  columns?: {
    service: Pick<CustomerColumnsService, 'customerRows'> &
      Partial<Pick<CustomerColumnsService, 'onLoaded' | 'status'>>;
    logger?: Logger;
  } | null,
): ChurnProvider & { predictionsRead: () => PredictionsReadStatus | null } {
  // The served run's predictions are read ahead for each copy and each new run, so questions find them ready.
  const { onLoaded, status } = columns?.service ?? {};
  const ahead =
    columns && onLoaded && status
      ? readPredictionsAhead({
          db,
          service: { customerRows: columns.service.customerRows, onLoaded, status },
          servedRun: async () => {
            const { ready } = await models.status();
            return ready?.asOfDay ? { id: ready.id, asOfDay: ready.asOfDay } : null;
          },
          logger: columns.logger,
        })
      : null;
  return {
    predictionsRead: () => ahead?.status() ?? null,
    state: async () => {
      const { ready, refitting } = await models.status();
      if (ready?.asOfDay) ahead?.runServed({ id: ready.id, asOfDay: ready.asOfDay });
      return { run: ready?.asOfDay ? { id: ready.id, asOfDay: ready.asOfDay } : null, refitting };
    },
    bySegment: async (run, period, stores, version) => {
      const rows = version === undefined ? null : (columns?.service.customerRows(version) ?? null);
      if (rows) {
        try {
          // The predictions are read once per (run, copy) from this side (`db`: where the run was found).
          const predictions = await churnPredictions(db, rows, run.id, epochDay(run.asOfDay));
          const answer = columnsSegmentChurn(rows, predictions, period, stores, run.asOfDay);
          if (answer) return answer;
        } catch (err) {
          columns?.logger?.warn(
            { err, runId: run.id },
            'churn columns: predictions not read; the SQL answers',
          );
        }
      }
      return segmentChurn(db, { runId: run.id, asOfDay: run.asOfDay, period, stores });
    },
  };
}
