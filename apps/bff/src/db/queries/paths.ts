/** Behaviour paths over `session_paths`: sessions in scope grouped by their first `steps` steps. */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { num, queryRows } from '../sql';
import type { Period } from './portrait';
import { dayBetween, storeIn, type StoreFilter } from './scope-sql';

/** Sessions that share their first steps (fewer than `steps` when they ended earlier). */
export type PathPrefix = { path: string[]; sessions: number; converted: number };

export async function pathPrefixes(
  db: Db,
  p: Period,
  stores: StoreFilter,
  steps: number,
): Promise<PathPrefix[]> {
  if (!Number.isInteger(steps) || steps < 1)
    throw new Error(`steps must be a positive integer, got ${steps}`);
  const rows = await queryRows<{ path: string[]; sessions: string; converted: string }>(
    db,
    sql`select steps[1:${sql.raw(String(steps))}] as path, count(*) as sessions,
               count(*) filter (where converted) as converted
        from session_paths
        where ${dayBetween(sql`day`, p.from, p.to)} and ${storeIn(sql`store_id`, stores)}
        group by 1`,
  );
  return rows.map((r) => ({ path: r.path, sessions: num(r.sessions), converted: num(r.converted) }));
}
