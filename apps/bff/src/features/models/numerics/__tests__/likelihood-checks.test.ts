/**
 * The closed forms against the models' definitions, integrated numerically on tiny hand data: a customer's
 * BG/NBD likelihood, P(alive), conditional expectation and P(no purchase) are integrals over the individual
 * rate λ ~ Gamma(r, α) and drop-out probability p ~ Beta(a, b); the Gamma-Gamma density is an integral over the
 * spend scale ν ~ Gamma(q, γ). Priors are normalised numerically too, so no formula under test is reused.
 */
import { describe, expect, it } from 'vitest';
import {
  bgnbdLogLikelihood,
  conditionalExpectedPurchases,
  probabilityAlive,
  probabilityNoPurchase,
  toRfmTData,
  type BgnbdParams,
  type RfmT,
} from '../bgnbd';
import { fitBgnbd, fitGammaGamma } from '../fit';
import { gammaGammaLogLikelihood, toSpendData, type GammaGammaParams } from '../gamma-gamma';
import { nelderMead } from '../nelder-mead';
import { summariseCustomer } from '../summarise';
import { discountedValue } from '../value';
import { simpson, simpson2d } from './quadrature';

/** Parameters with smooth prior densities (r, a, b ≥ 2) so plain Simpson integrates them accurately. */
const PARAMS: BgnbdParams[] = [
  { r: 3, alpha: 9, a: 2, b: 4 },
  { r: 2, alpha: 30, a: 3.5, b: 6 },
  { r: 2.5, alpha: 14, a: 4, b: 2.5 },
];
const HISTORIES: RfmT[] = [
  { x: 0, tx: 0, T: 20 },
  { x: 1, tx: 4, T: 12 },
  { x: 3, tx: 10, T: 25 },
  { x: 6, tx: 30, T: 31 },
];

function bgnbdByIntegration(params: BgnbdParams, c: RfmT) {
  const { r, alpha, a, b } = params;
  const lambdaMax = (r + 12 * Math.sqrt(r)) / alpha;
  const gammaKernel = (l: number) => Math.pow(l, r - 1) * Math.exp(-alpha * l);
  const betaKernel = (p: number) => Math.pow(p, a - 1) * Math.pow(1 - p, b - 1);
  const norm = simpson(gammaKernel, 0, lambdaMax) * simpson(betaKernel, 0, 1);
  // The integrands carry λ^x e^(−λ t_x) or less: integrate up to where that posterior's tail is negligible.
  const k = r + c.x;
  const posteriorMax = (k + 14 * Math.sqrt(k)) / (alpha + (c.x > 0 ? c.tx : c.T));
  const range = (f: (l: number, p: number) => number) =>
    simpson2d((l, p) => f(l, p) * gammaKernel(l) * betaKernel(p), [0, posteriorMax], [0, 1]) / norm;
  // Alive at T (no drop-out after any of the x purchases) or dropped after the last one, at t_x.
  const alive = (l: number, p: number) => Math.pow(1 - p, c.x) * Math.pow(l, c.x) * Math.exp(-l * c.T);
  const dropped = (l: number, p: number) =>
    c.x > 0 ? p * Math.pow(1 - p, c.x - 1) * Math.pow(l, c.x) * Math.exp(-l * c.tx) : 0;
  const likelihood = range((l, p) => alive(l, p) + dropped(l, p));
  return {
    likelihood,
    pAlive: range(alive) / likelihood,
    // While alive, purchases until drop-out: E = (1 − e^(−λpt)) / p.
    expected: (t: number) =>
      range((l, p) => alive(l, p) * (p > 0 ? -Math.expm1(-l * p * t) / p : l * t)) / likelihood,
    noPurchase: (tau: number) =>
      range((l, p) => alive(l, p) * Math.exp(-l * tau) + dropped(l, p)) / likelihood,
  };
}

