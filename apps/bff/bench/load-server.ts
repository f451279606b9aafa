/**
 * The server side of `pnpm bench:load`: one ordinary BFF process (src/server.ts, configured by the environment the
 * bench passes), forked with an IPC channel so the bench can ask for its memory without touching HTTP.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import v8 from 'node:v8';
import { start } from '../src/server';

type Request =
  | 'memory'
  | 'stop'
  | 'profile:start'
  | 'background'
  | { profileStop: string }
  | { heapSnapshot: string }
  | { settle: number };

const running = await start();
process.send?.({ type: 'ready', url: running.url });

const inspector = new Session();

process.on('message', (msg: Request) => {
  if (msg === 'background' || (typeof msg === 'object' && 'settle' in msg)) {
    // Work a new data version starts in the background (precompute, model fit), which a soak would measure too.
    const settled =
      typeof msg === 'object' ? running.precompute.settle(msg.settle * 1000) : Promise.resolve(null);
    void settled
      .then(() => running.precompute.status())
      .then((s) =>
        process.send?.({
          type: 'background',
          panelsDone: s.panelsDone,
          suggestionsDone: s.suggestionsDone,
          refitting: s.refitting,
        }),
      );
  } else if (typeof msg === 'object' && 'heapSnapshot' in msg) {
    // What is live after a full GC, for bench/heap-diff.ts (BENCH_HEAP_SNAPSHOTS); blocks the server meanwhile.
    globalThis.gc?.();
    v8.writeHeapSnapshot(msg.heapSnapshot);
    process.send?.({ type: 'heap-snapshot', file: msg.heapSnapshot });
  } else if (typeof msg === 'object') {
    // The CPU profile of the timed run only (BENCH_PROFILE), for chrome://inspect or speedscope.
    void inspector.post('Profiler.stop').then(({ profile }) => {
      fs.writeFileSync(msg.profileStop, JSON.stringify(profile));
      process.send?.({ type: 'profiled' });
    });
  } else if (msg === 'profile:start') {
    inspector.connect();
    void inspector
      .post('Profiler.enable')
      .then(() => inspector.post('Profiler.start'))
      .then(() => process.send?.({ type: 'profiling' }));
  } else if (msg === 'memory') {
    // With --expose-gc, collect first so the heap figure is what is live, not the GC's sawtooth.
    globalThis.gc?.();
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    process.send?.({ type: 'memory', rss, heapUsed, heapTotal, external });
  } else if (msg === 'stop') {
    void running.stop().then(() => process.exit(0));
  }
});
process.on('disconnect', () => void running.stop().then(() => process.exit(0)));
