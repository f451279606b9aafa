/**
 * Gamma-Gamma spend model (Fader & Hardie 2013, note 025; Colombo & Jiang 1999): a customer's spend per
 * transaction is Gamma(p, ν), ν ~ Gamma(q, γ) across customers, independent of the purchase process. It is fitted
 * on repeat buyers: x repeat transactions with mean spend m_x (the first purchase left out, as in the paper).
 */
import { lgamma } from './special';

export type GammaGammaParams = { p: number; q: number; gamma: number };
export type SpendData = { n: number; x: Int32Array; mx: Float64Array; weight: Float64Array };

export function toSpendData(rows: readonly { x: number; mx: number; weight?: number }[]): SpendData {
  const repeat = rows.filter((r) => r.x > 0 && r.mx > 0);
  const n = repeat.length;
  const data: SpendData = {
    n,
    x: new Int32Array(n),
    mx: new Float64Array(n),
    weight: new Float64Array(n),
  };
  repeat.forEach((row, i) => {
    data.x[i] = row.x;
    data.mx[i] = row.mx;
    data.weight[i] = row.weight ?? 1;
  });
  return data;
}

/**
 * ln f(m_x | x) = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln m_x + px ln x − (px+q) ln(γ + x m_x),
 * summed over repeat buyers.
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: SpendData): number {
  const { p, q, gamma } = params;
  if (!(p > 0 && q > 0 && gamma > 0)) return -Infinity;
  const byX = new Map<number, number>();
  const base = -lgamma(q) + q * Math.log(gamma);
  let total = 0;
  for (let i = 0; i < data.n; i++) {
    const x = data.x[i] as number;
    const mx = data.mx[i] as number;
    const px = p * x;
    let head = byX.get(x);
    if (head === undefined) {
      head = base + lgamma(px + q) - lgamma(px) + px * Math.log(x);
      byX.set(x, head);
    }
    total +=
      (data.weight[i] as number) * (head + (px - 1) * Math.log(mx) - (px + q) * Math.log(gamma + x * mx));
  }
  return total;
}

/** The population's mean spend per transaction, E[Z] = pγ/(q−1) (finite only for q > 1). */
export function populationMeanSpend(params: GammaGammaParams): number {
  return params.q > 1 ? (params.p * params.gamma) / (params.q - 1) : Number.NaN;
}

/**
 * E[spend per transaction | x, m_x] = (p(γ + x m_x)) / (px + q − 1): a weighted mean of the population mean and
 * the customer's own mean, the weight on their own growing with x. Without repeat purchases, the population mean.
 */
export function conditionalExpectedSpend(params: GammaGammaParams, x: number, mx: number): number {
  if (x <= 0 || !(mx > 0)) return populationMeanSpend(params);
  const { p, q, gamma } = params;
  return (p * (gamma + x * mx)) / (p * x + q - 1);
}
