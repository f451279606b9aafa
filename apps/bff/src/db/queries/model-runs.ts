/**
 * Writes and reads model runs (schema-models.ts). Large row sets go in as one JSON parameter per batch
 * (json_to_recordset), which PGlite and PostgreSQL both take, in batches small enough not to hold the database.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { num, queryRows } from '../sql';

export type ModelRun = {
  id: number;
  dataVersion: number;
  asOfDay: string | null;
  status: 'fitting' | 'ready' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  customers: number;
  clusterK: number | null;
  clusterSilhouette: number | null;
};

export type ModelFitRow = {
  model: 'bgnbd' | 'gamma_gamma';
  fitScope: string;
  params: Record<string, number>;
  logLikelihood: number;
  observations: number;
  converged: boolean;
  evaluations: number;
};

export type PredictionRow = {
  customerId: string;
  homeStoreId: string;
  fitScope: string;
  purchaseDays: number;
  firstDay: string;
  lastDay: string;
  repeatSpend: number;
  pActive: number;
  churnRisk: number;
  riskBand: string;
  expected30: number;
  expected90: number;
  expected365: number;
  expectedSpend: number;
  predictedValue: number;
};

export type ClusterProfileRow = {
  cluster: number;
  customers: number;
  centroid: Record<string, number>;
  nameZh: string;
  nameEn: string;
};

type RunRecord = {
  id: number;
  data_version: number;
  as_of_day: string | null;
  status: ModelRun['status'];
  started_at: string | Date;
  finished_at: string | Date | null;
  error: string | null;
  customers: number;
  cluster_k: number | null;
  cluster_silhouette: number | null;
};

const iso = (v: string | Date | null): string | null =>
  v === null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString();

function toRun(r: RunRecord): ModelRun {
  return {
    id: Number(r.id),
    dataVersion: Number(r.data_version),
    asOfDay: r.as_of_day,
    status: r.status,
    startedAt: iso(r.started_at) ?? '',
    finishedAt: iso(r.finished_at),
    error: r.error,
    customers: Number(r.customers),
    clusterK: r.cluster_k === null ? null : Number(r.cluster_k),
    clusterSilhouette: r.cluster_silhouette === null ? null : Number(r.cluster_silhouette),
  };
}

const RUN_COLUMNS = sql`id, data_version, as_of_day::text as as_of_day, status, started_at, finished_at, error,
  customers, cluster_k, cluster_silhouette`;

export async function createRun(db: Db, dataVersion: number): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`insert into model_runs (data_version, status, started_at) values (${dataVersion}, 'fitting', now())
        returning id`,
  );
  return Number(rows[0]?.id);
}

export async function finishRun(
  db: Db,
  id: number,
  p: { asOfDay: string | null; customers: number; clusterK: number | null; clusterSilhouette: number | null },
): Promise<void> {
  await db.execute(
    sql`update model_runs set status = 'ready', finished_at = now(), as_of_day = ${p.asOfDay}::date,
          customers = ${p.customers}, cluster_k = ${p.clusterK}, cluster_silhouette = ${p.clusterSilhouette}
        where id = ${id}`,
  );
}

export async function failRun(db: Db, id: number, error: string): Promise<void> {
  await db.execute(
    sql`update model_runs set status = 'failed', finished_at = now(), error = ${error.slice(0, 2000)} where id = ${id}`,
  );
}

/** Drops one run with its rows (a refresh that was stopped half-way). */
export async function deleteRun(db: Db, id: number): Promise<void> {
  for (const table of ['customer_predictions', 'customer_clusters', 'cluster_profiles', 'model_fits'])
    await db.execute(sql`delete from ${sql.identifier(table)} where run_id = ${id}`);
  await db.execute(sql`delete from model_runs where id = ${id}`);
}

/**
 * Runs left `fitting` by a process that stopped mid-way can never finish: drop them, so the data version they
 * were for is fitted again. Only for the holder of the fit lock (model-service.ts): another process's run in
 * progress is `fitting` too.
 */
export async function deleteAbandonedRuns(db: Db): Promise<void> {
  const rows = await queryRows<{ id: number }>(db, sql`select id from model_runs where status = 'fitting'`);
  for (const r of rows) await deleteRun(db, Number(r.id));
}

/** The newest ready run (the one served) and the newest run of any status. */
export async function latestRuns(db: Db): Promise<{ ready: ModelRun | null; newest: ModelRun | null }> {
  const rows = await queryRows<RunRecord>(
    db,
    sql`(select ${RUN_COLUMNS} from model_runs where status = 'ready' order by id desc limit 1)
        union all
        (select ${RUN_COLUMNS} from model_runs order by id desc limit 1)`,
  );
  const runs = rows.map(toRun);
  const ready = runs.find((r) => r.status === 'ready') ?? null;
  const newest = runs.reduce<ModelRun | null>(
    (best, r) => (best === null || r.id > best.id ? r : best),
    null,
  );
  return { ready, newest };
}

