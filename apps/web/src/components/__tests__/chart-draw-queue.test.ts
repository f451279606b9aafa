import { describe, expect, it, vi } from 'vitest';
import { browserScheduler, createDrawQueue } from '../chart-draw-queue';

/** A scheduler the test advances slice by slice. */
function manualScheduler() {
  const slices: Array<() => void> = [];
  return {
    scheduler: {
      schedule(run: () => void) {
        slices.push(run);
        return () => {
          const i = slices.indexOf(run);
          if (i >= 0) slices.splice(i, 1);
        };
      },
    },
    slices,
    tick() {
      slices.shift()?.();
    },
  };
}

describe('chart draw queue', () => {
  it('runs queued draws in order, one per slice', () => {
    const m = manualScheduler();
    const queue = createDrawQueue(m.scheduler);
    const drawn: string[] = [];
    queue.enqueue(() => drawn.push('a'));
    queue.enqueue(() => drawn.push('b'));
    queue.enqueue(() => drawn.push('c'));
    expect(drawn).toEqual([]);
    expect(m.slices).toHaveLength(1);
    m.tick();
    expect(drawn).toEqual(['a']);
    m.tick();
    expect(drawn).toEqual(['a', 'b']);
    m.tick();
    expect(drawn).toEqual(['a', 'b', 'c']);
    expect(m.slices).toHaveLength(0);
    expect(queue.pending).toBe(0);
  });

  it('drops a cancelled draw and stops scheduling when nothing is left', () => {
    const m = manualScheduler();
    const queue = createDrawQueue(m.scheduler);
    const drawn: string[] = [];
    const cancelA = queue.enqueue(() => drawn.push('a'));
    queue.enqueue(() => drawn.push('b'));
    cancelA();
    m.tick();
    expect(drawn).toEqual(['b']);
    const cancelC = queue.enqueue(() => drawn.push('c'));
    cancelC();
    expect(m.slices).toHaveLength(0);
    queue.enqueue(() => drawn.push('d'));
    m.tick();
    expect(drawn).toEqual(['b', 'd']);
  });

  it('keeps drawing after a draw throws', () => {
    const m = manualScheduler();
    const queue = createDrawQueue(m.scheduler);
    const drawn: string[] = [];
    queue.enqueue(() => {
      throw new Error('broken chart');
    });
    queue.enqueue(() => drawn.push('next'));
    expect(() => m.tick()).toThrow('broken chart');
    m.tick();
    expect(drawn).toEqual(['next']);
  });

  it('runs every draw on a real timer without idle callbacks (no page can postpone a chart indefinitely)', async () => {
    vi.useFakeTimers();
    try {
      const queue = createDrawQueue(browserScheduler);
      const drawn: number[] = [];
      for (let i = 0; i < 5; i += 1) queue.enqueue(() => drawn.push(i));
      await vi.runAllTimersAsync();
      expect(drawn).toEqual([0, 1, 2, 3, 4]);
    } finally {
      vi.useRealTimers();
    }
  });
});
