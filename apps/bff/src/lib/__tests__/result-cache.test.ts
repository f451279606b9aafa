/** The result cache: bounded by entries, and only scope keys reach the precomputed answers (a real PGlite table). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { countPrecomputed, readPrecomputed, writePrecomputed } from '../../db/queries/precomputed-results';
import { openTestDatabase } from '../../__tests__/helpers/test-databases';
import { createResultCache, persistedKeyOf, scopeKey } from '../result-cache';

const period = { from: '2025-06-01', to: '2025-06-30' };

describe('result cache', () => {
  let database: Database & { dispose: () => Promise<void> };
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  });
  afterAll(async () => database.dispose());

  const persisted = (write: boolean) => ({
    read: (k: Parameters<typeof readPrecomputed>[1]) => readPrecomputed(database.db, k),
    ...(write
      ? {
          write: (k: Parameters<typeof readPrecomputed>[1], body: string) =>
            writePrecomputed(database.db, k, body),
        }
      : {}),
  });

  it('When far more keys are asked for than it may hold, Then it keeps at most maxEntries and recomputes evicted ones', async () => {
    const cache = createResultCache({ enabled: true, maxEntries: 50 });
    let computed = 0;
    const compute = (i: number) => async () => {
      computed++;
      return { i, payload: 'x'.repeat(100) };
    };
    for (let i = 0; i < 5000; i++) await cache.get(`1|panel|${i}`, compute(i));
    expect(cache.size()).toBe(50);
    expect(computed).toBe(5000);
    await cache.get('1|panel|4999', compute(4999)); // recent: a hit
    expect(computed).toBe(5000);
    await cache.get('1|panel|0', compute(0)); // evicted long ago: computed again
    expect(computed).toBe(5001);
    expect(cache.size()).toBe(50);
  });

  it('When a scope key is computed by the precompute, Then a fresh request cache serves the stored answer without computing', async () => {
    const key = scopeKey(7, 'kpis', period, ['S002', 'S001'].sort());
    expect(key.text).toBe('7|kpis|2025-06-01|2025-06-30|S001,S002');
    expect(persistedKeyOf(key)).toEqual({
      dataVersion: 7,
      endpoint: 'kpis',
      scopeKey: '2025-06-01|2025-06-30|S001,S002',
    });
    const precompute = createResultCache({ enabled: true, persisted: persisted(true) });
    expect(await precompute.get(key, async () => ({ orders: 3, revenue: 1.5 }))).toEqual({
      orders: 3,
      revenue: 1.5,
    });

    const requests = createResultCache({ enabled: true, persisted: persisted(false) });
    let computed = 0;
    const answer = await requests.get(key, async () => {
      computed++;
      return { orders: -1, revenue: -1 };
    });
    expect(answer).toEqual({ orders: 3, revenue: 1.5 });
    expect(computed).toBe(0);
  });

  it('When a key is a plain string, Then it stays in-process: nothing is written to the precomputed answers', async () => {
    const before = await countPrecomputed(database.db, 8);
    const precompute = createResultCache({ enabled: true, persisted: persisted(true) });
    const text = scopeKey(8, 'customers', period, null).text;
    expect(await precompute.get(text, async () => 42)).toBe(42);
    expect(await countPrecomputed(database.db, 8)).toBe(before);
    await precompute.get(scopeKey(8, 'kpis', period, null), async () => 43);
    expect(await countPrecomputed(database.db, 8)).toBe(before + 1);
  });

  it('When the stores list is long, Then the persisted key carries its hash, the in-process key the list', () => {
    const stores = Array.from({ length: 40 }, (_, i) => `S${String(i).padStart(3, '0')}`);
    const key = scopeKey(1, 'geo', period, stores);
    expect(key.text.endsWith(stores.join(','))).toBe(true);
    expect(persistedKeyOf(key).scopeKey).toMatch(/^2025-06-01\|2025-06-30\|sha256:[0-9a-f]{32}$/);
    expect(persistedKeyOf(scopeKey(1, 'geo', period, null)).scopeKey).toBe('2025-06-01|2025-06-30|*');
  });
});
