/**
 * The churn / lifetime-value models' figures for one customer (`predictions` in the profile and the value
 * response), read from the served model run on every request: they are deliberately not part of the cached
 * profile, which is keyed by data version, so a refit that lands after the profile was cached shows at once.
 * The read is one primary-key look-up.
 *
 * Access: the models are fitted on the whole chain. Everyone who may open the customer sees the model's outputs
 * (as on the slipping-away list); the inputs behind them — purchase days, first and last day, repeat spend over
 * every store — are shown only to viewers who may see the whole chain. A store manager gets the explanation as
 * levels (on rhythm, late…), not other stores' figures.
 */
import { explainDrivers, type CustomerPredictions } from '@portrait/shared/customer360-predictions';
import type { Db } from '../../db/client';
import { customerPredictions } from '../models/customer-predictions';
import { modelInfo, notReady } from '../models/model-info';
import type { ModelService } from '../models/model-service';

export type PredictionReader = (
  customerId: string,
  options: { showDrivers: boolean },
) => Promise<CustomerPredictions>;

export function createPredictionReader(db: Db, models: Pick<ModelService, 'status'>): PredictionReader {
  return async (customerId, { showDrivers }) => {
    // A refit that finishes between reading the status and the rows deletes the old run: read again once.
    for (let attempt = 0; ; attempt++) {
      const status = await models.status();
      const run = status.ready;
      if (!run) return notReady(status);
      const info = modelInfo(run, status);
      const model = {
        run_id: info.runId,
        as_of_day: info.asOfDay,
        fitted_at: info.fittedAt,
        age_seconds: info.ageSeconds,
        current: info.current,
        refitting: info.refitting,
      };
      const p = (await customerPredictions(db, [customerId], { runId: run.id })).get(customerId);
      if (!p) {
        if (attempt === 0 && (await models.status()).ready?.id !== run.id) continue;
        return { status: 'unscored', model };
      }
      const { explanation, drivers } = explainDrivers({ ...p.drivers, asOfDay: p.asOfDay });
      return {
        status: 'ready',
        model,
        p_active: p.pActive,
        churn_risk: p.churnRisk,
        risk_band: p.riskBand,
        expected_orders_30: p.expectedOrders30,
        expected_orders_90: p.expectedOrders90,
        expected_orders_365: p.expectedOrders365,
        expected_spend_per_visit: p.expectedSpendPerVisit,
        predicted_value_12m: p.predictedValue12m,
        cluster: p.cluster ? { name_zh: p.cluster.nameZh, name_en: p.cluster.nameEn } : null,
        explanation,
        drivers: showDrivers ? drivers : null,
      };
    }
  };
}
