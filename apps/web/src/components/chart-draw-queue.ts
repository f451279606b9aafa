/**
 * Charts' first draws, one per slice of the main thread. Several panels that mount together (the churn row on a
 * phone, every panel a scroll reaches) would otherwise create and draw their ECharts instances in one long task;
 * queued, each draw is its own task and the browser can paint and answer input between them.
 *
 * A queued draw never waits indefinitely: the next draw is started by an idle callback with a deadline, or by a
 * timer where there is no idle callback, so a busy page, a hidden tab (no animation frames) or a browser without
 * `requestIdleCallback` only delays it by at most MAX_WAIT_MS.
 */

/** Longest wait for an idle slice before a queued draw runs anyway. */
export const MAX_WAIT_MS = 150;

type Scheduler = {
  /** Calls `run` once, later, in its own task; returns a function that cancels it. */
  schedule: (run: () => void) => () => void;
};

/** requestIdleCallback with a deadline where available, else a timer. */
export const browserScheduler: Scheduler = {
  schedule(run) {
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(run, { timeout: MAX_WAIT_MS });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(run, 0);
    return () => clearTimeout(id);
  },
};

export type DrawQueue = {
  /** Queues `draw`; returns a function that removes it if it has not run (call it on unmount). */
  enqueue: (draw: () => void) => () => void;
  /** Draws still waiting (tests). */
  readonly pending: number;
};

export function createDrawQueue(scheduler: Scheduler = browserScheduler): DrawQueue {
  const queue: Array<() => void> = [];
  let cancelScheduled: (() => void) | null = null;

  const runNext = () => {
    cancelScheduled = null;
    const draw = queue.shift();
    if (queue.length > 0) cancelScheduled = scheduler.schedule(runNext);
    // Scheduled before the draw runs, so one draw that throws cannot stop the ones behind it.
    draw?.();
  };

  return {
    enqueue(draw) {
      queue.push(draw);
      if (!cancelScheduled) cancelScheduled = scheduler.schedule(runNext);
      return () => {
        const index = queue.indexOf(draw);
        if (index >= 0) queue.splice(index, 1);
        if (queue.length === 0 && cancelScheduled) {
          cancelScheduled();
          cancelScheduled = null;
        }
      };
    },
    get pending() {
      return queue.length;
    },
  };
}

/** The page's one queue: all charts share it, so their first draws never pile up into one task. */
export const chartDrawQueue = createDrawQueue();
