/**
 * Puts the demo chain into the database. `ensureDemoData` is what `start` calls: it reloads only when the data
 * there is not already the requested demo (size, seed and — when given — end date), and it records the demo
 * last, so an interrupted load is redone on the next start. `loadDemo` always reloads.
 */
import { addDays, shanghaiDay } from '@portrait/shared/dates';
import { sql } from 'drizzle-orm';
import type { Database, DbSession } from '../../db/client';
import { bumpDataVersion, getMeta, IMPORTED_META_KEY, setMeta } from '../../db/queries/data-meta';
import { runOnSessions } from '../../db/queries/bulk-load';
import { DERIVED_REFRESHERS, rebuildDerivedOn } from '../../db/queries/derived';
import {
  dropIndexesForLoad,
  restoreDroppedIndexes,
  setForeignKeyChecks,
  withLoadSessions,
} from './bulk-load';
import { DB_MAPPINGS } from './db-columns';
import { generateCsv, generateCsvInThread } from './generate-thread';
import { DEMO_TABLES, type DemoSize, type DemoTable } from './types';

export type DemoRequest = { size: DemoSize; seed: number; endDate?: string };
export type DemoLoadResult = { endDate: string; rows: Record<DemoTable, number>; ms: number };
type Log = (msg: string) => void;

const META_KEY = 'demo';
const DERIVED_TABLES = DERIVED_REFRESHERS.map((r) => r.table);

type DemoMeta = { size: DemoSize; seed: number; endDate: string };

function parseMeta(value: string | null): DemoMeta | null {
  if (!value) return null;
  try {
    const meta = JSON.parse(value) as Partial<DemoMeta>;
    return typeof meta.size === 'string' && typeof meta.seed === 'number' && typeof meta.endDate === 'string'
      ? (meta as DemoMeta)
      : null;
  } catch {
    return null;
  }
}

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

/** Yesterday in Asia/Shanghai: the demo's last full day. */
export function defaultDemoEndDate(now: Date = new Date()): string {
  return addDays(shanghaiDay(now), -1);
}

export const REFUSE_OVER_IMPORTS =
  'the database holds imported data, so the demo chain is not loaded over it: start with DEMO_SIZE=none to ' +
  'serve that data, or point DATA_DIR / DATABASE_URL at an empty database for the demo';

export async function ensureDemoData(
  database: Database,
  request: DemoRequest,
  log: Log = () => undefined,
): Promise<{ loaded: boolean; endDate: string | null; refused?: string }> {
  // A load that died half-way may have left indexes dropped.
  await restoreDroppedIndexes(database.db);
  const stored = parseMeta(await getMeta(database.db, META_KEY));
  if (
    stored &&
    stored.size === request.size &&
    stored.seed === request.seed &&
    (request.endDate === undefined || request.endDate === stored.endDate)
  ) {
    log(`demo data already loaded (size ${stored.size}, seed ${stored.seed}, ending ${stored.endDate})`);
    return { loaded: false, endDate: stored.endDate };
  }
  // A reload would wipe what was imported: never.
  if (await getMeta(database.db, IMPORTED_META_KEY)) {
    return { loaded: false, endDate: stored?.endDate ?? null, refused: REFUSE_OVER_IMPORTS };
  }
  const { endDate } = await loadDemo(database, request, log);
  return { loaded: true, endDate };
}

/** Largest first: the order in which their indexes are dropped and rebuilt (two sessions finish together). */
const BY_SIZE: readonly DemoTable[] = [
  'order_items',
  'orders',
  'events',
  'customers',
  ...DEMO_TABLES.filter((t) => !['order_items', 'orders', 'events', 'customers'].includes(t)),
];

/** order_items and events COPY on the second session, everything else on the first. */
const SECOND_SESSION = new Set<DemoTable>(['order_items', 'events', 'reservations', 'service_tickets']);

/**
 * Replaces all source and derived data with the demo chain. Phases: COPY of the rows without any index (on two
 * sessions on PostgreSQL, while the generator makes the next batch), keys and indexes built from the loaded
 * rows, statistics, then the derived tables, each filled without its indexes and indexed afterwards.
 */
