/** Adds hand-written behaviour sessions to a fixture chain and rebuilds the derived tables as production does. */
import { shanghaiDay } from '@portrait/shared/dates';
import type { Database } from '../../db/client';
import { bumpDataVersion } from '../../db/queries/data-meta';
import { rebuildDerived } from '../../db/queries/derived';
import * as t from '../../db/schema';
import { localToInstant } from './fixture-chain';

/** One session: its customer, and its events as [local Asia/Shanghai time, event type, store id or null]. */
export type FixtureSession = {
  id: string;
  customerId: string;
  events: [at: string, eventType: string, storeId: string | null][];
};

export async function loadFixtureSessions(database: Database, sessions: FixtureSession[]): Promise<void> {
  const rows = sessions.flatMap((s) =>
    s.events.map(([at, eventType, storeId], i) => {
      const instant = localToInstant(at);
      return {
        id: `${s.id}-e${String(i).padStart(2, '0')}`,
        customerId: s.customerId,
        sessionId: s.id,
        eventType,
        occurredAt: instant.toISOString(),
        day: shanghaiDay(instant),
        storeId,
        channel: 'mini_program',
      };
    }),
  );
  if (rows.length > 0) await database.db.insert(t.events).values(rows);
  await rebuildDerived(database.db);
  await bumpDataVersion(database.db);
}
