/**
 * The churn / lifetime-value models' view of one customer in Customer 360 (`predictions` of the profile and the
 * value response): the served model run's figures for the customer (`customerPredictions` in the BFF) and a
 * plain-language reading of what drives them. Snake_case like the rest of the Customer 360 contract.
 *
 * What drives the figures (README "Customer 360" › "Predictions"):
 *  - rhythm: the days since the last purchase against the customer's own mean gap between purchase days,
 *    gap = (last − first) / (purchase days − 1); within 1.5 × the gap is on rhythm (the repurchase reminder's
 *    overdue factor), up to 3 × late, beyond that long overdue; one purchase day has no rhythm yet;
 *  - frequency: purchase days (1, 2–4, 5–19, 20+): the more, the more the model trusts the customer's own rate;
 *  - spend: the expected spend per purchase day leans on the customer's repeat purchases when there are some,
 *    else on the chain's typical spend (Gamma-Gamma).
 */
import { z } from 'zod';
import { daysBetween } from './dates';
import { modelFailedSchema, RISK_BANDS } from './models';

export const RHYTHMS = ['single_visit', 'on_rhythm', 'late', 'long_overdue'] as const;
export type Rhythm = (typeof RHYTHMS)[number];
export const FREQUENCIES = ['single', 'few', 'regular', 'frequent'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** Days since the last purchase ÷ the customer's mean gap: on rhythm up to `late`, late up to `longOverdue`. */
export const RHYTHM_RATIOS = { late: 1.5, longOverdue: 3 } as const;
/** Lower bounds of purchase days for "few", "regular" and "frequent" (1 is "single"). */
export const FREQUENCY_MIN_DAYS = { few: 2, regular: 5, frequent: 20 } as const;

export const predictionModelSchema = z.object({
  run_id: z.number().int(),
  /** Predictions are as of the end of this day (the data's last day with a completed order at the fit). */
  as_of_day: z.string().nullable(),
  fitted_at: z.string(),
  age_seconds: z.number().int(),
  /** False when the data changed after this fit (a refit is then running or queued). */
  current: z.boolean(),
  refitting: z.boolean(),
});
export type PredictionModel = z.infer<typeof predictionModelSchema>;

export const predictionExplanationSchema = z.object({
  rhythm: z.enum(RHYTHMS),
  frequency: z.enum(FREQUENCIES),
  /** `own_repeats`: the spend estimate leans on the customer's repeat purchases; else the chain's typical spend. */
  spend_basis: z.enum(['own_repeats', 'chain_typical']),
});
export type PredictionExplanation = z.infer<typeof predictionExplanationSchema>;

/** The model's inputs for this customer, over the whole chain; null for viewers limited to some stores. */
export const predictionDriversSchema = z.object({
  purchase_days: z.number().int(),
  first_day: z.string(),
  last_day: z.string(),
  days_since_last: z.number().int(),
  /** Mean days between purchase days; null with one purchase day. */
  usual_gap_days: z.number().nullable(),
  /** Mean spend of the repeat purchase days (the first left out); 0 without repeats. */
  repeat_spend: z.number(),
});
export type PredictionDrivers = z.infer<typeof predictionDriversSchema>;

export const customerPredictionsSchema = z.discriminatedUnion('status', [
  /** No model run is ready yet (the first fit is running). */
  z.object({ status: z.literal('fitting') }),
  /** The newest fit failed and no earlier run can be served. */
  modelFailedSchema,
  /** The served run has no prediction for this customer (first completed order after the fit, or none yet). */
  z.object({ status: z.literal('unscored'), model: predictionModelSchema }),
  z.object({
    status: z.literal('ready'),
    model: predictionModelSchema,
    p_active: z.number(),
    /** P(no completed order in the next 90 days); `risk_band` is cut from it (CHURN_RISK_THRESHOLDS). */
    churn_risk: z.number(),
    risk_band: z.enum(RISK_BANDS),
    /** Expected purchase days (a day with orders counts once) in the next 30 / 90 / 365 days. */
    expected_orders_30: z.number(),
    expected_orders_90: z.number(),
    expected_orders_365: z.number(),
    expected_spend_per_visit: z.number(),
    /** The next 12 months' expected spend, discounted at 10 % a year. */
    predicted_value_12m: z.number(),
    cluster: z.object({ name_zh: z.string(), name_en: z.string() }).nullable(),
    explanation: predictionExplanationSchema,
    drivers: predictionDriversSchema.nullable(),
  }),
]);
export type CustomerPredictions = z.infer<typeof customerPredictionsSchema>;
export type ReadyPredictions = Extract<CustomerPredictions, { status: 'ready' }>;

/** The rules above, from a customer's history as the model saw it. */
export function explainDrivers(d: {
  purchaseDays: number;
  firstDay: string;
  lastDay: string;
  asOfDay: string;
  repeatSpend: number;
}): { explanation: PredictionExplanation; drivers: PredictionDrivers } {
  const repeats = d.purchaseDays - 1;
  const gap = repeats > 0 ? daysBetween(d.firstDay, d.lastDay) / repeats : null;
  const since = daysBetween(d.lastDay, d.asOfDay);
  let rhythm: Rhythm = 'single_visit';
  if (gap !== null) {
    // A gap under a day cannot happen (purchases are days); guard the division anyway.
    const ratio = since / Math.max(gap, 1);
    rhythm =
      ratio <= RHYTHM_RATIOS.late
        ? 'on_rhythm'
        : ratio <= RHYTHM_RATIOS.longOverdue
          ? 'late'
          : 'long_overdue';
  }
  const frequency: Frequency =
    d.purchaseDays >= FREQUENCY_MIN_DAYS.frequent
      ? 'frequent'
      : d.purchaseDays >= FREQUENCY_MIN_DAYS.regular
        ? 'regular'
        : d.purchaseDays >= FREQUENCY_MIN_DAYS.few
          ? 'few'
          : 'single';
  return {
    explanation: {
      rhythm,
      frequency,
      spend_basis: repeats > 0 && d.repeatSpend > 0 ? 'own_repeats' : 'chain_typical',
    },
    drivers: {
      purchase_days: d.purchaseDays,
      first_day: d.firstDay,
      last_day: d.lastDay,
      days_since_last: since,
      usual_gap_days: gap === null ? null : Math.round(gap * 10) / 10,
      repeat_spend: d.repeatSpend,
    },
  };
}