export async function loadDemo(
  database: Database,
  request: DemoRequest,
  log: Log = () => undefined,
): Promise<DemoLoadResult> {
  const began = Date.now();
  const endDate = request.endDate ?? defaultDemoEndDate();
  const { db } = database;
  if (await getMeta(db, IMPORTED_META_KEY))
    throw new Error(`refusing to load the demo: ${REFUSE_OVER_IMPORTS}`);
  log(`loading demo chain: size ${request.size}, seed ${request.seed}, ending ${endDate}`);

  // Forget the old demo first: if this load dies half-way, the next start loads again.
  await db.execute(sql`delete from data_meta where key = ${META_KEY}`);
  await db.execute(sql.raw(`truncate ${[...DEMO_TABLES, ...DERIVED_TABLES].join(', ')}`));
  // Indexes a crashed load left dropped are cheap to put back on the empty tables, and then dropped again.
  await restoreDroppedIndexes(db);
  await dropIndexesForLoad(db, BY_SIZE);

  const rows = Object.fromEntries(DEMO_TABLES.map((t) => [t, 0])) as Record<DemoTable, number>;
  const phase = { at: Date.now(), times: [] as string[] };
  const endPhase = (name: string) => {
    phase.times.push(`${name} ${seconds(phase.at)} s`);
    phase.at = Date.now();
  };
  await withLoadSessions(database, async (sessions) => {
    await copyRows(database, sessions, request, endDate, rows, (n) =>
      log(`demo: ${n.toLocaleString('en')} orders loaded (${seconds(began)} s)`),
    );
    endPhase('rows');
    log(`demo rows: ${DEMO_TABLES.map((t) => `${t} ${rows[t]}`).join(', ')} (${seconds(began)} s); indexing`);
    await restoreDroppedIndexes(db, sessions);
    endPhase('source indexes');
    await runOnSessions(
      sessions,
      BY_SIZE.map((t) => async (s) => void (await s.db.execute(sql.raw(`analyze ${t}`)))),
    );
    endPhase('source statistics');
    log(`demo: rebuilding derived tables (${seconds(began)} s)`);
    await rebuildDerivedOn(sessions, (msg) => log(`demo: derived ${msg}`));
    endPhase('derived tables');
  });
  await bumpDataVersion(db);
  await setMeta(
    db,
    META_KEY,
    JSON.stringify({ size: request.size, seed: request.seed, endDate } satisfies DemoMeta),
  );
  const ms = Date.now() - began;
  log(`demo chain loaded in ${seconds(began)} s (${phase.times.join(', ')})`);
  return { endDate, rows, ms };
}

/**
 * Streams the generator's batches into the tables. Each session has at most one COPY in flight; on PostgreSQL the
 * next batches are generated meanwhile in a worker thread. On PostgreSQL each session truncates its tables in one transaction with all their COPYs,
 * so the rows are written frozen (a failure rolls that session back to empty tables; the demo is not recorded).
 */
async function copyRows(
  database: Database,
  sessions: DbSession[],
  request: DemoRequest,
  endDate: string,
  rows: Record<DemoTable, number>,
  progress: (orders: number) => void,
): Promise<void> {
  const sessionOf = (table: DemoTable) => (sessions.length > 1 && SECOND_SESSION.has(table) ? 1 : 0);
  const freeze = database.kind === 'postgres';
  if (freeze)
    for (const [i, s] of sessions.entries()) {
      await s.db.execute(sql`begin`);
      await s.db.execute(sql.raw(`truncate ${DEMO_TABLES.filter((t) => sessionOf(t) === i).join(', ')}`));
    }
  const inFlight: Promise<void>[] = sessions.map(() => Promise.resolve());
  let reported = 0;
  await setForeignKeyChecks(database, false);
  try {
    const options = { size: request.size, seed: request.seed, endDate };
    const batches = freeze ? generateCsvInThread(options) : generateCsv(options);
    for await (const batch of batches) {
      const which = sessionOf(batch.table);
      await inFlight[which];
      const columns = DB_MAPPINGS[batch.table].columns;
      inFlight[which] = sessions[which]!.copyCsv(batch.table, columns, batch.csv, { freeze });
      // A failed COPY must not go unobserved while the other session is awaited.
      inFlight[which].catch(() => undefined);
      rows[batch.table] += batch.rows;
      if (rows.orders - reported >= 1_000_000) {
        reported = rows.orders;
        progress(rows.orders);
      }
    }
    await Promise.all(inFlight);
    if (freeze) for (const s of sessions) await s.db.execute(sql`commit`);
  } finally {
    await Promise.allSettled(inFlight);
    await setForeignKeyChecks(database, true);
  }
}
