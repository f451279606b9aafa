import { LRUCache } from 'lru-cache';

/**
 * Memoises computed results by key. Keys include the data version, so a data change makes old entries
 * unreachable (they age out of the LRU). Concurrent requests for one key share one computation.
 */
export function createResultCache(options: { enabled: boolean; maxEntries?: number; ttlMs?: number }) {
  const cache = new LRUCache<string, Promise<unknown>>({
    max: options.maxEntries ?? 2000,
    // Optional expiry on top of the version in the key (Customer 360 profiles: 30 minutes).
    ...(options.ttlMs ? { ttl: options.ttlMs } : {}),
  });
  return {
    get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      if (!options.enabled) return compute();
      const hit = cache.get(key);
      if (hit) return hit as Promise<T>;
      const pending = compute();
      cache.set(key, pending);
      pending.catch(() => cache.delete(key));
      return pending;
    },
    clear: () => cache.clear(),
  };
}
export type ResultCache = ReturnType<typeof createResultCache>;
