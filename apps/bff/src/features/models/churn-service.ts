/**
 * The churn gauge, the slipping-away list and the cluster donut for a scope, answered from the newest ready
 * model run (never waiting for a fit). Aggregates are open to every role; the list names customers, so it is
 * masked for all but admin, audited, and never shown to executives (route policy).
 */
import { maskPersonal } from '@portrait/shared/masking';
import {
  RISK_BANDS,
  VALUE_BIN_EDGES,
  type Churn,
  type Clusters,
  type SlippingAway,
  type ValueBin,
} from '@portrait/shared/models';
import type { Scope } from '@portrait/shared/scope';
import type { Db } from '../../db/client';
import { clusterCounts, churnFigures } from '../../db/queries/model-predictions';
import { slippingAway } from '../../db/queries/slipping-away';
import { clusterProfiles, runFits } from '../../db/queries/model-runs';
import type { Logger } from '../../lib/logger';
import { scopeKey, type ResultCache } from '../../lib/result-cache';
import { audit } from '../auth/audit-service';
import { seesPersonalData, type Viewer } from '../auth/viewer';
import type { CustomerColumnsService } from '../customer-columns/customer-columns-service';
import type { CustomerColumns } from '../customer-columns/columns';
import type { ChurnPredictions } from '../customer-columns/churn-columns';
import { columnsChurnFigures, columnsClusterCounts } from '../customer-columns/gauge-columns';
import { columnsSlippingAway, predictionsIfRead } from '../customer-columns/slipping-columns';
import { round2 } from '../portrait/kpis';
import type { Allowed, ScopeResolver } from '../portrait/scope-resolver';
import { FEATURE_KEYS } from './clusters';
import { modelInfo, notReady, presentFits } from './model-info';
import type { ModelService } from './model-service';

