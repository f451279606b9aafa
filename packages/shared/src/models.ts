/**
 * The predictive models' contract: churn risk and predicted lifetime value (BG/NBD + Gamma-Gamma), the
 * "slipping away" list and the k-means clusters. Definitions (README "Churn, lifetime value and clusters"):
 *  - a purchase is a day with ≥ 1 completed order; predictions are as of the end of `asOfDay`;
 *  - churn risk = P(no completed order in the next 90 days); bands: low < 0.5 ≤ medium < 0.8 ≤ high;
 *  - predicted value = the next 12 months' expected spend, discounted at 10 % a year.
 */
import { z } from 'zod';

export const RISK_BANDS = ['low', 'medium', 'high'] as const;
export type RiskBandKey = (typeof RISK_BANDS)[number];
export const CHURN_RISK_THRESHOLDS = { medium: 0.5, high: 0.8, horizonDays: 90 } as const;

/** Upper edges (yuan) of the predicted-value bins; the last bin is open. */
export const VALUE_BIN_EDGES = [20, 50, 100, 200, 500, 1000, 2000] as const;

export const bgnbdParamsSchema = z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number() });
export const gammaGammaParamsSchema = z.object({ p: z.number(), q: z.number(), gamma: z.number() });

export const modelFitSchema = z.object({
  /** 'chain' or 'city:<name>'. */
  fitScope: z.string(),
  customers: z.number().int(),
  repeatBuyers: z.number().int(),
  bgnbd: bgnbdParamsSchema.extend({ logLikelihood: z.number() }),
  gammaGamma: gammaGammaParamsSchema.extend({ logLikelihood: z.number() }),
});
export type ModelFit = z.infer<typeof modelFitSchema>;

/** Which fit the figures come from and how old it is. */
export const modelInfoSchema = z.object({
  runId: z.number().int(),
  asOfDay: z.string().nullable(),
  fittedAt: z.string(),
  ageSeconds: z.number().int(),
  dataVersion: z.number().int(),
  /** False when the data changed after this fit (a refit is then running or queued). */
  current: z.boolean(),
  refitting: z.boolean(),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

/**
 * The newest fit of the current data failed and no earlier run can be served (e.g. an empty database, or too
 * little history to fit): panels say so instead of waiting. A data change starts a new fit.
 */
export const modelFailedSchema = z.object({ status: z.literal('failed'), error: z.string() });
export type ModelFailed = z.infer<typeof modelFailedSchema>;

export const churnBandSchema = z.object({
  band: z.enum(RISK_BANDS),
  customers: z.number().int(),
  predictedValue: z.number(),
  expectedOrders90: z.number(),
});

export const valueBinSchema = z.object({
  /** Lower and upper edge in yuan; `to` null for the open last bin. */
  from: z.number(),
  to: z.number().nullable(),
  low: z.number().int(),
  medium: z.number().int(),
  high: z.number().int(),
});
export type ValueBin = z.infer<typeof valueBinSchema>;

export const churnFiguresSchema = z.object({
  /** Active customers of the scope (≥ 1 order in its stores and days) with a prediction. */
  customers: z.number().int(),
  /** Active customers the last fit has not seen yet (their first order came after it). */
  unscored: z.number().int(),
  bands: z.array(churnBandSchema).length(3),
  highRiskShare: z.number().nullable(),
  /** High-risk customers' spend in the scope's stores in the 365 days up to `asOfDay`. */
  valueAtStake: z.number(),
  predictedValue: z.number(),
  valueBins: z.array(valueBinSchema),
});
export type ChurnFigures = z.infer<typeof churnFiguresSchema>;

export const churnSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('fitting') }),
  modelFailedSchema,
  z.object({
    status: z.literal('ready'),
    model: modelInfoSchema,
    fits: z.array(modelFitSchema),
    figures: churnFiguresSchema,
  }),
]);
export type Churn = z.infer<typeof churnSchema>;

/** One valuable customer at high risk. Personal fields are masked for all but admin. */
export const slippingCustomerSchema = z.object({
  customerId: z.string(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  memberLevel: z.string().nullable(),
  /** Last purchase day in the scope's stores, and whole days from it to `asOfDay`. */
  lastDay: z.string(),
  daysSince: z.number().int(),
  /** Purchase days and spend in the scope's stores in the 365 days up to `asOfDay`. */
  visits12m: z.number().int(),
  spend12m: z.number(),
  pActive: z.number(),
  churnRisk: z.number(),
  expectedOrders90: z.number(),
  predictedValue: z.number(),
});
export type SlippingCustomer = z.infer<typeof slippingCustomerSchema>;

export const slippingAwaySchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('fitting') }),
  modelFailedSchema,
  z.object({
    status: z.literal('ready'),
    model: modelInfoSchema,
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    customers: z.array(slippingCustomerSchema),
  }),
]);
export type SlippingAway = z.infer<typeof slippingAwaySchema>;

export const clusterFeaturesSchema = z.object({
  recencyDays: z.number(),
  purchaseDays: z.number(),
  spendPerVisit: z.number(),
  tenureDays: z.number(),
  deliveryShare: z.number(),
  miniProgramShare: z.number(),
});

export const clusterRowSchema = z.object({
  cluster: z.number().int(),
  nameZh: z.string(),
  nameEn: z.string(),
  /** Active customers of the scope in this cluster, and their revenue in scope. */
  count: z.number().int(),
  revenue: z.number(),
  /** Chain-wide centroid (mean of the members' features, natural units). */
  centroid: clusterFeaturesSchema,
});
export type ClusterRow = z.infer<typeof clusterRowSchema>;

export const clustersSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('fitting') }),
  modelFailedSchema,
  z.object({
    status: z.literal('ready'),
    model: modelInfoSchema,
    k: z.number().int().nullable(),
    silhouette: z.number().nullable(),
    clusters: z.array(clusterRowSchema),
    /** Active customers without a cluster (first order after the fit). */
    unassigned: z.number().int(),
  }),
]);
export type Clusters = z.infer<typeof clustersSchema>;

/** Per-customer predictions for Customer 360 and suggestion evidence (customerPredictions in the BFF). */
export const customerPredictionSchema = z.object({
  customerId: z.string(),
  asOfDay: z.string(),
  pActive: z.number(),
  churnRisk: z.number(),
  riskBand: z.enum(RISK_BANDS),
  expectedOrders30: z.number(),
  expectedOrders90: z.number(),
  expectedOrders365: z.number(),
  expectedSpendPerVisit: z.number(),
  predictedValue12m: z.number(),
  /** What drives them: purchase days, first and last purchase day, mean spend of repeat purchase days. */
  drivers: z.object({
    purchaseDays: z.number().int(),
    firstDay: z.string(),
    lastDay: z.string(),
    daysSinceLast: z.number().int(),
    repeatSpend: z.number(),
  }),
  cluster: z.object({ cluster: z.number().int(), nameZh: z.string(), nameEn: z.string() }).nullable(),
});
export type CustomerPrediction = z.infer<typeof customerPredictionSchema>;
