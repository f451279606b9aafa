/**
 * The import over HTTP on a chain that starts empty (DEMO_SIZE=none): an admin uploads a dirty folder, follows
 * the job, pages and downloads the rejected rows; the sync folder; the quality report for analysts; the
 * live stream announcing the new data version; wrong requests get 4xx with a message.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RejectedPage, SyncStart, SyncStatus } from '@portrait/shared/imports';
import type { Kpis } from '@portrait/shared/portrait';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getData,
  getJson,
  liveVersions,
  readyQuality,
  upload,
  waitForJob,
  startTestServer,
  type Client,
  type TestServer,
} from '../../../__tests__/helpers/http';
import { tempDir } from '../../../__tests__/helpers/import-files';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { CLEAN } from '../../../__tests__/helpers/import-fixture';

describe.each(databaseKinds())('Import API (%s)', (kind) => {
  let server: TestServer;
  let admin: Client;
  let dispose: () => Promise<void>;
  const syncDir = tempDir('portrait-sync-');

  beforeAll(async () => {
    const database = await openTestDatabase(kind);
    dispose = database.dispose;
    server = await startTestServer(database, { SYNC_DIR: syncDir, LIVE_POLL_MS: 200 });
    admin = await server.as('admin');
  });
  afterAll(async () => {
    await server?.stop();
    await dispose?.();
    fs.rmSync(syncDir, { recursive: true, force: true });
  });

  it('When an admin uploads a folder with dirty rows, Then the job reports every row and the rejects page and download', async () => {
    const dirtyOrders = `${CLEAN['orders.csv']}\nO5,C1,S404,2025-06-04 12:00,pos,dine_in,10,,,\nO6,C1,S1,yesterday,pos,dine_in,10,,,`;
    const res = await upload(admin, { ...CLEAN, 'orders.csv': dirtyOrders, 'notes.txt.csv': 'a,b\n1,2' });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('queued');
    const job = await waitForJob(admin, res.body.data.id);
    expect(job.status).toBe('succeeded');
    expect(job.rowsRead).toBe(18);
    expect(job.rowsRejected).toBe(2);
    expect(job.rowsImported + job.rowsRejected).toBe(job.rowsRead);
    expect(job.counts.orders).toEqual({ read: 6, inserted: 4, updated: 0, unchanged: 0, rejected: 2 });
    expect(job.warnings.join('\n')).toMatch(/notes\.txt\.csv: ignored/);
    expect(job.files.map((f) => f.encoding)).toContain('utf-8');

    const page = await getData<RejectedPage>(
      admin,
      `/api/v1/admin/imports/${job.id}/rejects?page=1&pageSize=1`,
    );
    expect(page.total).toBe(2);
    expect(page.rows[0]).toMatchObject({ file: 'orders.csv', line: 6, reason: 'unknown_store' });
    const csv = await getJson<string>(admin, `/api/v1/admin/imports/${job.id}/rejects.csv`);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('file,line,entity,reason,message,raw');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      'orders.csv,6,orders,unknown_store',
      'orders.csv,7,orders,bad_timestamp',
    ]);
    const audit = await getData<{ entries: { action: string; target: string }[] }>(
      admin,
      '/api/v1/admin/audit?pageSize=10',
    );
    expect(audit.entries.map((e) => `${e.action} ${e.target}`)).toEqual(
      expect.arrayContaining([`data_import import:${job.id}`, `export import-rejects:${job.id}`]),
    );
    // The chain's own data is on the dashboard.
    const kpis = await getData<Kpis>(server.api, '/api/v1/portrait/kpis?from=2025-06-01&to=2025-06-03');
    expect(kpis.orders.value).toBe(3);
    expect(kpis.revenue.value).toBeCloseTo(30.5 + 12 + 45, 6);
  });

  it('When the data changes, Then an open live stream announces the new version', async () => {
    const start = await getData<{ dataVersion: number }>(server.api, '/api/v1/meta/filters');
    const seen = liveVersions(server.api, (v) => v.length >= 2);
    await new Promise((r) => setTimeout(r, 300));
    const res = await upload(admin, {
      'orders.csv': `${CLEAN['orders.csv'].split('\n')[0]}\nO7,C2,S2,2025-06-04 10:00,pos,dine_in,9.5,,,`,
    });
    await waitForJob(admin, res.body.data.id);
    expect(await seen).toEqual([start.dataVersion, start.dataVersion + 1]);
  });

  it('When files land in the sync folder and an admin presses sync now, Then only new or changed files import', async () => {
    const before = await getData<SyncStatus>(admin, '/api/v1/admin/sync');
    expect(before).toMatchObject({ configured: true, cron: '0 3 * * *', busy: false });
    expect(before.nextRunAt).toMatch(/T19:00:00/); // 03:00 in Shanghai
    fs.writeFileSync(
      path.join(syncDir, 'orders-2025-06-05.csv'),
      `${CLEAN['orders.csv'].split('\n')[0]}\nO8,C1,S3,2025-06-05 10:00,pos,dine_in,20,,,`,
    );
    const started = await admin.request<SyncStart>('POST', '/api/v1/admin/sync');
    expect(started.status).toBe(200);
    expect(started.body.data.job?.source).toBe('sync');
    const job = await waitForJob(admin, started.body.data.job!.id);
    expect(job.counts.orders?.inserted).toBe(1);
    const again = await admin.request<SyncStart>('POST', '/api/v1/admin/sync');
    expect(again.body.data).toEqual({ job: null, message: expect.stringMatching(/no new/) });
    const status = await getData<SyncStatus>(admin, '/api/v1/admin/sync');
    expect(status.lastJob?.id).toBe(job.id);
  });

  it('When an analyst opens the quality report, Then it counts completeness, outliers and orphans; an executive may not', async () => {
    const report = await readyQuality(server.api);
    expect(report.context).toEqual({ demo: false, imported: true });
    expect(report.overall.customers).toMatchObject({ customers: 3, withoutPhone: 2, stubs: 1 });
    expect(report.overall.orders.orders).toBe(6);
    expect(report.overall.orders.guestOrders).toBe(1);
    // O7 and O8 came without items.
    expect(report.overall.orphans.ordersWithoutItems).toBe(3);
    expect(report.imports[0]?.quality?.refresh).toBeDefined();
    expect(JSON.stringify(report)).not.toContain('13800138000');
    const executive = await server.as('executive');
    expect((await getJson(executive, '/api/v1/data-quality')).status).toBe(403);
  });

  it('When requests are wrong, Then they get 4xx with a message, never a 500', async () => {
    const json = await admin.request('POST', '/api/v1/admin/imports', { files: [] });
    expect(json.status).toBe(400);
    expect(json.body.error?.message).toMatch(/multipart/);
    const txt = await upload(admin, { 'orders.txt': 'a' });
    expect(txt.status).toBe(400);
    expect(txt.body.error?.message).toMatch(/only \.csv/);
    expect((await getJson(admin, '/api/v1/admin/imports/999999')).status).toBe(404);
    expect((await getJson(admin, '/api/v1/admin/imports/abc')).status).toBe(400);
    expect((await getJson(admin, '/api/v1/admin/imports?pageSize=100000')).status).toBe(400);
    const analyst = await server.as('analyst');
    expect((await getJson(analyst, '/api/v1/admin/imports')).status).toBe(403);
  });
});
