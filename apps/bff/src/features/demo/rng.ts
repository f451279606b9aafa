/**
 * Seeded randomness for the demo generator. Every entity (a customer, a store's guest stream, …) gets its own
 * generator derived from (seed, stream, index), so a value never depends on how many draws came before it in
 * another entity: the output is identical whatever the batch size, and each pass can be re-derived cheaply.
 * sfc32 is small, fast and passes PractRand; that is all a demo needs.
 */

/** Murmur3's finaliser: spreads every input bit over the 32-bit result. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit seed for one entity of one stream. `seed` may be any safe integer. */
export function deriveSeed(seed: number, stream: number, index = 0): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  let h = fmix32(lo ^ 0x9e3779b9);
  h = fmix32(h ^ hi ^ 0x7f4a7c15);
  h = fmix32(h ^ Math.imul(stream + 1, 0x27d4eb2f));
  return fmix32(h ^ Math.imul(index + 1, 0x165667b1));
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed32: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed32 >>> 0;
    // Warm up so that nearby seeds diverge immediately.
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  static for(seed: number, stream: number, index = 0): Rng {
    return new Rng(deriveSeed(seed, stream, index));
  }

  nextU32(): number {
    const t0 = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    const t = (t0 + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [min, max], both inclusive. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  logNormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }

  /** Marsaglia–Tsang; shape < 1 uses the boost gamma(shape + 1) · U^(1/shape). */
  gamma(shape: number, scale = 1): number {
    if (shape < 1) return this.gamma(shape + 1, scale) * Math.pow(1 - this.next(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - this.next();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  }

  beta(a: number, b: number): number {
    const x = this.gamma(a);
    return x / (x + this.gamma(b));
  }

  /** Knuth for small means, a rounded normal approximation for large ones. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 40) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
}

/** Draws an index with probability proportional to its weight (cumulative table + binary search). */
export class WeightedPicker {
  private readonly cdf: Float64Array;

  constructor(weights: readonly number[]) {
    this.cdf = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += Math.max(0, w);
      this.cdf[i] = sum;
    });
    if (sum <= 0) throw new Error('WeightedPicker needs a positive weight');
  }

  pick(rng: Rng): number {
    const cdf = this.cdf;
    const target = rng.next() * (cdf[cdf.length - 1] as number);
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
