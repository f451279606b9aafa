/** Small statistics for `pnpm bench:load`: percentiles of recorded latencies and the trend of memory samples. */

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** Latencies appended one by one without reallocating an array per response (a soak records ~10^6 of them). */
export function latencyRecorder() {
  let values = new Float64Array(1 << 16);
  let n = 0;
  return {
    add(ms: number) {
      if (n === values.length) {
        const bigger = new Float64Array(values.length * 2);
        bigger.set(values);
        values = bigger;
      }
      values[n++] = ms;
    },
    sorted: () => values.slice(0, n).sort(),
    count: () => n,
  };
}

export type MemorySample = { atSeconds: number; rss: number; heapUsed: number };

/** Least-squares slope of y over x (units of y per unit of x). */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

const MB = 1024 * 1024;

type Trend = { perMin: number; mean: number; growth: number; verdict: string };

/** Slope (MB/min), mean and fitted growth (MB) of one measure over samples spanning `windowMin` minutes. */
function fit(samples: readonly MemorySample[], pick: (s: MemorySample) => number, windowMin: number) {
  const perMin = slope(samples.map((s) => ({ x: s.atSeconds / 60, y: pick(s) / MB })));
  const mean = samples.reduce((sum, s) => sum + pick(s) / MB, 0) / Math.max(1, samples.length);
  return { perMin, mean, growth: perMin * windowMin };
}

/**
 * The memory trend after warm-up: slope in MB per minute of RSS and of the live heap (sampled after a GC), and
 * the growth the slope implies over the whole window. "Flat" = the fitted growth over the window stays under
 * 5 % of the mean (or 2 MB, whichever is larger); memory the process gives back reads "shrinking". Growth over
 * the window is judged again on its second half alone: a bounded cache filling up (or the JIT compiling the
 * warm path) grows and then stops, which reads "levelled off"; only growth that goes on to the end reads
 * "GROWING", the sign of a leak (a longer soak tells the two apart with more confidence).
 */
export function memoryTrend(samples: readonly MemorySample[], warmupSeconds: number) {
  const after = samples.filter((s) => s.atSeconds >= warmupSeconds);
  const span = (xs: readonly MemorySample[]) =>
    xs.length > 1 ? ((xs.at(-1)?.atSeconds ?? 0) - (xs[0]?.atSeconds ?? 0)) / 60 : 0;
  const windowMin = span(after);
  const middle = (after[0]?.atSeconds ?? 0) + (windowMin * 60) / 2;
  const late = after.filter((s) => s.atSeconds >= middle);
  const trendOf = (pick: (s: MemorySample) => number): Trend & { lateGrowth: number } => {
    const whole = fit(after, pick, windowMin);
    const limit = Math.max(2, 0.05 * whole.mean);
    // The second half's slope, extrapolated over the whole window, so both are held to one limit.
    const lateGrowth = fit(late, pick, windowMin).growth;
    const verdict =
      whole.growth > limit
        ? lateGrowth > limit
          ? 'GROWING'
          : 'levelled off (grew early in the window, flat in its second half)'
        : whole.growth < -limit
          ? 'shrinking (no leak)'
          : 'flat';
    return { ...whole, verdict, lateGrowth };
  };
  return {
    samples: after.length,
    windowMin,
    rss: trendOf((s) => s.rss),
    heap: trendOf((s) => s.heapUsed),
  };
}
