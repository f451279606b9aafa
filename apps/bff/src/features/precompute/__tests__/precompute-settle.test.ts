/**
 * `settle(timeout)` (what the benchmark waits with) returns by its timeout even while a run goes on — on the
 * large demo the suggestions of every preset scope take far longer than any wait a caller gives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { createLogger } from '../../../lib/logger';
import { loadDemo } from '../../demo/load-demo';
import { createStoreCatalog } from '../../portrait/store-catalog';
import type { SuggestionsService } from '../../suggestions/suggestions-service';
import { createPrecomputeService } from '../precompute-service';
import { openTestDatabase } from '../../../__tests__/helpers/test-databases';

describe('Precompute settle', () => {
  let database: Database & { dispose: () => Promise<void> };
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await loadDemo(database, { size: 'small', seed: 7, endDate: '2025-06-30' });
  }, 120_000);
  afterAll(async () => {
    await database?.dispose();
  });

  it('When a run outlasts the timeout, Then settle returns false at the timeout and the run goes on', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let prepared = 0;
    // Suggestions that do not finish until released: the run cannot end before the timeout.
    const suggestions: Pick<SuggestionsService, 'prepare' | 'modelState'> = {
      prepare: async () => {
        prepared++;
        await held;
        return [] as unknown as Awaited<ReturnType<SuggestionsService['prepare']>>;
      },
      modelState: () => Promise.resolve({ run: null, refitting: false }),
    };
    const precompute = createPrecomputeService({
      database,
      catalog: createStoreCatalog(database.db),
      logger: createLogger('silent'),
      suggestions,
    });
    const began = Date.now();
    const settled = await precompute.settle(3_000);
    const waited = Date.now() - began;
    expect(settled).toBe(false);
    expect(waited).toBeGreaterThanOrEqual(3_000);
    expect(waited).toBeLessThan(15_000);
    release();
    expect(await precompute.settle()).toBe(true);
    expect(prepared).toBeGreaterThan(0);
    await precompute.stop();
  }, 120_000);
});
