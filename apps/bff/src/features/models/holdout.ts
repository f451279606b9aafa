/**
 * Hold-out check of the purchase model on our own data: fit BG/NBD chain-wide on everything before the last
 * `holdoutDays` days, predict each customer's purchase days in those days, and compare with what happened, by
 * number of calibration repeat purchases (as in Fader, Hardie & Lee 2005, fig. 4) and as mean absolute error
 * against two naive forecasts: the customer's historical repeat rate x / T × days, and "the same as in the
 * previous `holdoutDays` days". Churn risk is checked too: predicted P(no purchase) against the share that made none.
 */
import { addDays } from '@portrait/shared/dates';
import type { Db } from '../../db/client';
import { lastPurchaseDay, purchaseDaysBetween } from '../../db/queries/model-inputs';
import { CHAIN_SCOPE, fitScope, rfmtOf, riskBand, type RiskBand } from './clv-model';
import { loadHistories } from './load-histories';
import { conditionalExpectedPurchases, probabilityNoPurchase, type BgnbdParams } from './numerics/bgnbd';

export const HOLDOUT_BINS = [
  { label: '0', min: 0, max: 0 },
  { label: '1', min: 1, max: 1 },
  { label: '2', min: 2, max: 2 },
  { label: '3–4', min: 3, max: 4 },
  { label: '5–9', min: 5, max: 9 },
  { label: '10–19', min: 10, max: 19 },
  { label: '20–49', min: 20, max: 49 },
  { label: '50+', min: 50, max: Infinity },
] as const;

export type HoldoutRow = {
  label: string;
  customers: number;
  actual: number;
  predicted: number;
  historicalRate: number;
  lastPeriod: number;
};

export type HoldoutReport = {
  split: string;
  end: string;
  holdoutDays: number;
  customers: number;
  params: BgnbdParams;
  logLikelihood: number;
  /** Mean purchase days per customer in the hold-out period, by calibration repeat purchases. */
  calibration: HoldoutRow[];
  total: { actual: number; predicted: number };
  mae: { model: number; historicalRate: number; lastPeriod: number };
  churn: { band: RiskBand; customers: number; predictedNone: number; observedNone: number }[];
};

export async function evaluateHoldout(db: Db, holdoutDays = 90): Promise<HoldoutReport | null> {
  const end = await lastPurchaseDay(db);
  if (!end) return null;
  const split = addDays(end, -holdoutDays);
  const { histories, ranges } = await loadHistories(db, split);
  if (histories.length === 0) return null;
  const fit = await fitScope(CHAIN_SCOPE, histories);
  const params = fit.bgnbd.params;

  const actual = new Map<string, number>();
  const previous = new Map<string, number>();
  for (const range of ranges) {
    for (const [id, n] of await purchaseDaysBetween(db, { after: split, upTo: end, ...range }))
      actual.set(id, n);
    const before = await purchaseDaysBetween(db, {
      after: addDays(split, -holdoutDays),
      upTo: split,
      ...range,
    });
    for (const [id, n] of before) previous.set(id, n);
  }

  const rows = HOLDOUT_BINS.map((b) => ({
    ...b,
    customers: 0,
    actual: 0,
    predicted: 0,
    historicalRate: 0,
    lastPeriod: 0,
  }));
  const churn = (['low', 'medium', 'high'] as const).map((band) => ({
    band,
    customers: 0,
    predictedNone: 0,
    observedNone: 0,
  }));
  const err = { model: 0, historicalRate: 0, lastPeriod: 0 };
  for (const h of histories) {
    const c = rfmtOf(h);
    const got = actual.get(h.customerId) ?? 0;
    const predicted = conditionalExpectedPurchases(params, holdoutDays, c);
    const naiveRate = c.T > 0 ? (c.x / c.T) * holdoutDays : 0;
    const naiveLast = previous.get(h.customerId) ?? 0;
    err.model += Math.abs(predicted - got);
    err.historicalRate += Math.abs(naiveRate - got);
    err.lastPeriod += Math.abs(naiveLast - got);
    const row = rows.find((r) => c.x >= r.min && c.x <= r.max);
    if (row) {
      row.customers++;
      row.actual += got;
      row.predicted += predicted;
      row.historicalRate += naiveRate;
      row.lastPeriod += naiveLast;
    }
    const none = probabilityNoPurchase(params, holdoutDays, c);
    const bandRow = churn.find((b) => b.band === riskBand(none));
    if (bandRow) {
      bandRow.customers++;
      bandRow.predictedNone += none;
      bandRow.observedNone += got === 0 ? 1 : 0;
    }
  }
  const n = histories.length;
  const mean = (sum: number, count: number) => (count > 0 ? sum / count : 0);
  return {
    split,
    end,
    holdoutDays,
    customers: n,
    params,
    logLikelihood: fit.bgnbd.logLikelihood,
    calibration: rows.map((r) => ({
      label: r.label,
      customers: r.customers,
      actual: mean(r.actual, r.customers),
      predicted: mean(r.predicted, r.customers),
      historicalRate: mean(r.historicalRate, r.customers),
      lastPeriod: mean(r.lastPeriod, r.customers),
    })),
    total: {
      actual: rows.reduce((s, r) => s + r.actual, 0),
      predicted: rows.reduce((s, r) => s + r.predicted, 0),
    },
    mae: { model: err.model / n, historicalRate: err.historicalRate / n, lastPeriod: err.lastPeriod / n },
    churn: churn.map((b) => ({
      band: b.band,
      customers: b.customers,
      predictedNone: mean(b.predictedNone, b.customers),
      observedNone: mean(b.observedNone, b.customers),
    })),
  };
}

/** The report as a Markdown table (the CLI prints it; the README quotes it). */
export function holdoutMarkdown(r: HoldoutReport): string {
  const f = (v: number, d = 3) => v.toFixed(d);
  const lines = [
    `Fitted on ${r.customers.toLocaleString('en')} customers up to ${r.split}; hold-out ${addDays(r.split, 1)}..${r.end} (${r.holdoutDays} days).`,
    `BG/NBD (days): r = ${f(r.params.r)}, α = ${f(r.params.alpha)}, a = ${f(r.params.a)}, b = ${f(r.params.b)}, LL = ${f(r.logLikelihood, 1)}.`,
    '',
    '| calibration repeat purchases | customers | actual | BG/NBD | x/T × days | last period |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...r.calibration.map(
      (row) =>
        `| ${row.label} | ${row.customers.toLocaleString('en')} | ${f(row.actual, 2)} | ${f(row.predicted, 2)} | ${f(row.historicalRate, 2)} | ${f(row.lastPeriod, 2)} |`,
    ),
    `| all | ${r.customers.toLocaleString('en')} | ${f(r.total.actual / r.customers, 2)} | ${f(r.total.predicted / r.customers, 2)} | | |`,
    '',
    `Mean absolute error per customer: BG/NBD ${f(r.mae.model)}, historical rate ${f(r.mae.historicalRate)}, last period ${f(r.mae.lastPeriod)}.`,
    '',
    '| risk band at the split | customers | predicted P(no purchase) | observed share with none |',
    '| --- | ---: | ---: | ---: |',
    ...r.churn.map(
      (b) =>
        `| ${b.band} | ${b.customers.toLocaleString('en')} | ${f(b.predictedNone)} | ${f(b.observedNone)} |`,
    ),
  ];
  return lines.join('\n');
}