export function createChurnService(deps: {
  /** Reads (a replica when there is one). */
  db: Db;
  /** Where the audit rows are written (the primary); default `db`. */
  primary?: Db;
  models: ModelService;
  scopes: ScopeResolver;
  cache: ResultCache;
  /**
   * The in-memory columns: the gauge, the clusters and the slipping-away list are answered from them when they hold
   * the data version and the run's predictions are read (never waiting for either).
   */
  columns?: { service: Pick<CustomerColumnsService, 'customerRows'>; logger?: Logger } | null;
}) {
  const { db, models, scopes, cache } = deps;
  const { catalog } = scopes;
  const primary = deps.primary ?? db;

  async function context(scope: Scope, allowed: Allowed) {
    const { version, stores } = await scopes.resolve(scope, allowed);
    const status = await models.status();
    return { version, stores, status, run: status.ready };
  }

  async function churn(scope: Scope, allowed: Allowed): Promise<Churn> {
    const { version, stores, status, run } = await context(scope, allowed);
    if (!run) return notReady(status);
    // A scope key, so the precompute stores the presets' figures (aggregates only) for every process; the run in
    // the panel's name keeps another run's figures apart.
    const key = scopeKey(version, `churn:${run.id}`, scope, stores);
    const figures = await cache.get(key, async () => {
      const asOfDay = run.asOfDay;
      if (!asOfDay) return null;
      const answer = await fromColumns(version, run.id, (rows, predictions) =>
        columnsChurnFigures(rows, predictions, scope, stores, asOfDay),
      );
      return answer ?? churnFigures(db, { runId: run.id, period: scope, stores, asOfDay });
    });
    const catalogStores = await catalog.stores(version);
    const cities = new Set(
      catalogStores.filter((s) => stores === null || stores.includes(s.id)).map((s) => `city:${s.city}`),
    );
    const fits = presentFits(await runFits(db, run.id), (f) => f === 'chain' || cities.has(f));
    const bands = RISK_BANDS.map((band) => {
      const row = figures?.bands.find((b) => b.band === band);
      return {
        band,
        customers: row?.customers ?? 0,
        predictedValue: round2(row?.predictedValue ?? 0),
        expectedOrders90: round2(row?.expectedOrders90 ?? 0),
      };
    });
    const scored = bands.reduce((s, b) => s + b.customers, 0);
    const high = bands.find((b) => b.band === 'high')?.customers ?? 0;
    return {
      status: 'ready',
      model: modelInfo(run, status),
      fits,
      figures: {
        customers: scored,
        unscored: Math.max(0, (figures?.active ?? 0) - scored),
        bands,
        highRiskShare: scored > 0 ? high / scored : null,
        valueAtStake: round2(figures?.valueAtStake ?? 0),
        predictedValue: round2(bands.reduce((s, b) => s + b.predictedValue, 0)),
        valueBins: valueBins(figures?.bins ?? []),
      },
    };
  }

  async function slipping(
    viewer: Viewer,
    scope: Scope,
    paging: { page: number; pageSize: number },
  ): Promise<SlippingAway> {
    const { version, stores, status, run } = await context(scope, viewer.allowedStores);
    if (!run) return notReady(status);
    const result = run.asOfDay
      ? await slippingList(version, {
          runId: run.id,
          period: scope,
          stores,
          asOfDay: run.asOfDay,
          limit: paging.pageSize,
          offset: (paging.page - 1) * paging.pageSize,
        })
      : { total: 0, rows: [] };
    await audit(primary, viewer, 'view_customer_list', 'churn:slipping_away', {
      scope,
      page: paging.page,
      rows: result.rows.length,
    });
    return {
      status: 'ready',
      model: modelInfo(run, status),
      total: result.total,
      page: paging.page,
      pageSize: paging.pageSize,
      customers: result.rows.map((row) => {
        const shown = {
          ...row,
          spend12m: round2(row.spend12m),
          predictedValue: round2(row.predictedValue),
        };
        return seesPersonalData(viewer) ? shown : maskPersonal(shown);
      }),
    };
  }

  /** From the columns when they hold `version` and the run's predictions are read, else by SQL (identical). */
  async function slippingList(version: number, a: Parameters<typeof slippingAway>[1]) {
    const rows = deps.columns?.service.customerRows(version) ?? null;
    if (rows)
      try {
        const answer = await columnsSlippingAway(db, rows, a);
        if (answer) return answer;
      } catch (err) {
        deps.columns?.logger?.warn(
          { err, runId: a.runId },
          'slipping columns: not answered; the SQL answers',
        );
      }
    return slippingAway(db, a);
  }

  /**
   * `answer` on the copy of `version` and run `runId`'s predictions when both are in place, else null (the caller
   * asks the SQL, identical); a first question starts the predictions' read without waiting for it.
   */
  async function fromColumns<T>(
    version: number,
    runId: number,
    answer: (rows: CustomerColumns, predictions: ChurnPredictions) => T | null,
  ): Promise<T | null> {
    const rows = deps.columns?.service.customerRows(version) ?? null;
    if (!rows) return null;
    try {
      const predictions = await predictionsIfRead(db, rows, runId);
      return predictions && answer(rows, predictions);
    } catch (err) {
      deps.columns?.logger?.warn({ err, runId }, 'churn columns: not answered; the SQL answers');
      return null;
    }
  }

  async function clusters(scope: Scope, allowed: Allowed): Promise<Clusters> {
    const { version, stores, status, run } = await context(scope, allowed);
    if (!run) return notReady(status);
    const key = scopeKey(version, `clusters:${run.id}`, scope, stores);
    const counts = await cache.get(key, async () => {
      const answer = await fromColumns(version, run.id, (rows, predictions) =>
        columnsClusterCounts(rows, predictions, scope, stores),
      );
      return answer ?? clusterCounts(db, { runId: run.id, period: scope, stores });
    });
    const profiles = await clusterProfiles(db, run.id);
    return {
      status: 'ready',
      model: modelInfo(run, status),
      k: run.clusterK,
      silhouette: run.clusterSilhouette,
      clusters: profiles.map((p) => {
        const row = counts.find((c) => c.cluster === p.cluster);
        return {
          cluster: p.cluster,
          nameZh: p.nameZh,
          nameEn: p.nameEn,
          count: row?.customers ?? 0,
          revenue: round2(row?.revenue ?? 0),
          centroid: Object.fromEntries(FEATURE_KEYS.map((k) => [k, p.centroid[k] ?? 0])) as Record<
            (typeof FEATURE_KEYS)[number],
            number
          >,
        };
      }),
      unassigned: counts.find((c) => c.cluster === null)?.customers ?? 0,
    };
  }

  return { churn, slipping, clusters };
}
export type ChurnService = ReturnType<typeof createChurnService>;

/** Every bin, low to high, with the customers of each band (zeros where none). */
function valueBins(rows: readonly { bin: number; band: string; customers: number }[]): ValueBin[] {
  const lowers = [0, ...VALUE_BIN_EDGES];
  return lowers.map((from, i) => {
    const count = (band: string) => rows.find((r) => r.bin === i && r.band === band)?.customers ?? 0;
    return {
      from,
      to: VALUE_BIN_EDGES[i] ?? null,
      low: count('low'),
      medium: count('medium'),
      high: count('high'),
    };
  });
}
