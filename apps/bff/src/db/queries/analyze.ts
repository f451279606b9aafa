/**
 * Planner statistics after a big change. ANALYZE of one table runs on one connection (one core); the tables are
 * independent, so on PostgreSQL they are spread over ANALYZE_CONNECTIONS pooled connections, largest first —
 * after an import commits, the importing process is idle and a second core is free. PGlite has one connection:
 * one after another there.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { queryRows } from '../sql';

export const ANALYZE_CONNECTIONS = 2;

export async function analyzeTables(database: Database, tables: readonly string[]): Promise<void> {
  if (tables.length === 0) return;
  if (database.kind === 'pglite') {
    await database.db.execute(sql.raw(`analyze ${tables.join(', ')}`));
    return;
  }
  // Largest first, so that the long ones start at once and the short ones fill in around them.
  const sizes = await queryRows<{ name: string; bytes: string }>(
    database.db,
    sql`select t.name, pg_total_relation_size(to_regclass(t.name)) as bytes
        from unnest(${sql.raw(`array[${tables.map((t) => `'${t}'`).join(', ')}]`)}::text[]) as t(name)`,
  );
  const queue = sizes.sort((a, b) => Number(b.bytes) - Number(a.bytes)).map((r) => r.name);
  await Promise.all(
    Array.from({ length: Math.min(ANALYZE_CONNECTIONS, queue.length) }, async () => {
      // Each execute takes a connection of the pool: the workers run side by side.
      for (let table = queue.shift(); table; table = queue.shift())
        await database.db.execute(sql.raw(`analyze ${table}`));
    }),
  );
}
