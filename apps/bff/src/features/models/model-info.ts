import type { ModelFailed, ModelFit, ModelInfo } from '@portrait/shared/models';
import type { ModelFitRow, ModelRun } from '../../db/queries/model-runs';
import type { ModelStatus } from './model-service';

/** Which run the figures come from, how old it is, and whether the data has moved on since. */
export function modelInfo(run: ModelRun, status: ModelStatus, now = Date.now()): ModelInfo {
  const fittedAt = run.finishedAt ?? run.startedAt;
  return {
    runId: run.id,
    asOfDay: run.asOfDay,
    fittedAt,
    ageSeconds: Math.max(0, Math.round((now - Date.parse(fittedAt)) / 1000)),
    dataVersion: run.dataVersion,
    current: run.dataVersion === status.dataVersion,
    refitting: status.refitting,
  };
}

/** What a model endpoint answers when no run can be served: the first fit is running, or the last one failed. */
export function notReady(status: ModelStatus): ModelFailed | { status: 'fitting' } {
  return status.failure !== null ? { status: 'failed', error: status.failure } : { status: 'fitting' };
}

/** Pairs each scope's BG/NBD and Gamma-Gamma rows; `keep` limits the scopes shown (store managers). */
export function presentFits(rows: readonly ModelFitRow[], keep: (fitScope: string) => boolean): ModelFit[] {
  const scopes = [...new Set(rows.map((r) => r.fitScope))].filter(keep);
  return scopes.flatMap((fitScope) => {
    const bg = rows.find((r) => r.fitScope === fitScope && r.model === 'bgnbd');
    const gg = rows.find((r) => r.fitScope === fitScope && r.model === 'gamma_gamma');
    if (!bg || !gg) return [];
    return [
      {
        fitScope,
        customers: bg.observations,
        repeatBuyers: gg.observations,
        bgnbd: {
          r: bg.params.r ?? 0,
          alpha: bg.params.alpha ?? 0,
          a: bg.params.a ?? 0,
          b: bg.params.b ?? 0,
          logLikelihood: bg.logLikelihood,
        },
        gammaGamma: {
          p: gg.params.p ?? 0,
          q: gg.params.q ?? 0,
          gamma: gg.params.gamma ?? 0,
          logLikelihood: gg.logLikelihood,
        },
      },
    ];
  });
}
