/**
 * A process that stops while a refresh reads the customers' histories (a deploy, the bench ending) must leave no
 * run behind, so that the next process fits this data version. A stop once read as "no customers" and recorded
 * a failed run ("BG/NBD needs at least one customer"), and a failed run is not retried until the data changes.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database } from '../../../db/client';
import { getDataVersion } from '../../../db/queries/data-meta';
import { queryRows } from '../../../db/sql';
import { loadDemo } from '../../demo/load-demo';
import { refreshModels, RefreshStopped } from '../refresh-models';

describe.each(databaseKinds())('A model refresh that is stopped (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };

  const runs = () =>
    queryRows<{ status: string }>(database.db, sql`select status from model_runs order by id`);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 3, endDate: '2025-06-30' });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it.each([
    ['before it reads the first batch of histories', 0],
    ['after the histories are read (while it fits)', 1],
  ])('When it is stopped %s, Then it ends as stopped and leaves no run', async (_when, pausesBeforeStop) => {
    let pauses = 0;
    const refresh = refreshModels(database.db, {
      dataVersion: await getDataVersion(database.db),
      pause: async () => {
        pauses++;
      },
      shouldStop: () => pauses >= pausesBeforeStop,
    });
    await expect(refresh).rejects.toBeInstanceOf(RefreshStopped);
    expect(await runs()).toEqual([]);
  });
});
