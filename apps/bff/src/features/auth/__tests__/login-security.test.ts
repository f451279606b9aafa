/** Login throttling per address, lock-out per account, CSRF on writes, idle expiry and start-up password rules. */
import type { AuditPage } from '@portrait/shared/auth';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { loadFixtureChain } from '../../../__tests__/helpers/fixture-chain';
import {
  anonymous,
  getData,
  login,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
} from '../../../__tests__/helpers/http';
import { openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { bootstrapUsers } from '../bootstrap-users';
import { hashPassword, verifyPassword } from '../passwords';
import { insertUser } from '../../../db/queries/users';

const CHAIN = {
  cities: [{ name: '上海', province: '上海市' }],
  stores: [
    { id: 'S1', name: '上海一店', city: '上海' },
    { id: 'S2', name: '上海二店', city: '上海' },
  ],
  products: [],
  orders: [{ id: 'o1', customerId: 'c1', storeId: 'S1', at: '2025-03-01 12:00', amount: 20 }],
};

describe('Login security', () => {
  let server: TestServer;
  let database: Database & { dispose: () => Promise<void> };

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await loadFixtureChain(database, CHAIN);
    server = await startTestServer(database, {
      LOGIN_LOCK_AFTER: 3,
      LOGIN_RATE_PER_IP: 6,
      SESSION_IDLE_MINUTES: 5,
      // The idle test ages the session in the database behind the server's back: no in-process session cache.
      SESSION_CACHE_MS: 0,
    });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  it('When a password is stored, Then it is an argon2id hash that verifies only the right password', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse')).toBe(true);
    expect(await verifyPassword(hash, 'wrong horse')).toBe(false);
  });

  it('When the password is wrong three times, Then the account locks, even for the right password, and it is logged', async () => {
    const nobody = anonymous(server.url);
    for (let i = 0; i < 3; i++) {
      const res = await nobody.request('POST', '/api/v1/auth/login', {
        username: 'executive',
        password: 'nope',
      });
      expect(res.status).toBe(401);
      expect(res.body.error?.message).toBe('wrong username or password');
    }
    const locked = await nobody.request('POST', '/api/v1/auth/login', {
      username: 'executive',
      password: TEST_PASSWORD,
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error?.message).toMatch(/locked/);
    const admin = await server.as('admin');
    const log = await getData<AuditPage>(admin, '/api/v1/admin/audit?username=executive');
    expect(log.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['login_failed', 'account_locked']),
    );
    // An admin resetting the password lifts the lock.
    const users = await getData<{ id: number; username: string; lockedUntil: string | null }[]>(
      admin,
      '/api/v1/admin/users',
    );
    const exec = users.find((u) => u.username === 'executive');
    expect(exec?.lockedUntil).not.toBeNull();
    const reset = await admin.request('POST', `/api/v1/admin/users/${exec?.id}/password`, {
      password: TEST_PASSWORD,
    });
    expect(reset.status).toBe(200);
    await expect(login(server.url, 'executive')).resolves.toBeDefined();
  });

  it('When a write comes without the CSRF token, Then it is refused and nothing changes', async () => {
    const admin = await server.as('admin');
    const forged = await fetch(`${server.url}/api/v1/admin/users`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'intruder', role: 'admin', password: 'intruder-pass' }),
    });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { message: string } }).error.message).toMatch(/CSRF/);
    const rows = await queryRows(database.db, sql`select 1 from users where username = 'intruder'`);
    expect(rows).toHaveLength(0);
  });

  it('When a session has been idle past the limit, Then it is gone and the user must sign in again', async () => {
    const analyst = await server.as('analyst');
    expect((await analyst.request('GET', '/api/v1/auth/me')).status).toBe(200);
    await database.db.execute(sql`update sessions set last_seen_at = now() - interval '6 minutes'`);
    const res = await analyst.request('GET', '/api/v1/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe('unauthorized');
  });

  it('When a user signs out, Then the session no longer works', async () => {
    const analyst = await server.as('analyst');
    expect((await analyst.request('POST', '/api/v1/auth/logout')).status).toBe(200);
    expect((await analyst.request('GET', '/api/v1/portrait/kpis?from=2025-03-01&to=2025-03-01')).status).toBe(
      401,
    );
  });

  it('When signed in, Then the cookie is httpOnly and SameSite, and security headers are set', async () => {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'manager', password: TEST_PASSWORD }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const me = (await res.json()) as { data: { user: { role: string; stores: { id: string }[] } } };
    expect(me.data.user.role).toBe('store_manager');
    expect(me.data.user.stores.map((s) => s.id)).toEqual(server.managerStores);
  });

  // Last: once an address is throttled, every login from it waits, and all these tests share 127.0.0.1.
  it('When one address keeps failing, Then it is throttled whatever the account', async () => {
    const nobody = anonymous(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await nobody.request('POST', '/api/v1/auth/login', {
        username: `ghost${i}`,
        password: 'x',
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(-2)).toEqual([429, 429]);
    const last = await nobody.request('POST', '/api/v1/auth/login', { username: 'ghost', password: 'x' });
    expect(last.body.error?.message).toMatch(/too many failed logins from this address/);
  });
});

describe('Start-up password rules', () => {
  it('When not in demo mode and an account has the demo password, Then the product refuses to start', async () => {
    const database = await openTestDatabase('pglite');
    try {
      await insertUser(database.db, {
        username: 'admin',
        displayName: null,
        passwordHash: await hashPassword('demo1234'),
        role: 'admin',
        stores: [],
      });
      await expect(
        bootstrapUsers(database.db, { demoMode: false, demoPassword: 'demo1234' }),
      ).rejects.toThrow(/still has the default demo password/);
    } finally {
      await database.dispose();
    }
  });

  it('When not in demo mode and there are no users, Then the first admin comes only from a strong ADMIN_PASSWORD', async () => {
    const database = await openTestDatabase('pglite');
    try {
      await expect(
        bootstrapUsers(database.db, { demoMode: false, demoPassword: 'demo1234' }),
      ).rejects.toThrow(/set ADMIN_USERNAME and ADMIN_PASSWORD/);
      await expect(
        bootstrapUsers(database.db, {
          demoMode: false,
          demoPassword: 'x',
          adminUsername: 'root',
          adminPassword: 'demo1234',
        }),
      ).rejects.toThrow(/not the demo password/);
      await expect(
        bootstrapUsers(database.db, {
          demoMode: false,
          demoPassword: 'x',
          adminUsername: 'root',
          adminPassword: 'a-long-secret-1',
        }),
      ).resolves.toEqual(['root']);
    } finally {
      await database.dispose();
    }
  });

  it('When in demo mode, Then the four documented users exist, the manager on two stores of one city', async () => {
    const database = await openTestDatabase('pglite');
    try {
      await loadFixtureChain(database, CHAIN);
      expect(await bootstrapUsers(database.db, { demoMode: true, demoPassword: 'demo1234' })).toEqual([
        'admin',
        'analyst',
        'executive',
        'manager',
      ]);
      const rows = await queryRows<{ username: string; role: string; stores: string | null }>(
        database.db,
        sql`select u.username, u.role, string_agg(us.store_id, ',' order by us.store_id) as stores
            from users u left join user_stores us on us.user_id = u.id group by u.username, u.role order by u.username`,
      );
      expect(rows).toEqual([
        { username: 'admin', role: 'admin', stores: null },
        { username: 'analyst', role: 'analyst', stores: null },
        { username: 'executive', role: 'executive', stores: null },
        { username: 'manager', role: 'store_manager', stores: 'S1,S2' },
      ]);
    } finally {
      await database.dispose();
    }
  });
});
