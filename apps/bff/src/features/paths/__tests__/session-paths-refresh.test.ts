/**
 * The `session_paths` derived table refreshed for some days only (what an incremental import calls) ends up
 * exactly as a full rebuild would, also for a session that crosses midnight and for one whose events are gone.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { rebuildSessionPaths, rebuildSessionPathsForDays } from '../../../db/queries/session-paths';
import { queryRows } from '../../../db/sql';
import * as t from '../../../db/schema';
import { loadFixtureChain, localToInstant } from '../../../__tests__/helpers/fixture-chain';
import { loadFixtureSessions } from '../../../__tests__/helpers/fixture-events';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

const snapshot = (db: Database['db']) =>
  queryRows(
    db,
    sql`select session_id, day::text as day, store_id, customer_id, steps, step_count, converted
        from session_paths order by session_id`,
  );

describe.each(databaseKinds())('Refreshing session paths for some days (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadFixtureChain(database, {
      cities: [{ name: '杭州', province: '浙江省' }],
      stores: [{ id: 'H1', name: '杭州西湖店', city: '杭州' }],
      products: [],
      orders: [{ id: 'o1', customerId: 'c1', storeId: 'H1', at: '2025-03-02 12:00', amount: 20 }],
    });
    await loadFixtureSessions(database, [
      {
        id: 'a',
        customerId: 'c1',
        events: [
          ['2025-03-01 23:58', 'app_open', 'H1'],
          ['2025-03-02 00:02', 'view_menu', 'H1'],
        ],
      },
      { id: 'b', customerId: 'c2', events: [['2025-03-02 10:00', 'app_open', 'H1']] },
      { id: 'c', customerId: 'c3', events: [['2025-03-03 10:00', 'app_open', 'H1']] },
    ]);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('When events of one day change, Then rebuilding that day equals a full rebuild', async () => {
    const { db } = database;
    const event = (id: string, sessionId: string, local: string, eventType: string) => {
      const at = localToInstant(local);
      return {
        id,
        customerId: 'c1',
        sessionId,
        eventType,
        occurredAt: at.toISOString(),
        day: local.slice(0, 10),
        storeId: 'H1',
      };
    };
    // 03-02: session a (begun 03-01) goes on to pay, b loses its events, a new session d starts.
    await db
      .insert(t.events)
      .values([
        event('a-e90', 'a', '2025-03-02 00:03', 'view_menu'),
        event('a-e91', 'a', '2025-03-02 00:05', 'pay'),
        event('d-e00', 'd', '2025-03-02 15:00', 'app_open'),
        event('d-e01', 'd', '2025-03-02 15:01', 'view_product'),
      ]);
    await db.execute(sql`delete from events where session_id = 'b'`);

    await rebuildSessionPathsForDays(db, ['2025-03-02']);
    const refreshed = await snapshot(db);
    await rebuildSessionPaths(db);
    expect(refreshed).toEqual(await snapshot(db));
    expect(refreshed.map((r) => [r.session_id, r.day, r.steps, r.converted])).toEqual([
      ['a', '2025-03-01', ['app_open', 'view_menu', 'pay'], true],
      ['c', '2025-03-03', ['app_open'], false],
      ['d', '2025-03-02', ['app_open', 'view_product'], false],
    ]);
  });
});
