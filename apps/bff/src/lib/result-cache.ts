import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { PrecomputedKey } from '../db/queries/precomputed-results';
import type { StoreFilter } from '../db/queries/scope-sql';

/**
 * Where answers computed ahead live (the precomputed_results table): `read` is asked on an in-process miss;
 * `write`, when given, receives every answer this cache computes (the precompute job's cache has it, request
 * caches do not, so custom ranges never fill the table).
 */
export type PersistedResults = {
  read: (key: PrecomputedKey) => Promise<string | null>;
  write?: (key: PrecomputedKey, body: string) => Promise<void>;
};

/**
 * The key of a scope-shaped answer, built once per request: its parts, and `text`
 * (`${version}|${panel}|${from}|${to}|${stores}`) for the in-process LRU. `stores` is the scope after access
 * control: null (`*`, every store) or the sorted ids the viewer's role resolved to. Only answers under a ScopeKey
 * are looked up in (and, by the precompute, written to) the precomputed answers; plain string keys stay in-process.
 */
export type ScopeKey = {
  readonly version: number;
  readonly panel: string;
  readonly from: string;
  readonly to: string;
  readonly stores: StoreFilter;
  readonly text: string;
};

export function scopeKey(
  version: number,
  panel: string,
  period: { from: string; to: string },
  stores: StoreFilter,
): ScopeKey {
  const { from, to } = period;
  return {
    version,
    panel,
    from,
    to,
    stores,
    text: `${version}|${panel}|${from}|${to}|${storesText(stores)}`,
  };
}

const storesText = (stores: StoreFilter) => stores?.join(',') ?? '*';

/** Longest stores part kept as text in a persisted scope key; longer lists are hashed. */
const MAX_STORES_TEXT = 120;

/** The precomputed_results key of a scope key (the table's format: `${from}|${to}|${stores or its hash}`). */
export function persistedKeyOf(key: ScopeKey): PrecomputedKey {
  const stores = storesText(key.stores);
  const storesKey =
    stores.length <= MAX_STORES_TEXT
      ? stores
      : `sha256:${createHash('sha256').update(stores).digest('hex').slice(0, 32)}`;
  return { dataVersion: key.version, endpoint: key.panel, scopeKey: `${key.from}|${key.to}|${storesKey}` };
}

/**
 * Memoises computed results by key. Keys include the data version, so a data change makes old entries
 * unreachable (they age out of the LRU). Concurrent requests for one key share one computation. With
 * `persisted`, a miss on a ScopeKey looks in the precomputed answers before computing (the answer's JSON text, so
 * it is exactly what computing would have sent).
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

  async function load<T>(key: string | ScopeKey, compute: () => Promise<T>): Promise<T> {
    if (!persisted || typeof key === 'string') return compute();
    const stored = persistedKeyOf(key);
    const body = await persisted.read(stored);
    if (body !== null) return JSON.parse(body) as T;
    const value = await compute();
    if (persisted.write) await persisted.write(stored, JSON.stringify(value));
    return value;
  }

  return {
    get<T>(key: string | ScopeKey, compute: () => Promise<T>): Promise<T> {
      if (!options.enabled) return compute();
      const text = typeof key === 'string' ? key : key.text;
      const hit = cache.get(text);
      if (hit) return hit as Promise<T>;
      const pending = load(key, compute);
      cache.set(text, pending);
      pending.catch(() => cache.delete(text));
      return pending;
    },
    clear: () => cache.clear(),
    /** Entries held (bounded by `maxEntries`). */
    size: () => cache.size,
  };
}
export type ResultCache = ReturnType<typeof createResultCache>;
