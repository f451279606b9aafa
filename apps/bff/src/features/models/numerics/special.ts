/**
 * The special functions the models need, from stdlib-js (maintained, tested against reference values):
 * log-gamma and the Gaussian hypergeometric function 2F1.
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import hyp2f1 from '@stdlib/math-base-special-hyp2f1';

export const lgamma: (x: number) => number = gammaln;
export const hypergeometric2F1: (a: number, b: number, c: number, z: number) => number = hyp2f1;

/** ln(e^u + e^v) without overflow. */
export function logAddExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  const m = Math.max(u, v);
  return m + Math.log(Math.exp(u - m) + Math.exp(v - m));
}
