import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { stores, userStores, users } from '../schema';

export type UserRecord = typeof users.$inferSelect;
export type UserStoreRow = { userId: number; id: string; name: string; city: string };

export async function findUserByUsername(db: Db, username: string): Promise<UserRecord | undefined> {
  const rows = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return rows[0];
}

export async function findUserById(db: Db, id: number): Promise<UserRecord | undefined> {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0];
}

export async function listUsers(db: Db): Promise<UserRecord[]> {
  return db.select().from(users).orderBy(asc(users.username));
}

export async function countUsers(db: Db): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return rows[0]?.n ?? 0;
}

export async function storesOfUsers(db: Db, userIds: number[]): Promise<UserStoreRow[]> {
  if (userIds.length === 0) return [];
  return db
    .select({ userId: userStores.userId, id: stores.id, name: stores.name, city: stores.city })
    .from(userStores)
    .innerJoin(stores, eq(stores.id, userStores.storeId))
    .where(inArray(userStores.userId, userIds))
    .orderBy(asc(stores.id));
}

export async function existingStoreIds(db: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: stores.id }).from(stores).where(inArray(stores.id, ids));
  return rows.map((r) => r.id);
}

export type NewUser = {
  username: string;
  displayName: string | null;
  passwordHash: string;
  role: string;
  stores: string[];
};

export async function insertUser(db: Db, user: NewUser): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        username: user.username,
        displayName: user.displayName,
        passwordHash: user.passwordHash,
        role: user.role,
      })
      .returning({ id: users.id });
    if (!row) throw new Error('insert returned no row');
    if (user.stores.length > 0)
      await tx.insert(userStores).values(user.stores.map((storeId) => ({ userId: row.id, storeId })));
    return row.id;
  });
}

export async function updateUserAccess(
  db: Db,
  id: number,
  change: { displayName: string | null; role: string; disabled: boolean; stores: string[] },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        displayName: change.displayName,
        role: change.role,
        disabled: change.disabled,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, id));
    await tx.delete(userStores).where(eq(userStores.userId, id));
    if (change.stores.length > 0)
      await tx.insert(userStores).values(change.stores.map((storeId) => ({ userId: id, storeId })));
  });
}

export async function setPasswordHash(db: Db, id: number, passwordHash: string): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: sql`now()` })
    .where(eq(users.id, id));
}

/** Counts one failed login; locks the account when the count reaches `lockAfter`. Returns the new state. */
export async function recordFailedLogin(
  db: Db,
  id: number,
  lockAfter: number,
  lockMinutes: number,
): Promise<{ failedLogins: number; lockedUntil: string | null }> {
  const rows = await db
    .update(users)
    .set({
      failedLogins: sql`${users.failedLogins} + 1`,
      lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${lockAfter}
        then now() + make_interval(mins => ${lockMinutes}) else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, id))
    .returning({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil });
  return rows[0] ?? { failedLogins: 0, lockedUntil: null };
}

export async function recordSuccessfulLogin(db: Db, id: number): Promise<void> {
  await db
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: sql`now()` })
    .where(and(eq(users.id, id)));
}
