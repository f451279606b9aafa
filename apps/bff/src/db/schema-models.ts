/**
 * Predictive models (churn, lifetime value, k-means clusters). Written only by the model refresh job
 * (features/models/refresh-models.ts) after each data change, never by hand. A refresh writes a new run's rows
 * beside the current run's and switches over by marking the run ready, so readers never see a half-written run.
 */
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/** One refresh of every model, for one data version. The newest `ready` run is the one served. */
export const modelRuns = pgTable('model_runs', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  dataVersion: integer().notNull(),
  /** Predictions are as of the end of this day (the data's last day with orders). */
  asOfDay: date({ mode: 'string' }),
  /** fitting → ready | failed */
  status: text().notNull(),
  startedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  finishedAt: timestamp({ withTimezone: true, mode: 'string' }),
  error: text(),
  customers: integer().notNull().default(0),
  clusterK: smallint(),
  clusterSilhouette: doublePrecision(),
});

/** Maximum-likelihood fits of a run: BG/NBD and Gamma-Gamma, chain-wide and per city where data suffices. */
export const modelFits = pgTable(
  'model_fits',
  {
    runId: integer().notNull(),
    /** 'bgnbd' | 'gamma_gamma' */
    model: text().notNull(),
    /** 'chain' or 'city:<name>' */
    fitScope: text().notNull(),
    params: jsonb().$type<Record<string, number>>().notNull(),
    logLikelihood: doublePrecision().notNull(),
    /** Customers (BG/NBD) or repeat buyers (Gamma-Gamma) the fit saw. */
    observations: integer().notNull(),
    converged: boolean().notNull(),
    evaluations: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.model, t.fitScope] })],
);

/** Per-customer predictions of a run (time unit: days; a purchase = a day with ≥ 1 completed order). */
export const customerPredictions = pgTable(
  'customer_predictions',
  {
    runId: integer().notNull(),
    customerId: text().notNull(),
    /** The store with most of the customer's purchase days (ties: the latest, then the lowest id). */
    homeStoreId: text().notNull(),
    fitScope: text().notNull(),
    purchaseDays: integer().notNull(),
    firstDay: date({ mode: 'string' }).notNull(),
    lastDay: date({ mode: 'string' }).notNull(),
    /** Mean spend per repeat purchase day (m_x), 0 without repeat purchases. */
    repeatSpend: numeric({ precision: 14, scale: 2 }).notNull(),
    pActive: doublePrecision().notNull(),
    /** P(no completed order in the next 90 days); the risk band is cut from it. */
    churnRisk: doublePrecision().notNull(),
    riskBand: text().notNull(),
    expected30: doublePrecision().notNull(),
    expected90: doublePrecision().notNull(),
    expected365: doublePrecision().notNull(),
    expectedSpend: doublePrecision().notNull(),
    predictedValue: doublePrecision().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.customerId] }),
    index('customer_predictions_band_idx').on(t.runId, t.riskBand),
  ],
);

/** The k-means cluster of each customer in a run. */
export const customerClusters = pgTable(
  'customer_clusters',
  {
    runId: integer().notNull(),
    customerId: text().notNull(),
    cluster: smallint().notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.customerId] })],
);

/** Each cluster's centroid in natural units and its name, derived from the centroid. */
export const clusterProfiles = pgTable(
  'cluster_profiles',
  {
    runId: integer().notNull(),
    cluster: smallint().notNull(),
    customers: integer().notNull(),
    centroid: jsonb().$type<Record<string, number>>().notNull(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.cluster] })],
);
