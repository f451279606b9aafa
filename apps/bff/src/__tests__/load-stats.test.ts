/** The soak's memory verdict (bench/load-stats.ts): a leak keeps growing, a bounded cache levels off. */
import { describe, expect, it } from 'vitest';
import { memoryTrend, type MemorySample } from '../../bench/load-stats';

const MB = 1024 * 1024;
/** One sample every 5 s for 10 minutes; the heap in MB at a given minute. */
const soak = (heapMb: (minute: number) => number): MemorySample[] =>
  Array.from({ length: 121 }, (_, i) => {
    const atSeconds = i * 5;
    return { atSeconds, rss: 200 * MB, heapUsed: heapMb(atSeconds / 60) * MB };
  });

describe('memoryTrend', () => {
  it('When the heap grows at the same pace to the end, Then the verdict is GROWING', () => {
    const t = memoryTrend(
      soak((m) => 36 + 0.5 * m),
      60,
    );
    expect(t.heap.perMin).toBeCloseTo(0.5, 5);
    expect(t.heap.verdict).toBe('GROWING');
  });

  it('When the heap grows while a bounded cache fills and then stays, Then the verdict is levelled off', () => {
    const t = memoryTrend(
      soak((m) => 36 + 1.5 * Math.min(m, 4)),
      60,
    );
    expect(t.heap.growth).toBeGreaterThan(2); // the fit over the whole window alone would say growing
    expect(t.heap.verdict).toMatch(/^levelled off/);
  });

  it('When the heap only wobbles, Then it is flat, and memory given back reads shrinking', () => {
    expect(
      memoryTrend(
        soak((m) => 36 + 0.3 * Math.sin(m * 7)),
        60,
      ).heap.verdict,
    ).toBe('flat');
    expect(
      memoryTrend(
        soak((m) => 60 - 2 * m),
        60,
      ).heap.verdict,
    ).toBe('shrinking (no leak)');
    expect(
      memoryTrend(
        soak(() => 36),
        60,
      ).rss.verdict,
    ).toBe('flat');
  });
});
