/**
 * Child process of `columns-worker.test.ts`: starts the customer columns' load (PostgreSQL: on a worker thread),
 * waits until the worker's connection is blocked mid-load (the test holds a lock on a table it reads), stops the
 * service, prints what it saw and returns — no process.exit: the process must end by itself, which it cannot while
 * a worker thread or a connection is left running.
 */
import { sql } from 'drizzle-orm';
import { openReadReplica } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { createLogger } from '../../../lib/logger';
import { createCustomerColumns } from '../customer-columns-service';

const replica = await openReadReplica(process.argv[2] ?? '');
const columns = createCustomerColumns({ db: replica.db, logger: createLogger('silent'), enabled: true });
const loading = columns.load();
let blocked = false;
for (let i = 0; i < 600 && !blocked; i++) {
  const rows = await queryRows<{ n: number }>(
    replica.db,
    sql`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and application_name = 'portrait customer columns'
          and wait_event_type = 'Lock'`,
  );
  blocked = (rows[0]?.n ?? 0) > 0;
  if (!blocked) await new Promise((resolve) => setTimeout(resolve, 100));
}
const began = performance.now();
await columns.stop();
await loading;
const stopMs = Math.round(performance.now() - began);
await replica.close();
console.log(JSON.stringify({ blocked, stopMs, status: columns.status() }));
