/**
 * One refresh of every model for the current data: read histories, fit BG/NBD and Gamma-Gamma (chain-wide and
 * per city where the data suffices), write each customer's predictions, cluster the customers, then switch the
 * served run over and drop the old one. Every step hands the event loop back between batches.
 */
import type { Db } from '../../db/client';
import type { CustomerHistory } from '../../db/queries/model-inputs';
import { lastPurchaseDay } from '../../db/queries/model-inputs';
import {
  analyzeRunTables,
  createRun,
  deleteRun,
  deleteRunsBefore,
  failRun,
  finishRun,
  insertClusterAssignments,
  insertClusterProfiles,
  insertFits,
  insertPredictions,
  type ModelFitRow,
  type PredictionRow,
} from '../../db/queries/model-runs';
import {
  CHAIN_SCOPE,
  citiesToFit,
  cityScope,
  fitScope,
  isUsable,
  predict,
  repeatSpendOf,
  type ScopeFit,
} from './clv-model';
import { clusterCustomers, type ClusterFeatures } from './clusters';
import { loadHistories, yieldToEventLoop, type Pause } from './load-histories';

const WRITE_BATCH = 2000;

export class RefreshStopped extends Error {
  constructor() {
    super('model refresh stopped');
  }
}

export type RefreshOptions = {
  dataVersion: number;
  pause?: Pause;
  shouldStop?: () => boolean;
  log?: (msg: string, detail?: Record<string, unknown>) => void;
};

export async function refreshModels(db: Db, options: RefreshOptions): Promise<number> {
  const { dataVersion, log = () => undefined } = options;
  const shouldStop = options.shouldStop ?? (() => false);
  const pause: Pause = async () => {
    await (options.pause ?? yieldToEventLoop)();
    if (shouldStop()) throw new RefreshStopped();
  };
  const began = Date.now();
  const runId = await createRun(db, dataVersion);
  try {
    const asOf = await lastPurchaseDay(db);
    if (!asOf) {
      await finishRun(db, runId, { asOfDay: null, customers: 0, clusterK: null, clusterSilhouette: null });
      await deleteRunsBefore(db, runId);
      return runId;
    }
    const { histories } = await loadHistories(db, asOf, pause);
    const fits = await fitAll(histories, pause);
    await insertFits(db, runId, fitRows([...fits.values()]));
    log('models fitted', { runId, ms: Date.now() - began, fits: fits.size, customers: histories.length });

    const chain = fits.get(CHAIN_SCOPE) as ScopeFit;
    for (let i = 0; i < histories.length; i += WRITE_BATCH) {
      const rows = histories.slice(i, i + WRITE_BATCH).map((h): PredictionRow => {
        const p = predict(h, fits.get(cityScope(h.homeCity)) ?? chain);
        return {
          ...p,
          homeStoreId: h.homeStoreId,
          purchaseDays: h.purchaseDays,
          firstDay: h.firstDay,
          lastDay: h.lastDay,
          repeatSpend: repeatSpendOf(h),
        };
      });
      await insertPredictions(db, runId, rows);
      await pause();
    }

    const clusters = await clusterCustomers(histories.map(clusterFeatures), pause);
    if (clusters) {
      const assignments = histories.map((h, i) => ({
        customerId: h.customerId,
        cluster: clusters.assignments[i] ?? 0,
      }));
      for (let i = 0; i < assignments.length; i += WRITE_BATCH * 2) {
        await insertClusterAssignments(db, runId, assignments.slice(i, i + WRITE_BATCH * 2));
        await pause();
      }
      await insertClusterProfiles(
        db,
        runId,
        clusters.profiles.map((p) => ({ ...p, centroid: { ...p.centroid } })),
      );
    }
    await finishRun(db, runId, {
      asOfDay: asOf,
      customers: histories.length,
      clusterK: clusters?.k ?? null,
      clusterSilhouette: clusters?.silhouette ?? null,
    });
    await deleteRunsBefore(db, runId);
    await analyzeRunTables(db);
    log('models refreshed', { runId, ms: Date.now() - began, k: clusters?.k ?? null });
    return runId;
  } catch (err) {
    // A stopped refresh leaves nothing behind (the next start fits this data again); a failed one is kept, with
    // its error, and not retried until the data changes.
    const record =
      err instanceof RefreshStopped
        ? deleteRun(db, runId)
        : failRun(db, runId, err instanceof Error ? err.message : String(err));
    await record.catch(() => undefined);
    throw err;
  }
}

/** The chain-wide fit, plus each city with enough history whose own fit is usable. */
async function fitAll(histories: readonly CustomerHistory[], pause: Pause): Promise<Map<string, ScopeFit>> {
  const chain = await fitScope(CHAIN_SCOPE, histories, { pause });
  if (!isUsable(chain)) throw new Error('the chain-wide fit did not converge to usable parameters');
  const fits = new Map([[CHAIN_SCOPE, chain]]);
  for (const city of citiesToFit(histories)) {
    const fit = await fitScope(
      cityScope(city),
      histories.filter((h) => h.homeCity === city),
      { pause },
    );
    if (isUsable(fit)) fits.set(fit.fitScope, fit);
  }
  return fits;
}

function fitRows(fits: readonly ScopeFit[]): ModelFitRow[] {
  return fits.flatMap((f) => [
    {
      model: 'bgnbd' as const,
      fitScope: f.fitScope,
      params: { ...f.bgnbd.params },
      logLikelihood: f.bgnbd.logLikelihood,
      observations: f.customers,
      converged: f.bgnbd.converged,
      evaluations: f.bgnbd.evaluations,
    },
    {
      model: 'gamma_gamma' as const,
      fitScope: f.fitScope,
      params: { ...f.gammaGamma.params },
      logLikelihood: f.gammaGamma.logLikelihood,
      observations: f.repeatBuyers,
      converged: f.gammaGamma.converged,
      evaluations: f.gammaGamma.evaluations,
    },
  ]);
}

export function clusterFeatures(h: CustomerHistory): ClusterFeatures {
  const orders = Math.max(1, h.orders);
  return {
    recencyDays: h.T - h.tx,
    purchaseDays: h.purchaseDays,
    spendPerVisit: h.revenue / h.purchaseDays,
    tenureDays: h.T,
    deliveryShare: h.deliveryOrders / orders,
    miniProgramShare: h.miniProgramOrders / orders,
  };
}
