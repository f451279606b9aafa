/**
 * The `session_paths` derived table (schema-paths.ts): one row per session of `events`. Two entry points: a full
 * rebuild, and a rebuild of the sessions touching some days (for incremental refresh after an import).
 */
import { CONVERSION_EVENT, PATH_STEPS } from '@portrait/shared/paths';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';

/**
 * Rows for the sessions `events` selects with `where`. Events are ordered by time, then id (ties); a step is an
 * event whose type differs from the one before it, so repeats in a row collapse into one step.
 */
function insertSessions(where: SQL): SQL {
  return sql`
    insert into session_paths (session_id, day, store_id, customer_id, steps, step_count, converted)
    select session_id,
           (array_agg(day order by occurred_at, id))[1],
           (array_agg(store_id order by occurred_at, id) filter (where store_id is not null))[1],
           (array_agg(customer_id order by occurred_at, id))[1],
           (array_agg(event_type order by occurred_at, id) filter (where is_step))[1:${sql.raw(String(PATH_STEPS.max))}],
           count(*) filter (where is_step),
           bool_or(event_type = ${CONVERSION_EVENT})
    from (
      select session_id, day, store_id, customer_id, event_type, occurred_at, id,
             event_type is distinct from lag(event_type) over (partition by session_id order by occurred_at, id)
               as is_step
      from events
      where ${where}
    ) e
    group by session_id`;
}

export async function rebuildSessionPaths(db: Db): Promise<void> {
  // DELETE, not TRUNCATE: inside an import's transaction readers keep the old rows until commit.
  await db.execute(sql`delete from session_paths`);
  await db.execute(insertSessions(sql`true`));
}

/**
 * Rebuilds every session with an event on one of `days` (its first day may be earlier: a session can cross
 * midnight), and drops rows of those days whose events are gone.
 */
export async function rebuildSessionPathsForDays(db: Db, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  const dayList = sql.join(
    days.map((d) => sql`${d}::date`),
    sql`, `,
  );
  const touched = sql`session_id in (select session_id from events where day in (${dayList}))`;
  await db.execute(sql`delete from session_paths where day in (${dayList}) or ${touched}`);
  await db.execute(insertSessions(touched));
}
