/**
 * An import that commits makes the models refit at once (`models.dataChanged()` from the import service), not
 * at the next poll: with the poll an hour away, an uploaded order still leads to a new model run for the new
 * data version, whose predictions include it.
 */
import type { ImportJob } from '@portrait/shared/imports';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getData, startTestServer, type Client, type TestServer } from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database } from '../../../db/client';
import { getDataVersion } from '../../../db/queries/data-meta';
import { queryRows } from '../../../db/sql';
import { loadDemo } from '../../demo/load-demo';

async function upload(client: Client, name: string, text: string): Promise<ImportJob> {
  const form = new FormData();
  form.append('files', new Blob([text]), name);
  const res = await fetch(`${client.baseUrl}/api/v1/admin/imports`, {
    method: 'POST',
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf },
    body: form,
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: ImportJob }).data;
}

type Run = { id: number; data_version: number; status: string; as_of_day: string | null };

describe.each(databaseKinds())('Models refit after an import (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let server: TestServer;
  let admin: Client;

  const runs = () =>
    queryRows<Run>(
      database.db,
      sql`select id, data_version, status, as_of_day::text as as_of_day from model_runs order by id`,
    );

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 11, endDate: '2025-06-30' });
    server = await startTestServer(database, {}, { models: { pollMs: 3_600_000 } });
    admin = await server.as('admin');
    await server.models.idle();
  });
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  it('When an upload of one new order commits, Then a new model run fits the new data without waiting for the poll', async () => {
    const before = await runs();
    expect(before.map((r) => r.status)).toEqual(['ready']);
    const picked = await queryRows<{ customer_id: string; store_id: string }>(
      database.db,
      sql`select customer_id, store_id from orders where status = 'completed' and customer_id is not null
          order by id limit 1`,
    );
    const c = picked[0];
    if (!c) throw new Error('no order');
    const job = await upload(
      admin,
      'orders.csv',
      `order_id,customer_id,store_id,ordered_at,channel,amount\nNEW-1,${c.customer_id},${c.store_id},2025-07-01 12:30,pos,42.5\n`,
    );
    let done = job;
    for (let i = 0; i < 600 && ['queued', 'running'].includes(done.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      done = await getData<ImportJob>(admin, `/api/v1/admin/imports/${job.id}`);
    }
    expect(done.status).toBe('succeeded');
    const version = await getDataVersion(database.db);

    // No model endpoint is asked (it would nudge a refit too): only the import may have started this one.
    let after = await runs();
    for (let i = 0; i < 1200 && !after.some((r) => r.data_version === version && r.status === 'ready'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await runs();
    }
    const fresh = after.find((r) => r.data_version === version && r.status === 'ready');
    expect(fresh?.id).toBeGreaterThan(before[0]?.id ?? Infinity);
    expect(fresh?.as_of_day).toBe('2025-07-01');
    const p = await queryRows<{ last_day: string }>(
      database.db,
      sql`select last_day::text as last_day from customer_predictions
          where run_id = ${fresh?.id ?? 0} and customer_id = ${c.customer_id}`,
    );
    expect(p[0]?.last_day).toBe('2025-07-01');
  });
});
