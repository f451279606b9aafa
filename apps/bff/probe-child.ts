import { sql } from 'drizzle-orm';
import { openDatabase } from './src/db/client';
const d = await openDatabase({ dataDir: process.argv[2]! });
await d.db.execute(sql`create table if not exists t (x int)`);
await d.db.execute(sql`insert into t select generate_series(1, 1000)`);
console.log('committed');
await d.db.transaction(async (tx) => {
  await tx.execute(sql`insert into t select generate_series(1, 100000)`);
  console.log('in-tx');
  await new Promise((r) => setTimeout(r, 60000));
});