/** Drops every run older than `keepFrom` with its rows (called once a newer run is ready). */
export async function deleteRunsBefore(db: Db, keepFrom: number): Promise<void> {
  for (const table of ['customer_predictions', 'customer_clusters', 'cluster_profiles', 'model_fits'])
    await db.execute(sql`delete from ${sql.identifier(table)} where run_id < ${keepFrom}`);
  await db.execute(sql`delete from model_runs where id < ${keepFrom}`);
}

/**
 * Planner statistics of the run tables once a run replaced the previous one: a fit writes ~1 M predictions at
 * once, and until autovacuum gets to them (minutes on a busy server) the planner took the high-risk band of a run
 * for 28 rows instead of 357 k (large demo) and chose nested loops for the churn list and the gauge.
 */
export async function analyzeRunTables(db: Db): Promise<void> {
  await db.execute(sql`analyze customer_predictions, customer_clusters`);
}

export async function insertFits(db: Db, runId: number, fits: readonly ModelFitRow[]): Promise<void> {
  for (const f of fits)
    await db.execute(
      sql`insert into model_fits (run_id, model, fit_scope, params, log_likelihood, observations, converged, evaluations)
          values (${runId}, ${f.model}, ${f.fitScope}, ${JSON.stringify(f.params)}::jsonb, ${f.logLikelihood},
                  ${f.observations}, ${f.converged}, ${f.evaluations})`,
    );
}

export async function runFits(db: Db, runId: number): Promise<ModelFitRow[]> {
  const rows = await queryRows<{
    model: ModelFitRow['model'];
    fit_scope: string;
    params: Record<string, number> | string;
    log_likelihood: number;
    observations: number;
    converged: boolean;
    evaluations: number;
  }>(
    db,
    sql`select model, fit_scope, params, log_likelihood, observations, converged, evaluations
        from model_fits where run_id = ${runId} order by fit_scope, model`,
  );
  return rows.map((r) => ({
    model: r.model,
    fitScope: r.fit_scope,
    params: typeof r.params === 'string' ? (JSON.parse(r.params) as Record<string, number>) : r.params,
    logLikelihood: num(r.log_likelihood),
    observations: num(r.observations),
    converged: r.converged,
    evaluations: num(r.evaluations),
  }));
}

export async function insertPredictions(
  db: Db,
  runId: number,
  rows: readonly PredictionRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(
    sql`insert into customer_predictions (run_id, customer_id, home_store_id, fit_scope, purchase_days, first_day,
          last_day, repeat_spend, p_active, churn_risk, risk_band, expected30, expected90, expected365,
          expected_spend, predicted_value)
        select ${runId}, r."customerId", r."homeStoreId", r."fitScope", r."purchaseDays", r."firstDay"::date,
          r."lastDay"::date, round(r."repeatSpend"::numeric, 2), r."pActive", r."churnRisk", r."riskBand",
          r."expected30", r."expected90", r."expected365", r."expectedSpend", r."predictedValue"
        from json_to_recordset(${JSON.stringify(rows)}::json) as r("customerId" text, "homeStoreId" text,
          "fitScope" text, "purchaseDays" int, "firstDay" text, "lastDay" text, "repeatSpend" float8,
          "pActive" float8, "churnRisk" float8, "riskBand" text, "expected30" float8, "expected90" float8,
          "expected365" float8, "expectedSpend" float8, "predictedValue" float8)`,
  );
}

export async function insertClusterAssignments(
  db: Db,
  runId: number,
  rows: readonly { customerId: string; cluster: number }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(
    sql`insert into customer_clusters (run_id, customer_id, cluster)
        select ${runId}, r."customerId", r."cluster"
        from json_to_recordset(${JSON.stringify(rows)}::json) as r("customerId" text, "cluster" smallint)`,
  );
}

export async function insertClusterProfiles(
  db: Db,
  runId: number,
  rows: readonly ClusterProfileRow[],
): Promise<void> {
  for (const p of rows)
    await db.execute(
      sql`insert into cluster_profiles (run_id, cluster, customers, centroid, name_zh, name_en)
          values (${runId}, ${p.cluster}, ${p.customers}, ${JSON.stringify(p.centroid)}::jsonb, ${p.nameZh}, ${p.nameEn})`,
    );
}

export async function clusterProfiles(db: Db, runId: number): Promise<ClusterProfileRow[]> {
  const rows = await queryRows<{
    cluster: number;
    customers: number;
    centroid: Record<string, number> | string;
    name_zh: string;
    name_en: string;
  }>(
    db,
    sql`select cluster, customers, centroid, name_zh, name_en from cluster_profiles
        where run_id = ${runId} order by cluster`,
  );
  return rows.map((r) => ({
    cluster: Number(r.cluster),
    customers: Number(r.customers),
    centroid:
      typeof r.centroid === 'string' ? (JSON.parse(r.centroid) as Record<string, number>) : r.centroid,
    nameZh: r.name_zh,
    nameEn: r.name_en,
  }));
}