describe('BG/NBD closed forms equal the model integrated numerically', () => {
  for (const params of PARAMS)
    for (const c of HISTORIES) {
      it(`When r=${params.r}, α=${params.alpha}, a=${params.a}, b=${params.b} and (x, t_x, T) = (${c.x}, ${c.tx}, ${c.T}), Then likelihood, P(alive), E[Y(t)] and P(no purchase) agree`, () => {
        const ref = bgnbdByIntegration(params, c);
        const ll = bgnbdLogLikelihood(params, toRfmTData([c]));
        expect(ll).toBeCloseTo(Math.log(ref.likelihood), 5);
        expect(probabilityAlive(params, c)).toBeCloseTo(ref.pAlive, 5);
        for (const t of [5, 40])
          expect(conditionalExpectedPurchases(params, t, c)).toBeCloseTo(ref.expected(t), 4);
        expect(probabilityNoPurchase(params, 15, c)).toBeCloseTo(ref.noPurchase(15), 5);
      });
    }

  it('When histories are grouped with weights, Then the log-likelihood equals the sum over the repeated rows', () => {
    const params = PARAMS[0] as BgnbdParams;
    const grouped = bgnbdLogLikelihood(
      params,
      toRfmTData(HISTORIES.map((h, i) => ({ ...h, weight: i + 1 }))),
    );
    const repeated = HISTORIES.flatMap((h, i) => Array.from({ length: i + 1 }, () => h));
    expect(grouped).toBeCloseTo(bgnbdLogLikelihood(params, toRfmTData(repeated)), 9);
  });
});

describe('Gamma-Gamma density equals the model integrated numerically', () => {
  const params: GammaGammaParams = { p: 3.2, q: 4.5, gamma: 20 };
  for (const [x, mx] of [
    [1, 12],
    [4, 7.5],
    [9, 30],
  ] as const) {
    it(`When x = ${x} and m_x = ${mx}, Then ln f(m_x | x) matches ∫ f(m_x | ν) g(ν) dν`, () => {
      const { p, q, gamma } = params;
      // x·m_x is the sum of x Gamma(p, ν) spends: Gamma(px, ν); ν ~ Gamma(q, γ).
      const gammaPdfKernel = (shape: number, rate: number, v: number) =>
        Math.pow(v, shape - 1) * Math.exp(-rate * v) * Math.pow(rate, shape);
      const nuMax = (q + 14 * Math.sqrt(q)) / gamma;
      const nuNorm = simpson((nu) => Math.pow(nu, q - 1) * Math.exp(-gamma * nu), 0, nuMax, 4000);
      const sumNorm = (nu: number) =>
        simpson((s) => gammaPdfKernel(p * x, nu, s), 0, (p * x + 30 * Math.sqrt(p * x)) / nu, 4000);
      const density = simpson(
        (nu) => {
          if (nu === 0) return 0;
          const sumDensity = gammaPdfKernel(p * x, nu, x * mx) / sumNorm(nu);
          return x * sumDensity * Math.pow(nu, q - 1) * Math.exp(-gamma * nu);
        },
        0,
        nuMax,
        1000,
      );
      const ll = gammaGammaLogLikelihood(params, toSpendData([{ x, mx }]));
      expect(ll).toBeCloseTo(Math.log(density / nuNorm), 4);
    });
  }
});

