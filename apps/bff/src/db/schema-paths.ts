/** Behaviour paths (PRODUCT §4): one derived row per session, so the Sankey never re-sorts raw events. */
import { boolean, date, index, integer, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * One row per session of `events`, rebuilt from it (db/queries/session-paths.ts). `day` is the Asia/Shanghai day of
 * the session's first event, `storeId` the store of its first event that names one; `steps` its event types in
 * order with repeats in a row collapsed, cut to the first 8 (the most a Sankey draws); `stepCount` the collapsed
 * length before the cut; `converted` whether it reached `pay` anywhere.
 */
export const sessionPaths = pgTable(
  'session_paths',
  {
    sessionId: text().primaryKey(),
    day: date({ mode: 'string' }).notNull(),
    storeId: text(),
    customerId: text().notNull(),
    steps: text().array().notNull(),
    stepCount: integer().notNull(),
    converted: boolean().notNull(),
  },
  (t) => [index('session_paths_day_store_idx').on(t.day, t.storeId)],
);
