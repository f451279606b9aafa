import type { AdminUser, Role } from '@portrait/shared/auth';
import { createUserSchema, updateUserSchema } from '@portrait/shared/auth';
import type { Db } from '../../db/client';
import { deleteSessionsOfUser } from '../../db/queries/sessions';
import {
  existingStoreIds,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  setPasswordHash,
  storesOfUsers,
  updateUserAccess,
} from '../../db/queries/users';
import { AppError, badRequest, notFound } from '../../lib/errors';
import { parseOrThrow } from '../../lib/validate';
import { audit } from '../auth/audit-service';
import { hashPassword } from '../auth/passwords';
import type { Viewer } from '../auth/viewer';

/** User administration; every change is audited and takes effect at once (the user's sessions end). */
/** `changed` runs after every change to an account, so cached sessions of this process are re-read. */
export function createUsersService(db: Db, changed: () => void = () => undefined) {
  async function list(): Promise<AdminUser[]> {
    const users = await listUsers(db);
    const stores = await storesOfUsers(
      db,
      users.map((u) => u.id),
    );
    return users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role as Role,
      stores: stores.filter((s) => s.userId === u.id).map(({ id, name, city }) => ({ id, name, city })),
      disabled: u.disabled,
      lockedUntil: u.lockedUntil && Date.parse(u.lockedUntil) > Date.now() ? u.lockedUntil : null,
      lastLoginAt: u.lastLoginAt,
      createdAt: u.createdAt,
    }));
  }

  async function checkStores(ids: string[]) {
    const known = new Set(await existingStoreIds(db, ids));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw badRequest(`unknown store: ${unknown.join(', ')}`);
  }

  async function create(viewer: Viewer, body: unknown): Promise<AdminUser> {
    const req = parseOrThrow(createUserSchema, body);
    if (await findUserByUsername(db, req.username))
      throw new AppError('conflict', `username ${req.username} is taken`);
    await checkStores(req.stores);
    const id = await insertUser(db, {
      username: req.username,
      displayName: req.displayName ?? null,
      passwordHash: await hashPassword(req.password),
      role: req.role,
      stores: req.stores,
    });
    await audit(db, viewer, 'user_created', req.username, { role: req.role, stores: req.stores });
    return byId(id);
  }

  async function update(viewer: Viewer, id: number, body: unknown): Promise<AdminUser> {
    const req = parseOrThrow(updateUserSchema, body);
    const user = await findUserById(db, id);
    if (!user) throw notFound(`no user with id ${id}`);
    if (id === viewer.user.id && (req.disabled || req.role !== 'admin'))
      throw new AppError('conflict', 'you cannot disable or demote your own account');
    await checkStores(req.stores);
    await updateUserAccess(db, id, {
      displayName: req.displayName ?? null,
      role: req.role,
      disabled: req.disabled,
      stores: req.stores,
    });
    if (req.disabled || req.role !== user.role) await deleteSessionsOfUser(db, id);
    changed();
    await audit(db, viewer, 'user_updated', user.username, {
      before: { role: user.role, disabled: user.disabled },
      after: { role: req.role, disabled: req.disabled, stores: req.stores },
    });
    return byId(id);
  }

  async function resetPassword(viewer: Viewer, id: number, password: string): Promise<void> {
    const user = await findUserById(db, id);
    if (!user) throw notFound(`no user with id ${id}`);
    await setPasswordHash(db, id, await hashPassword(password));
    await deleteSessionsOfUser(db, id);
    changed();
    await audit(db, viewer, 'password_reset', user.username);
  }

  async function byId(id: number): Promise<AdminUser> {
    const found = (await list()).find((u) => u.id === id);
    if (!found) throw notFound(`no user with id ${id}`);
    return found;
  }

  return { list, create, update, resetPassword };
}
export type UsersService = ReturnType<typeof createUsersService>;
