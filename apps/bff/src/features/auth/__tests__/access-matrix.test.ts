/**
 * PRODUCT §5 over real HTTP: every route of the route table, for no session and for each role. The table of
 * expected policies below is written by hand; a route the table does not know fails the test, so a new route
 * cannot escape review.
 */
import type { Role } from '@portrait/shared/auth';
import { sql } from 'drizzle-orm';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/sql';
import { loadDemo } from '../../demo/load-demo';
import { anonymous, startTestServer, type Client, type TestServer } from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { registerRoutes } from '../../../routes/register-routes';
import type { RouteDef } from '../../../routes/route-table';
import type { SessionService } from '../session-service';

const EVERYONE: Role[] = ['admin', 'analyst', 'executive', 'store_manager'];
const CUSTOMER_LEVEL: Role[] = ['admin', 'analyst', 'store_manager'];
const EXPECTED: Record<string, 'public' | 'signed_in' | Role[]> = {
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'signed_in',
  'GET /api/v1/auth/me': 'signed_in',
  'GET /api/v1/meta/filters': EVERYONE,
  'GET /api/v1/portrait/overview': EVERYONE,
  'GET /api/v1/portrait/kpis': EVERYONE,
  'GET /api/v1/portrait/segments': EVERYONE,
  'GET /api/v1/portrait/hourly': EVERYONE,
  'GET /api/v1/portrait/top-products': EVERYONE,
  'GET /api/v1/portrait/channels': EVERYONE,
  'GET /api/v1/portrait/geo': EVERYONE,
  'GET /api/v1/portrait/paths': EVERYONE,
  'GET /api/v1/portrait/paths/top': EVERYONE,
  'GET /api/v1/portrait/segments/:key/customers': CUSTOMER_LEVEL,
  'GET /api/v1/portrait/segments/:key/customers.csv': CUSTOMER_LEVEL,
  'GET /api/v1/portrait/churn': EVERYONE,
  'GET /api/v1/portrait/churn/customers': CUSTOMER_LEVEL,
  'GET /api/v1/portrait/clusters': EVERYONE,
  'GET /api/v1/admin/users': ['admin'],
  'POST /api/v1/admin/users': ['admin'],
  'PUT /api/v1/admin/users/:id': ['admin'],
  'POST /api/v1/admin/users/:id/password': ['admin'],
  'GET /api/v1/admin/audit': ['admin'],
  'GET /api/v1/customer360/profile': CUSTOMER_LEVEL,
  'GET /api/v1/customer360/timeline': CUSTOMER_LEVEL,
  'GET /api/v1/customer360/value': CUSTOMER_LEVEL,
  'GET /api/v1/customer360/search': CUSTOMER_LEVEL,
  'GET /api/v1/portrait/suggestions': EVERYONE,
  'POST /api/v1/portrait/suggestions': ['admin', 'analyst'],
  'POST /api/v1/suggestions/:id/status': CUSTOMER_LEVEL,
  'GET /api/v1/suggestions/:id/customers': CUSTOMER_LEVEL,
  'GET /api/v1/suggestions/:id/customers.csv': CUSTOMER_LEVEL,
  'POST /api/v1/admin/imports': ['admin'],
  'GET /api/v1/admin/imports': ['admin'],
  'GET /api/v1/admin/imports/context': ['admin'],
  'GET /api/v1/admin/imports/:id': ['admin'],
  'GET /api/v1/admin/imports/:id/rejects': ['admin'],
  'GET /api/v1/admin/imports/:id/rejects.csv': ['admin'],
  'GET /api/v1/admin/sync': ['admin'],
  'POST /api/v1/admin/sync': ['admin'],
  'GET /api/v1/data-quality': ['admin', 'analyst'],
  // A never-ending event stream: its signed-in answer is checked in live-refresh.test.ts.
  'GET /api/v1/live': 'signed_in',
};

