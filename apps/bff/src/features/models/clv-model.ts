/**
 * The chain's lifetime-value and churn model: BG/NBD for purchase days and Gamma-Gamma for spend per purchase
 * day, fitted by maximum likelihood chain-wide and per city where the city has enough history. Time unit: days.
 */
import { CHURN_RISK_THRESHOLDS, type RiskBandKey } from '@portrait/shared/models';
import type { CustomerHistory } from '../../db/queries/model-inputs';
import {
  conditionalExpectedPurchases,
  probabilityAlive,
  probabilityNoPurchase,
  toRfmTData,
  type BgnbdParams,
  type RfmT,
} from './numerics/bgnbd';
import { fitBgnbd, fitGammaGamma, type FitOptions, type FitResult } from './numerics/fit';
import { conditionalExpectedSpend, toSpendData, type GammaGammaParams } from './numerics/gamma-gamma';
import { discountedValue } from './numerics/value';

/** A city gets its own fit with at least this many customers, this many of them repeat buyers. */
export const CITY_FIT_MIN_CUSTOMERS = 2000;
export const CITY_FIT_MIN_REPEAT_BUYERS = 500;
/** Churn risk = P(no purchase in the next CHURN_HORIZON_DAYS); bands cut at the shared thresholds. */
export const CHURN_HORIZON_DAYS = CHURN_RISK_THRESHOLDS.horizonDays;
export const RISK_THRESHOLDS = CHURN_RISK_THRESHOLDS;
export const DAYS_PER_MONTH = 365 / 12;

export type RiskBand = RiskBandKey;
export const CHAIN_SCOPE = 'chain';
export const cityScope = (city: string) => `city:${city}`;

export type ScopeFit = {
  fitScope: string;
  customers: number;
  repeatBuyers: number;
  bgnbd: FitResult<BgnbdParams>;
  gammaGamma: FitResult<GammaGammaParams>;
};

export type Prediction = {
  customerId: string;
  fitScope: string;
  pActive: number;
  churnRisk: number;
  riskBand: RiskBand;
  expected30: number;
  expected90: number;
  expected365: number;
  expectedSpend: number;
  predictedValue: number;
};

export function rfmtOf(h: Pick<CustomerHistory, 'purchaseDays' | 'tx' | 'T'>): RfmT {
  return { x: h.purchaseDays - 1, tx: h.tx, T: h.T };
}

/** Mean spend of the repeat purchase days (m_x), 0 without any. */
export function repeatSpendOf(h: Pick<CustomerHistory, 'purchaseDays' | 'repeatRevenue'>): number {
  const x = h.purchaseDays - 1;
  return x > 0 ? h.repeatRevenue / x : 0;
}

export function riskBand(churnRisk: number): RiskBand {
  if (churnRisk >= RISK_THRESHOLDS.high) return 'high';
  if (churnRisk >= RISK_THRESHOLDS.medium) return 'medium';
  return 'low';
}

/** Identical (x, t_x, T) histories share one likelihood term, weighted by their count. */
function groupedRfmT(histories: readonly CustomerHistory[]) {
  const groups = new Map<string, RfmT & { weight: number }>();
  for (const h of histories) {
    const c = rfmtOf(h);
    const key = `${c.x}|${c.tx}|${c.T}`;
    const g = groups.get(key);
    if (g) g.weight++;
    else groups.set(key, { ...c, weight: 1 });
  }
  return toRfmTData([...groups.values()]);
}

export async function fitScope(
  fitScopeKey: string,
  histories: readonly CustomerHistory[],
  options: FitOptions = {},
): Promise<ScopeFit> {
  const spend = toSpendData(histories.map((h) => ({ x: h.purchaseDays - 1, mx: repeatSpendOf(h) })));
  const bgnbd = await fitBgnbd(groupedRfmT(histories), options);
  const gammaGamma = await fitGammaGamma(spend, options);
  return { fitScope: fitScopeKey, customers: histories.length, repeatBuyers: spend.n, bgnbd, gammaGamma };
}

/** A usable fit: finite parameters, and a finite mean spend (q > 1). */
export function isUsable(fit: ScopeFit): boolean {
  const values = [...Object.values(fit.bgnbd.params), ...Object.values(fit.gammaGamma.params)];
  return values.every((v) => Number.isFinite(v) && v > 0) && fit.gammaGamma.params.q > 1;
}

/** Cities whose history suffices for their own fit. */
export function citiesToFit(histories: readonly CustomerHistory[]): string[] {
  const byCity = new Map<string, { customers: number; repeat: number }>();
  for (const h of histories) {
    const c = byCity.get(h.homeCity) ?? { customers: 0, repeat: 0 };
    c.customers++;
    if (h.purchaseDays > 1) c.repeat++;
    byCity.set(h.homeCity, c);
  }
  return [...byCity.entries()]
    .filter(([, c]) => c.customers >= CITY_FIT_MIN_CUSTOMERS && c.repeat >= CITY_FIT_MIN_REPEAT_BUYERS)
    .map(([city]) => city)
    .sort();
}

export function predict(h: CustomerHistory, fit: ScopeFit): Prediction {
  const bg = fit.bgnbd.params;
  const c = rfmtOf(h);
  const expectedSpend = conditionalExpectedSpend(fit.gammaGamma.params, c.x, repeatSpendOf(h));
  const churnRisk = probabilityNoPurchase(bg, CHURN_HORIZON_DAYS, c);
  return {
    customerId: h.customerId,
    fitScope: fit.fitScope,
    pActive: probabilityAlive(bg, c),
    churnRisk,
    riskBand: riskBand(churnRisk),
    expected30: conditionalExpectedPurchases(bg, 30, c),
    expected90: conditionalExpectedPurchases(bg, 90, c),
    expected365: conditionalExpectedPurchases(bg, 365, c),
    expectedSpend,
    predictedValue: discountedValue(bg, c, expectedSpend, { unitsPerMonth: DAYS_PER_MONTH }),
  };
}
