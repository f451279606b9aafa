/** Masking for all but admin, in JSON and CSV, and the audit trail of looks, exports and admin changes. */
import type { AuditPage } from '@portrait/shared/auth';
import type { SegmentCustomersPage } from '@portrait/shared/customers';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { loadDemo } from '../../demo/load-demo';
import { getData, startTestServer, type Client, type TestServer } from '../../../__tests__/helpers/http';
import { openTestDatabase } from '../../../__tests__/helpers/test-databases';

const LIST = '/api/v1/portrait/segments/important_value/customers?from=2025-04-01&to=2025-06-30&pageSize=50';
const CSV = '/api/v1/portrait/segments/important_value/customers.csv?from=2025-04-01&to=2025-06-30';

describe('Masking and the audit log', () => {
  let server: TestServer;
  let database: Database & { dispose: () => Promise<void> };
  let admin: Client;
  let people: Map<string, { phone: string | null; email: string | null; name: string | null }>;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await loadDemo(database, { size: 'small', seed: 11, endDate: '2025-06-30' });
    server = await startTestServer(database);
    admin = await server.as('admin');
    const rows = await queryRows<{
      id: string;
      phone: string | null;
      email: string | null;
      name: string | null;
    }>(database.db, sql`select id, phone, email, name from customers`);
    people = new Map(rows.map((r) => [r.id, r]));
  });
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  it('When an analyst lists customers, Then phone, email and name are masked; an admin sees them whole', async () => {
    const masked = await getData<SegmentCustomersPage>(server.api, LIST);
    const whole = await getData<SegmentCustomersPage>(admin, LIST);
    expect(masked.customers.length).toBeGreaterThan(0);
    expect(masked.customers.map((c) => c.customerId)).toEqual(whole.customers.map((c) => c.customerId));
    for (const [i, c] of masked.customers.entries()) {
      const real = people.get(c.customerId);
      expect(whole.customers[i]?.phone).toBe(real?.phone);
      if (real?.phone) {
        expect(c.phone).toBe(`${real.phone.slice(0, 3)}****${real.phone.slice(-4)}`);
        expect(JSON.stringify(masked)).not.toContain(real.phone);
      }
      if (real?.name) expect(c.name).toBe(`${[...real.name][0]}${'*'.repeat([...real.name].length - 1)}`);
      if (real?.email) expect(c.email).toMatch(/^.\*\*\*@/);
    }
  });

  it('When an analyst exports, Then the CSV is masked too and opens in Excel (BOM, CRLF)', async () => {
    const res = await server.api.request('GET', CSV);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename\*=UTF-8''/);
    expect(res.text.startsWith('客户ID,姓名,手机')).toBe(true);
    // fetch's text() drops a BOM, so read the bytes to see that Excel gets one.
    const raw = await fetch(`${server.url}${CSV}`, { headers: { cookie: server.api.cookie } });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    for (const line of res.text.trim().split('\r\n').slice(1)) {
      const [id, , phone] = line.split(',');
      const real = people.get(id ?? '');
      if (real?.phone) {
        expect(phone).toMatch(/^\d{3}\*{4}\d{4}$/);
        expect(res.text).not.toContain(real.phone);
      }
    }
  });

  it('When customers are looked at and exported, Then each is in the audit log with who, where and what', async () => {
    await server.api.request('GET', LIST);
    await server.api.request('GET', CSV);
    const log = await getData<AuditPage>(admin, '/api/v1/admin/audit?username=analyst&pageSize=200');
    const actions = log.entries.map((e) => e.action);
    expect(actions).toContain('login');
    expect(actions).toContain('view_customer_list');
    expect(actions).toContain('export');
    const exported = log.entries.find((e) => e.action === 'export');
    expect(exported?.target).toBe('important_value');
    expect(exported?.role).toBe('analyst');
    expect(exported?.ip).toMatch(/127\.0\.0\.1/);
    expect(exported?.detail).toMatchObject({
      format: 'csv',
      scope: { from: '2025-04-01', to: '2025-06-30' },
    });
  });

  it('When an admin creates and changes a user, Then both are audited and the change applies at once', async () => {
    const created = await admin.request<{ id: number }>('POST', '/api/v1/admin/users', {
      username: 'temp.analyst',
      role: 'analyst',
      password: 'another-password',
    });
    expect(created.status).toBe(200);
    const tempSession = await server.as('analyst'); // any session keeps working for others
    const res = await admin.request('PUT', `/api/v1/admin/users/${created.body.data.id}`, {
      role: 'executive',
      stores: [],
      disabled: true,
    });
    expect(res.status).toBe(200);
    expect((await tempSession.request('GET', '/api/v1/auth/me')).status).toBe(200);
    const log = await getData<AuditPage>(admin, '/api/v1/admin/audit?username=admin&pageSize=200');
    const targets = log.entries.filter((e) => e.target === 'temp.analyst').map((e) => e.action);
    expect(targets).toEqual(expect.arrayContaining(['user_created', 'user_updated']));
    const disabledLogin = await server.api.request('POST', '/api/v1/auth/login', {
      username: 'temp.analyst',
      password: 'another-password',
    });
    expect(disabledLogin.status).toBe(403);
  });

  it('When anyone tries to edit or delete the audit log through the API, Then there is no such route', async () => {
    for (const method of ['PUT', 'DELETE', 'POST', 'PATCH']) {
      const res = await admin.request(method, '/api/v1/admin/audit', {});
      expect(res.status, method).toBe(404);
    }
    const rows = await queryRows<{ n: string }>(database.db, sql`select count(*) as n from audit_log`);
    expect(Number(rows[0]?.n)).toBeGreaterThan(0);
  });

  it('When an executive asks for a customer list, Then it is refused', async () => {
    const executive = await server.as('executive');
    expect((await executive.request('GET', LIST)).status).toBe(403);
    expect((await executive.request('GET', CSV)).status).toBe(403);
  });
});
