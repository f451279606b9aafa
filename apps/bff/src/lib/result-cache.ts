import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { PrecomputedKey } from '../db/queries/precomputed-results';

/**
 * Where answers computed ahead live (the precomputed_results table): `read` is asked on an in-process miss;
 * `write`, when given, receives every answer this cache computes (the precompute job's cache has it, request
 * caches do not, so custom ranges never fill the table).
 */
export type PersistedResults = {
  read: (key: PrecomputedKey) => Promise<string | null>;
  write?: (key: PrecomputedKey, body: string) => Promise<void>;
};

/** Longest stores part kept as text in a persisted scope key; longer lists are hashed. */
const MAX_STORES_TEXT = 120;

/**
 * The persisted form of a scope-shaped cache key `${version}|${endpoint}|${from}|${to}|${stores}` (null for
 * other keys, which stay in-process only). `stores` is `*` or the sorted ids the viewer's access resolved to.
 */
export function persistedKeyOf(key: string): PrecomputedKey | null {
  const m = /^(\d+)\|([^|]+)\|(\d{4}-\d\d-\d\d\|\d{4}-\d\d-\d\d)\|(.*)$/.exec(key);
  if (!m) return null;
  const [, version, endpoint, range, stores] = m as unknown as [string, string, string, string, string];
  const storesKey =
    stores.length <= MAX_STORES_TEXT
      ? stores
      : `sha256:${createHash('sha256').update(stores).digest('hex').slice(0, 32)}`;
  return { dataVersion: Number(version), endpoint, scopeKey: `${range}|${storesKey}` };
}

/**
 * Memoises computed results by key. Keys include the data version, so a data change makes old entries
 * unreachable (they age out of the LRU). Concurrent requests for one key share one computation. With
 * `persisted`, a miss looks in the precomputed answers before computing (the answer's JSON text, so it is
 * exactly what computing would have sent).
 */
export function createResultCache(options: {
  enabled: boolean;
  maxEntries?: number;
  ttlMs?: number;
  persisted?: PersistedResults;
}) {
  const { persisted } = options;
  const cache = new LRUCache<string, Promise<unknown>>({
    max: options.maxEntries ?? 2000,
    // Optional expiry on top of the version in the key (Customer 360 profiles: 30 minutes).
    ...(options.ttlMs ? { ttl: options.ttlMs } : {}),
  });

  async function load<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const stored = persisted ? persistedKeyOf(key) : null;
    if (!persisted || !stored) return compute();
    const body = await persisted.read(stored);
    if (body !== null) return JSON.parse(body) as T;
    const value = await compute();
    if (persisted.write) await persisted.write(stored, JSON.stringify(value));
    return value;
  }

  return {
    get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      if (!options.enabled) return compute();
      const hit = cache.get(key);
      if (hit) return hit as Promise<T>;
      const pending = load(key, compute);
      cache.set(key, pending);
      pending.catch(() => cache.delete(key));
      return pending;
    },
    clear: () => cache.clear(),
  };
}
export type ResultCache = ReturnType<typeof createResultCache>;
