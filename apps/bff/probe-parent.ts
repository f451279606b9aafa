import { spawn } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { openDatabase } from './src/db/client';
const dir = '/tmp/probe-pg-' + Date.now();
const child = spawn('npx', ['tsx', 'probe-child.ts', dir], { stdio: ['ignore', 'pipe', 'inherit'], detached: false });
await new Promise<void>((res) => child.stdout.on('data', (b) => { process.stdout.write('child: ' + b); if (String(b).includes('in-tx')) res(); }));
// kill the whole tree: npx -> tsx -> node
process.kill(child.pid!, 'SIGKILL');
await new Promise((r) => setTimeout(r, 1500));
const t0 = Date.now();
const d = await openDatabase({ dataDir: dir });
const r = (await d.db.execute(sql`select count(*) from t`)) as any;
console.log('after kill count', r.rows[0], Date.now() - t0, 'ms');
await d.close();
