import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { sessions, users } from '../schema';

export async function insertSession(
  db: Db,
  s: { tokenHash: string; userId: number; csrfToken: string; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db.insert(sessions).values(s);
}

/** The session and its user, if the session has been used within `idleMinutes`. */
export async function findLiveSession(db: Db, tokenHash: string, idleMinutes: number) {
  const rows = await db
    .select({
      tokenHash: sessions.tokenHash,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      idleSeconds: sql<number>`extract(epoch from now() - ${sessions.lastSeenAt})::float8`,
      user: users,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash))
    .limit(1);
  const row = rows[0];
  if (!row) return undefined;
  if (Number(row.idleSeconds) > idleMinutes * 60) {
    await deleteSession(db, tokenHash);
    return undefined;
  }
  return row;
}

export async function touchSession(db: Db, tokenHash: string): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOfUser(db: Db, userId: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function deleteIdleSessions(db: Db, idleMinutes: number): Promise<void> {
  await db
    .delete(sessions)
    .where(lt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${idleMinutes})`));
}
