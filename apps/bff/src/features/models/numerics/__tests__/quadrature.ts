/** Independent numerical integration for the model checks: composite Simpson in one and two dimensions. */
export function simpson(f: (u: number) => number, lo: number, hi: number, steps = 2000): number {
  const n = steps % 2 === 0 ? steps : steps + 1;
  const h = (hi - lo) / n;
  let sum = f(lo) + f(hi);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(lo + i * h);
  return (sum * h) / 3;
}

export function simpson2d(
  f: (u: number, v: number) => number,
  [uLo, uHi]: [number, number],
  [vLo, vHi]: [number, number],
  steps = 600,
): number {
  return simpson((u) => simpson((v) => f(u, v), vLo, vHi, steps), uLo, uHi, steps);
}
