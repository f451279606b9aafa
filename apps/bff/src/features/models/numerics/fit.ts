/**
 * Maximum-likelihood fits of BG/NBD and Gamma-Gamma: Nelder–Mead on the log of the parameters (so every
 * parameter stays positive and the simplex sees comparable scales), restarted from the best point with smaller
 * simplices until the likelihood stops improving, as a guard against a collapsed simplex.
 */
import { bgnbdLogLikelihood, type BgnbdParams, type RfmTData } from './bgnbd';
import { gammaGammaLogLikelihood, type GammaGammaParams, type SpendData } from './gamma-gamma';
import { nelderMead } from './nelder-mead';

export type FitResult<P> = {
  params: P;
  logLikelihood: number;
  converged: boolean;
  evaluations: number;
};

export type FitOptions = { pause?: () => Promise<void> };

const STEPS = [1, 0.25, 0.05, 0.01];

async function maximise(
  logLikelihood: (theta: readonly number[]) => number,
  start: number[],
  scale: number,
  options: FitOptions,
): Promise<{ theta: number[]; logLikelihood: number; converged: boolean; evaluations: number }> {
  // Per-observation scale, so the tolerance means the same for 900 customers or a million.
  const objective = (theta: readonly number[]) => -logLikelihood(theta) / scale;
  let theta = start;
  let best = objective(theta);
  let evaluations = 1;
  let converged = false;
  for (const step of STEPS) {
    const result = await nelderMead(objective, theta, {
      step,
      maxEvaluations: 4000,
      fTolerance: 1e-12,
      xTolerance: 1e-9,
      ...(options.pause ? { pause: options.pause, pauseEvery: 1 } : {}),
    });
    evaluations += result.evaluations;
    converged = result.converged;
    const improved = best - result.fx;
    if (result.fx <= best) {
      theta = result.x;
      best = result.fx;
    }
    if (improved < 1e-11 && converged) break;
  }
  return { theta, logLikelihood: -best * scale, converged, evaluations };
}

function totalWeight(weight: Float64Array): number {
  let sum = 0;
  for (const w of weight) sum += w;
  return sum;
}

export async function fitBgnbd(data: RfmTData, options: FitOptions = {}): Promise<FitResult<BgnbdParams>> {
  if (data.n === 0) throw new Error('BG/NBD needs at least one customer');
  const n = totalWeight(data.weight);
  let meanT = 0;
  for (let i = 0; i < data.n; i++) meanT += ((data.weight[i] as number) * (data.T[i] as number)) / n;
  const toParams = (t: readonly number[]): BgnbdParams => ({
    r: Math.exp(t[0] ?? 0),
    alpha: Math.exp(t[1] ?? 0),
    a: Math.exp(t[2] ?? 0),
    b: Math.exp(t[3] ?? 0),
  });
  const fit = await maximise(
    (t) => bgnbdLogLikelihood(toParams(t), data),
    [0, Math.log(Math.max(meanT, 1e-3)), 0, 0],
    n,
    options,
  );
  return {
    params: toParams(fit.theta),
    logLikelihood: fit.logLikelihood,
    converged: fit.converged,
    evaluations: fit.evaluations,
  };
}

export async function fitGammaGamma(
  data: SpendData,
  options: FitOptions = {},
): Promise<FitResult<GammaGammaParams>> {
  if (data.n === 0) throw new Error('Gamma-Gamma needs at least one repeat buyer');
  const n = totalWeight(data.weight);
  let meanSpend = 0;
  for (let i = 0; i < data.n; i++) meanSpend += ((data.weight[i] as number) * (data.mx[i] as number)) / n;
  const toParams = (t: readonly number[]): GammaGammaParams => ({
    p: Math.exp(t[0] ?? 0),
    q: Math.exp(t[1] ?? 0),
    gamma: Math.exp(t[2] ?? 0),
  });
  const fit = await maximise(
    (t) => gammaGammaLogLikelihood(toParams(t), data),
    [0, Math.log(2), Math.log(Math.max(meanSpend, 1e-3))],
    n,
    options,
  );
  return {
    params: toParams(fit.theta),
    logLikelihood: fit.logLikelihood,
    converged: fit.converged,
    evaluations: fit.evaluations,
  };
}
