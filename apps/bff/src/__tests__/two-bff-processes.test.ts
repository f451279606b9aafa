/**
 * Two real BFF processes on one PostgreSQL database, as behind a load balancer: a session opened on one works on
 * the other, signing out on one ends it on the other within SESSION_CACHE_MS, failed logins are counted across
 * both, and data imported through one is what the other's dashboards and live stream show. Needs PostgreSQL
 * (TEST_DATABASE_URL): PGlite is one process's database.
 */
import type { Kpis } from '@portrait/shared/portrait';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/sql';
import { startBffProcess, type BffProcess } from './helpers/bff-process';
import {
  getData,
  liveVersions,
  login,
  sameSessionOn,
  seedTestUsers,
  TEST_PASSWORD,
  upload,
  waitForJob,
} from './helpers/http';
import { importTexts } from './helpers/import-files';
import { CLEAN } from './helpers/import-fixture';
import { openTestDatabase } from './helpers/test-databases';

const SESSION_CACHE_MS = 500;
const LOGIN_RATE_PER_IP = 4;
const KPIS = '/api/v1/portrait/kpis?from=2025-06-01&to=2025-06-05';

const failedLogin = (baseUrl: string) =>
  fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'nobody', password: 'wrong-password' }),
  }).then((res) => res.status);

describe.skipIf(!process.env.TEST_DATABASE_URL)('Two BFF processes sharing one PostgreSQL database', () => {
  let a: BffProcess;
  let b: BffProcess;
  let database: Awaited<ReturnType<typeof openTestDatabase>>;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await importTexts(database, CLEAN);
    await seedTestUsers(database);
    const env = {
      DATABASE_URL: database.url ?? '',
      DEMO_SIZE: 'none',
      SESSION_CACHE_MS: String(SESSION_CACHE_MS),
      LOGIN_RATE_PER_IP: String(LOGIN_RATE_PER_IP),
      LIVE_POLL_MS: '200',
    };
    [a, b] = await Promise.all([startBffProcess(env), startBffProcess(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.dispose();
  });

  it('When a user signs in on A, Then the same session cookie works on B', async () => {
    const onA = await login(a.url, 'analyst');
    const me = await sameSessionOn(onA, b.url).request<{ user: { username: string } }>(
      'GET',
      '/api/v1/auth/me',
    );
    expect(me.status).toBe(200);
    expect(me.body.data.user.username).toBe('analyst');
  });

  it("When data is imported through A, Then B's dashboards answer the new data and B's live stream announces it", async () => {
    const admin = await login(a.url, 'admin');
    const analystOnB = sameSessionOn(await login(a.url, 'analyst'), b.url);
    const before = await getData<Kpis>(analystOnB, KPIS);
    const { dataVersion } = await getData<{ dataVersion: number }>(analystOnB, '/api/v1/meta/filters');
    const seen = liveVersions(analystOnB, (v) => v.length >= 2);
    await new Promise((r) => setTimeout(r, 300));
    const uploaded = await upload(admin, {
      'orders.csv': `${CLEAN['orders.csv'].split('\n')[0]}\nO7,C2,S2,2025-06-04 10:00,pos,dine_in,9.5,,,`,
    });
    expect(uploaded.status).toBe(200);
    const job = await waitForJob(admin, uploaded.body.data.id);
    expect(job.status).toBe('succeeded');
    expect(await seen).toEqual([dataVersion, dataVersion + 1]);
    const after = await getData<Kpis>(analystOnB, KPIS);
    expect(after.orders.value).toBe((before.orders.value ?? 0) + 1);
  });

  it('When a user signs out on A, Then A refuses the session at once and B within SESSION_CACHE_MS', async () => {
    const onA = await login(a.url, 'executive');
    const onB = sameSessionOn(onA, b.url);
    expect((await onB.request('GET', '/api/v1/auth/me')).status).toBe(200); // B now trusts it for a while
    expect((await onA.request('POST', '/api/v1/auth/logout')).status).toBe(200);
    const signedOut = Date.now();
    expect((await onA.request('GET', '/api/v1/auth/me')).status).toBe(401);
    let status = 200;
    while (status === 200 && Date.now() - signedOut < 10_000) {
      status = (await onB.request('GET', '/api/v1/auth/me')).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(401);
    // The bound plus room for a loaded machine's request round trips.
    expect(Date.now() - signedOut).toBeLessThan(SESSION_CACHE_MS + 1500);
  });

  it('When failed logins come from one address through both processes, Then they count against one limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_RATE_PER_IP; i++) statuses.push(await failedLogin(i % 2 === 0 ? a.url : b.url));
    expect(statuses).toEqual(Array(LOGIN_RATE_PER_IP).fill(401));
    // Each process alone has seen only half the limit; together the address is out of attempts.
    expect(await failedLogin(a.url)).toBe(429);
    expect(await failedLogin(b.url)).toBe(429);
    const rows = await queryRows<{ hits: number }>(database.db, sql`select hits from login_throttle`);
    expect(rows.map((r) => Number(r.hits))).toEqual([LOGIN_RATE_PER_IP + 2]);
    // Even the right password is refused from that address now, on either process.
    const right = await fetch(`${b.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'analyst', password: TEST_PASSWORD }),
    });
    expect(right.status).toBe(429);
  });
});
