/** Counters of the per-address login limit; each statement is atomic, so processes racing on one key still count right. */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { queryRows } from '../sql';

export type ThrottleCount = { hits: number; resetAt: Date };

type Row = { hits: number; reset_at: string | Date };
const toCount = (row: Row): ThrottleCount => ({ hits: Number(row.hits), resetAt: new Date(row.reset_at) });

/** Counts one hit; a window that has run out starts again at 1. */
export async function incrementThrottle(db: Db, key: string, windowMs: number): Promise<ThrottleCount> {
  const rows = await queryRows<Row>(
    db,
    sql`insert into login_throttle (key, hits, reset_at)
        values (${key}, 1, now() + make_interval(secs => ${windowMs / 1000}))
        on conflict (key) do update set
          hits = case when login_throttle.reset_at <= now() then 1 else login_throttle.hits + 1 end,
          reset_at = case when login_throttle.reset_at <= now() then excluded.reset_at
                          else login_throttle.reset_at end
        returning hits, reset_at`,
  );
  const row = rows[0];
  if (!row) throw new Error('login_throttle upsert returned no row');
  return toCount(row);
}

/** Takes back one hit (a login that succeeded does not count). */
export async function decrementThrottle(db: Db, key: string): Promise<void> {
  await db.execute(
    sql`update login_throttle set hits = greatest(hits - 1, 0) where key = ${key} and reset_at > now()`,
  );
}

export async function getThrottle(db: Db, key: string): Promise<ThrottleCount | undefined> {
  const rows = await queryRows<Row>(
    db,
    sql`select hits, reset_at from login_throttle where key = ${key} and reset_at > now()`,
  );
  return rows[0] ? toCount(rows[0]) : undefined;
}

export async function resetThrottle(db: Db, key: string): Promise<void> {
  await db.execute(sql`delete from login_throttle where key = ${key}`);
}

export async function deleteExpiredThrottles(db: Db): Promise<void> {
  await db.execute(sql`delete from login_throttle where reset_at <= now()`);
}