const USER_OF_ROLE: Record<Role, 'admin' | 'analyst' | 'executive' | 'manager'> = {
  admin: 'admin',
  analyst: 'analyst',
  executive: 'executive',
  store_manager: 'manager',
};

/** Customer 360 routes name one customer: one who bought in the manager's stores, so every allowed role gets 200. */
let customer360Query = '';

function concretePath(route: RouteDef, scope: string): string {
  const path = route.path.replace(':key', 'important_value').replace(':id', '999999');
  if (route.method !== 'get') return path;
  return path.startsWith('/api/v1/customer360/') ? `${path}?${customer360Query}` : `${path}?${scope}`;
}

describe.each(databaseKinds())('Access policy of every route (%s)', (kind) => {
  let server: TestServer;
  let dispose: () => Promise<void>;
  const clients = new Map<Role, Client>();
  const scope = 'from=2025-06-01&to=2025-06-30';

  beforeAll(async () => {
    const database = await openTestDatabase(kind);
    dispose = database.dispose;
    await loadDemo(database, { size: 'small', seed: 11, endDate: '2025-06-30' });
    server = await startTestServer(database);
    for (const role of EVERYONE) clients.set(role, await server.as(USER_OF_ROLE[role]));
    const rows = await queryRows<{ customer_id: string }>(
      database.db,
      sql`select customer_id from customer_store_firsts where store_id = ${server.managerStores[0] ?? ''}
          order by customer_id limit 1`,
    );
    const id = rows[0]?.customer_id ?? '';
    customer360Query = `customer_identifier=${id}&identifier_type=customer_id&query=${id}`;
  });
  afterAll(async () => {
    await server?.stop();
    await dispose?.();
  });

  it('When the route table is read, Then every route has the policy this test expects', () => {
    const actual = Object.fromEntries(
      server.routes.map((r) => [
        `${r.method.toUpperCase()} ${r.path}`,
        r.access === 'public' || r.access === 'signed_in' ? r.access : [...r.access].sort(),
      ]),
    );
    const expected = Object.fromEntries(
      Object.entries(EXPECTED).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]),
    );
    expect(actual).toEqual(expected);
  });

  it('When no one is signed in, Then every non-public route answers 401', async () => {
    const nobody = anonymous(server.url);
    for (const route of server.routes) {
      const res = await nobody.request(
        route.method.toUpperCase(),
        concretePath(route, scope),
        route.method === 'get' ? undefined : {},
      );
      if (route.access === 'public') expect(res.status, route.path).not.toBe(401);
      else {
        expect(res.status, `${route.method} ${route.path}`).toBe(401);
        expect(res.body.error?.code).toBe('unauthorized');
      }
    }
  });

  it('When each role calls each route, Then it is refused exactly where the policy says', async () => {
    for (const route of server.routes) {
      if (route.access === 'public' || route.path.endsWith('/logout') || route.path === '/api/v1/live')
        continue;
      for (const role of EVERYONE) {
        const client = clients.get(role);
        if (!client) throw new Error(role);
        const res = await client.request(
          route.method.toUpperCase(),
          concretePath(route, scope),
          route.method === 'get' ? undefined : {},
        );
        const allowed = route.access === 'signed_in' || route.access.includes(role);
        const label = `${role} ${route.method} ${route.path} → ${res.status} ${res.text.slice(0, 120)}`;
        if (allowed) {
          expect([401, 403], label).not.toContain(res.status);
          expect(res.status, label).toBeLessThan(500);
          if (route.path.startsWith('/api/v1/customer360/')) expect(res.status, label).toBe(200);
        } else {
          expect(res.status, label).toBe(403);
          expect(res.body.error?.code).toBe('forbidden');
        }
      }
    }
  });

  it('When a route is declared without a policy, Then it cannot be registered', () => {
    const app = express();
    const unguarded = {
      method: 'get',
      path: '/api/v1/unguarded',
      handler: async () => 1,
    } as unknown as RouteDef;
    expect(() => registerRoutes(app, [unguarded], {} as SessionService)).toThrow(/declares no access policy/);
  });
});
