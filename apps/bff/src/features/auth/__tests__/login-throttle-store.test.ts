/** The database store behind the per-address login limit: counts, takes back, forgets, and restarts a run-out window. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Options } from 'express-rate-limit';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { DatabaseThrottleStore } from '../login-throttle-store';

describe.each(databaseKinds())('Login throttle store (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database?.dispose());

  const storeWithWindow = (windowMs: number) => {
    const store = new DatabaseThrottleStore(database.db);
    store.init({ windowMs } as Options);
    return store;
  };

  it('When two stores (two processes) count one address, Then they share one count and one reset time', async () => {
    const a = storeWithWindow(60_000);
    const b = storeWithWindow(60_000);
    const first = await a.increment('10.0.0.1');
    const second = await b.increment('10.0.0.1');
    expect([first.totalHits, second.totalHits]).toEqual([1, 2]);
    expect(second.resetTime?.getTime()).toBe(first.resetTime?.getTime());
    await a.decrement('10.0.0.1');
    expect((await b.get('10.0.0.1'))?.totalHits).toBe(1);
    expect(await a.get('10.0.0.2')).toBeUndefined();
    await b.resetKey('10.0.0.1');
    expect(await a.get('10.0.0.1')).toBeUndefined();
  });

  it('When the window has run out, Then the next attempt starts a new window at 1', async () => {
    const store = storeWithWindow(300);
    await store.increment('10.0.0.3');
    expect((await store.increment('10.0.0.3')).totalHits).toBe(2);
    await new Promise((r) => setTimeout(r, 400));
    expect(await store.get('10.0.0.3')).toBeUndefined();
    const fresh = await store.increment('10.0.0.3');
    expect(fresh.totalHits).toBe(1);
    expect(fresh.resetTime!.getTime()).toBeGreaterThan(Date.now());
  });
});
