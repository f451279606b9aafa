/**
 * Watches the data version for the live-refresh stream. Each process polls the database (so an import done
 * by another process, the CLI or a sync is seen too) only while someone listens, and fans the change out to
 * its listeners; `poke` checks at once (this process just committed an import).
 */
import type { Db } from '../../db/client';
import { getDataVersion } from '../../db/queries/data-meta';

export type LiveVersion = {
  current: () => Promise<number>;
  subscribe: (listener: (version: number) => void) => () => void;
  poke: () => void;
  stop: () => void;
};

export function createLiveVersion(db: Db, pollMs: number): LiveVersion {
  const listeners = new Set<(version: number) => void>();
  let known: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let checking = false;

  async function check(): Promise<void> {
    if (checking) return;
    checking = true;
    try {
      const version = await getDataVersion(db);
      if (known !== null && version !== known) for (const l of listeners) l(version);
      known = version;
    } catch {
      // The database is briefly unavailable (restart, closing): try again next tick.
    } finally {
      checking = false;
    }
  }

  const start = () => {
    if (timer) return;
    timer = setInterval(() => void check(), pollMs);
    timer.unref();
  };
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };

  return {
    current: async () => {
      known = await getDataVersion(db);
      return known;
    },
    subscribe: (listener) => {
      listeners.add(listener);
      start();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
    poke: () => void check(),
    stop,
  };
}
