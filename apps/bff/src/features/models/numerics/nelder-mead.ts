/**
 * Nelder–Mead simplex minimisation (Lagarias et al. 1998 coefficients: reflect 1, expand 2, contract ½,
 * shrink ½), written here rather than taken from a package for one reason: the fits run inside the server, so
 * the loop must hand the event loop back between likelihood evaluations (`pause`), and the JavaScript
 * optimisers on npm (fmin, optimization-js) are synchronous. The models are fitted in log-parameter space, where
 * the simplex method is what lifetimes and BTYD use for the same likelihoods.
 */
export type MinimizeOptions = {
  /** Side of the initial simplex along each axis. */
  step?: number;
  maxEvaluations?: number;
  /** Converged when the simplex's function values and vertices both lie within these tolerances. */
  fTolerance?: number;
  xTolerance?: number;
  /** Called every `pauseEvery` evaluations; return a promise to yield (e.g. to the event loop). */
  pause?: () => Promise<void>;
  pauseEvery?: number;
};

export type MinimizeResult = {
  x: number[];
  fx: number;
  evaluations: number;
  converged: boolean;
};

type Vertex = { x: number[]; fx: number };

export async function nelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  options: MinimizeOptions = {},
): Promise<MinimizeResult> {
  const {
    step = 0.5,
    maxEvaluations = 5000,
    fTolerance = 1e-10,
    xTolerance = 1e-8,
    pause,
    pauseEvery = 1,
  } = options;
  const n = x0.length;
  let evaluations = 0;
  const evaluate = async (x: number[]): Promise<Vertex> => {
    evaluations++;
    if (pause && evaluations % pauseEvery === 0) await pause();
    const fx = f(x);
    // Outside the likelihood's domain (overflow, NaN) counts as +∞, so the simplex moves away.
    return { x, fx: Number.isFinite(fx) ? fx : Infinity };
  };

  const simplex: Vertex[] = [await evaluate([...x0])];
  for (let i = 0; i < n; i++) {
    const x = [...x0];
    x[i] = (x[i] ?? 0) + step;
    simplex.push(await evaluate(x));
  }

  const at = (i: number) => simplex[i] as Vertex;
  const combine = (a: readonly number[], b: readonly number[], t: number) =>
    a.map((ai, j) => ai + t * ((b[j] ?? 0) - ai));

  while (evaluations < maxEvaluations) {
    simplex.sort((p, q) => p.fx - q.fx);
    const best = at(0);
    const worst = at(n);
    const fSpread = Math.abs(worst.fx - best.fx);
    let xSpread = 0;
    for (let i = 1; i <= n; i++)
      for (let j = 0; j < n; j++) xSpread = Math.max(xSpread, Math.abs((at(i).x[j] ?? 0) - (best.x[j] ?? 0)));
    if (fSpread <= fTolerance * (1 + Math.abs(best.fx)) && xSpread <= xTolerance) {
      return { x: best.x, fx: best.fx, evaluations, converged: true };
    }

    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] ?? 0) + (at(i).x[j] ?? 0) / n;

    const reflected = await evaluate(combine(centroid, worst.x, -1));
    if (reflected.fx < best.fx) {
      const expanded = await evaluate(combine(centroid, worst.x, -2));
      simplex[n] = expanded.fx < reflected.fx ? expanded : reflected;
      continue;
    }
    if (reflected.fx < at(n - 1).fx) {
      simplex[n] = reflected;
      continue;
    }
    const outside = reflected.fx < worst.fx;
    const contracted = await evaluate(combine(centroid, outside ? reflected.x : worst.x, 0.5));
    if (contracted.fx < (outside ? reflected.fx : worst.fx)) {
      simplex[n] = contracted;
      continue;
    }
    for (let i = 1; i <= n; i++) simplex[i] = await evaluate(combine(best.x, at(i).x, 0.5));
  }
  simplex.sort((p, q) => p.fx - q.fx);
  return { x: at(0).x, fx: at(0).fx, evaluations, converged: false };
}
