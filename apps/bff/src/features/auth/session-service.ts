import { createHash, randomBytes } from 'node:crypto';
import { ROLES, type Role, type SessionUser } from '@portrait/shared/auth';
import { LRUCache } from 'lru-cache';
import type { Db } from '../../db/client';
import { deleteSession, findLiveSession, insertSession, touchSession } from '../../db/queries/sessions';
import {
  findUserByUsername,
  recordFailedLogin,
  recordSuccessfulLogin,
  storesOfUsers,
  type UserRecord,
} from '../../db/queries/users';
import { AppError } from '../../lib/errors';
import { audit } from './audit-service';
import { decoyHash, verifyPassword } from './passwords';
import type { Viewer } from './viewer';

export type SessionSettings = {
  idleMinutes: number;
  lockAfter: number;
  lockMinutes: number;
  /**
   * How long (ms) a process may answer from its own memory for a session it has checked in the database; 0 = ask
   * the database on every request. Bounds how late another process notices a logout, an expiry or an admin's
   * change to the user; this process forgets at once.
   */
  cacheMs?: number;
};

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** Refreshing last-seen on every request would write on every read; once a minute is enough for idle expiry. */
const TOUCH_AFTER_SECONDS = 60;

export function createSessionService(db: Db, settings: SessionSettings) {
  const cacheMs = settings.cacheMs ?? 0;
  const checked = new LRUCache<string, Omit<Viewer, 'ip'>>({ max: 10_000, ttl: Math.max(1, cacheMs) });

  async function toSessionUser(user: UserRecord): Promise<SessionUser> {
    const stores = user.role === 'store_manager' ? await storesOfUsers(db, [user.id]) : [];
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: ROLES.includes(user.role as Role) ? (user.role as Role) : 'analyst',
      stores: stores.map(({ id, name, city }) => ({ id, name, city })),
    };
  }

  /** Checks the password and opens a session; every outcome is audited. Returns the raw token for the cookie. */
  async function login(
    username: string,
    password: string,
    from: { ip: string | null; userAgent: string | null },
  ): Promise<{ token: string; viewer: Viewer }> {
    const user = await findUserByUsername(db, username);
    const failed = new AppError('unauthorized', 'wrong username or password');
    if (!user) {
      await verifyPassword(await decoyHash(), password);
      await audit(db, { username, ip: from.ip }, 'login_failed', username, { reason: 'unknown user' });
      throw failed;
    }
    if (user.lockedUntil && Date.parse(user.lockedUntil) > Date.now()) {
      await audit(db, { username, ip: from.ip }, 'login_failed', username, { reason: 'locked' });
      throw new AppError(
        'too_many_requests',
        `this account is locked after repeated failed logins; try again after ${new Date(user.lockedUntil).toISOString()}`,
      );
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      const state = await recordFailedLogin(db, user.id, settings.lockAfter, settings.lockMinutes);
      await audit(db, { username, ip: from.ip }, 'login_failed', username, {
        reason: 'wrong password',
        failedLogins: state.failedLogins,
      });
      if (state.failedLogins === settings.lockAfter)
        await audit(db, { username, ip: from.ip }, 'account_locked', username, { until: state.lockedUntil });
      throw failed;
    }
    if (user.disabled) {
      await audit(db, { username, ip: from.ip }, 'login_failed', username, { reason: 'disabled' });
      throw new AppError('forbidden', 'this account is disabled; ask an administrator');
    }
    await recordSuccessfulLogin(db, user.id);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const tokenHash = hashToken(token);
    await insertSession(db, {
      tokenHash,
      userId: user.id,
      csrfToken,
      ip: from.ip,
      userAgent: from.userAgent,
    });
    const viewer = await viewerOf(user, tokenHash, csrfToken, from.ip);
    await audit(db, viewer, 'login', username);
    return { token, viewer };
  }

  async function viewerOf(user: UserRecord, tokenHash: string, csrfToken: string, ip: string | null) {
    const sessionUser = await toSessionUser(user);
    return {
      user: sessionUser,
      allowedStores: sessionUser.role === 'store_manager' ? sessionUser.stores.map((s) => s.id) : null,
      tokenHash,
      csrfToken,
      ip,
    } satisfies Viewer;
  }

  /** The viewer behind a session cookie, or null when it is unknown, idle too long, or its user is disabled. */
  async function resolve(token: string, ip: string | null): Promise<Viewer | null> {
    const tokenHash = hashToken(token);
    const known = cacheMs > 0 ? checked.get(tokenHash) : undefined;
    if (known) return { ...known, ip };
    const session = await findLiveSession(db, tokenHash, settings.idleMinutes);
    if (!session || session.user.disabled) return null;
    if (Number(session.idleSeconds) > TOUCH_AFTER_SECONDS) await touchSession(db, tokenHash);
    const viewer = await viewerOf(session.user, tokenHash, session.csrfToken, ip);
    if (cacheMs > 0) checked.set(tokenHash, viewer);
    return viewer;
  }

  async function logout(viewer: Viewer): Promise<void> {
    checked.delete(viewer.tokenHash);
    await deleteSession(db, viewer.tokenHash);
    await audit(db, viewer, 'logout', viewer.user.username);
  }

  /** An admin changed a user (role, stores, disabled, password): this process re-reads every session. */
  const forgetAll = () => checked.clear();

  return { login, resolve, logout, forgetAll };
}
export type SessionService = ReturnType<typeof createSessionService>;
