/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while active, a customer buys as a
 * Poisson process with rate λ ~ Gamma(r, α); after each purchase they drop out with probability p ~ Beta(a, b).
 * A customer's history is (x, t_x, T): x repeat purchases, the last at t_x, observed for T since the first
 * purchase (any time unit; α is in the same unit).
 */
import { hypergeometric2F1, lgamma, logAddExp } from './special';

export type BgnbdParams = { r: number; alpha: number; a: number; b: number };
export type RfmT = { x: number; tx: number; T: number };

/** Column-wise histories; `weight` counts identical histories (1 each when histories are not grouped). */
export type RfmTData = {
  n: number;
  x: Int32Array;
  tx: Float64Array;
  T: Float64Array;
  weight: Float64Array;
};

export function toRfmTData(rows: readonly (RfmT & { weight?: number })[]): RfmTData {
  const n = rows.length;
  const data: RfmTData = {
    n,
    x: new Int32Array(n),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    weight: new Float64Array(n),
  };
  rows.forEach((row, i) => {
    data.x[i] = row.x;
    data.tx[i] = row.tx;
    data.T[i] = row.T;
    data.weight[i] = row.weight ?? 1;
  });
  return data;
}

/**
 * Total log-likelihood (FHL 2005 eq. 6, in logs):
 * ln L = lnΓ(r+x) − lnΓ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
 *        + ln[ (α+T)^−(r+x) + 1{x>0} · a/(b+x−1) · (α+t_x)^−(r+x) ].
 * The terms that depend on x only are computed once per distinct x.
 */
export function bgnbdLogLikelihood(params: BgnbdParams, data: RfmTData): number {
  const { r, alpha, a, b } = params;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return -Infinity;
  const byX = new Map<number, { head: number; lnRatio: number }>();
  const base = -lgamma(r) + r * Math.log(alpha) + lgamma(a + b) - lgamma(b);
  let total = 0;
  for (let i = 0; i < data.n; i++) {
    const x = data.x[i] as number;
    let terms = byX.get(x);
    if (!terms) {
      terms = {
        head: base + lgamma(r + x) + lgamma(b + x) - lgamma(a + b + x),
        lnRatio: x > 0 ? Math.log(a / (b + x - 1)) : -Infinity,
      };
      byX.set(x, terms);
    }
    const rx = r + x;
    const alive = -rx * Math.log(alpha + (data.T[i] as number));
    const dropped = x > 0 ? terms.lnRatio - rx * Math.log(alpha + (data.tx[i] as number)) : -Infinity;
    total += (data.weight[i] as number) * (terms.head + logAddExp(alive, dropped));
  }
  return total;
}

/** P(still active at T | history) (FHL 2005 eq. 13); exactly 1 without repeat purchases, by the model's design. */
export function probabilityAlive(params: BgnbdParams, c: RfmT): number {
  if (c.x === 0) return 1;
  const { r, alpha, a, b } = params;
  const lnOdds = Math.log(a / (b + c.x - 1)) + (r + c.x) * Math.log((alpha + c.T) / (alpha + c.tx));
  return 1 / (1 + Math.exp(lnOdds));
}

/**
 * E[purchases in (T, T+t] | history] (FHL 2005 eq. 10). The factor ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x;
 * a+b+x−1; z) overflows for large x, so it is rewritten with Euler's transformation as
 * (1−z)^(a−1) · 2F1(a+b−1−r, a−1; a+b+x−1; z), z = t/(α+T+t), whose parameters stay small.
 */
export function conditionalExpectedPurchases(params: BgnbdParams, t: number, c: RfmT): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = params;
  // a = 1 is a removable singularity; step off it.
  const am1 = Math.abs(a - 1) < 1e-9 ? 1e-9 : a - 1;
  const z = t / (alpha + c.T + t);
  const tail = Math.pow(1 - z, am1) * hypergeometric2F1(a + b - 1 - r, am1, a + b + c.x - 1, z);
  return ((a + b + c.x - 1) / am1) * (1 - tail) * probabilityAlive(params, c);
}

/** E[X(t)] for a customer just acquired (FHL 2005 eq. 9): the conditional expectation at x = t_x = T = 0. */
export function expectedPurchases(params: BgnbdParams, t: number): number {
  return conditionalExpectedPurchases(params, t, { x: 0, tx: 0, T: 0 });
}

/**
 * P(no purchase in (T, T+τ] | history). Given alive, λ | history ~ Gamma(r+x, α+T) and nobody drops out without
 * buying, so P = (1 − P(alive)) + P(alive) · ((α+T)/(α+T+τ))^(r+x).
 */
export function probabilityNoPurchase(params: BgnbdParams, tau: number, c: RfmT): number {
  const alive = probabilityAlive(params, c);
  const quiet = Math.pow((params.alpha + c.T) / (params.alpha + c.T + tau), params.r + c.x);
  return 1 - alive + alive * quiet;
}