describe('Fits are maxima', () => {
  const data = toRfmTData([
    { x: 0, tx: 0, T: 30 },
    { x: 0, tx: 0, T: 12 },
    { x: 1, tx: 9, T: 28 },
    { x: 2, tx: 20, T: 26 },
    { x: 5, tx: 18, T: 33 },
    { x: 1, tx: 2, T: 35 },
    { x: 7, tx: 29, T: 30 },
    { x: 0, tx: 0, T: 5 },
    { x: 3, tx: 11, T: 40 },
  ]);

  it('When BG/NBD is fitted on nine hand-made histories, Then the finite-difference gradient in log-parameters vanishes and every nudge lowers the likelihood', async () => {
    const fit = await fitBgnbd(data);
    const at = (theta: number[]) =>
      bgnbdLogLikelihood(
        {
          r: Math.exp(theta[0] ?? 0),
          alpha: Math.exp(theta[1] ?? 0),
          a: Math.exp(theta[2] ?? 0),
          b: Math.exp(theta[3] ?? 0),
        },
        data,
      );
    const theta = [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b].map(Math.log);
    expect(at(theta)).toBeCloseTo(fit.logLikelihood, 9);
    const h = 1e-5;
    for (let i = 0; i < 4; i++) {
      const up = [...theta];
      const down = [...theta];
      up[i] = (up[i] ?? 0) + h;
      down[i] = (down[i] ?? 0) - h;
      expect(Math.abs((at(up) - at(down)) / (2 * h))).toBeLessThan(1e-3);
      up[i] = (theta[i] ?? 0) + 0.05;
      down[i] = (theta[i] ?? 0) - 0.05;
      expect(at(up)).toBeLessThan(fit.logLikelihood);
      expect(at(down)).toBeLessThan(fit.logLikelihood);
    }
  });

  it('When Gamma-Gamma is fitted on hand-made spends, Then the finite-difference gradient vanishes', async () => {
    const spends = toSpendData([
      { x: 1, mx: 20 },
      { x: 3, mx: 31 },
      { x: 2, mx: 18.5 },
      { x: 6, mx: 42 },
      { x: 1, mx: 55 },
      { x: 4, mx: 26 },
    ]);
    const fit = await fitGammaGamma(spends);
    const at = (t: number[]) =>
      gammaGammaLogLikelihood(
        { p: Math.exp(t[0] ?? 0), q: Math.exp(t[1] ?? 0), gamma: Math.exp(t[2] ?? 0) },
        spends,
      );
    const theta = [fit.params.p, fit.params.q, fit.params.gamma].map(Math.log);
    for (let i = 0; i < 3; i++) {
      const up = [...theta];
      const down = [...theta];
      up[i] = (up[i] ?? 0) + 1e-5;
      down[i] = (down[i] ?? 0) - 1e-5;
      expect(Math.abs((at(up) - at(down)) / 2e-5)).toBeLessThan(1e-3);
    }
  });

  it('When Nelder–Mead minimises the Rosenbrock function while pausing, Then it reaches (1, 1) and pauses', async () => {
    let pauses = 0;
    const result = await nelderMead(([x = 0, y = 0]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2, [-1.2, 1], {
      pause: async () => void pauses++,
      pauseEvery: 10,
    });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 4);
    expect(result.x[1]).toBeCloseTo(1, 4);
    expect(pauses).toBe(Math.floor(result.evaluations / 10));
  });
});

describe('Summaries and value', () => {
  it('When a customer buys twice on day 3 and once on days 10 and 17 and the cut-off is day 24, Then x = 2, t_x = 14, T = 21 and m_x is the mean of the repeat days', () => {
    const s = summariseCustomer(
      [
        { day: 3, amount: 10 },
        { day: 3, amount: 5 },
        { day: 10, amount: 30 },
        { day: 17, amount: 20 },
        { day: 30, amount: 99 },
      ],
      24,
    );
    expect(s).toEqual({ x: 2, tx: 14, T: 21, mx: 25 });
    expect(summariseCustomer([{ day: 30, amount: 1 }], 24)).toBeNull();
  });

  it('When the discount rate is zero, Then the 12-month value is E[Y(12 months)] × spend; a positive rate discounts each month', () => {
    const params = PARAMS[0] as BgnbdParams;
    const c = HISTORIES[2] as RfmT;
    const undiscounted = discountedValue(params, c, 25, { unitsPerMonth: 30, monthlyDiscountRate: 0 });
    expect(undiscounted).toBeCloseTo(conditionalExpectedPurchases(params, 360, c) * 25, 9);
    // By hand: month m's expected purchases discounted by 1.01^m.
    let byHand = 0;
    for (let m = 1; m <= 12; m++) {
      const inMonth =
        conditionalExpectedPurchases(params, 30 * m, c) -
        conditionalExpectedPurchases(params, 30 * (m - 1), c);
      byHand += (inMonth * 25) / 1.01 ** m;
    }
    expect(discountedValue(params, c, 25, { unitsPerMonth: 30, monthlyDiscountRate: 0.01 })).toBeCloseTo(
      byHand,
      9,
    );
    expect(byHand).toBeLessThan(undiscounted);
  });
});
