/**
 * `DATABASE_URL=… tsx bench/mask-bench.ts <module> [rounds]`: the overview's customer pass, hourly and channel
 * queries of the current code against the same functions in `<module>` (the code before a change, e.g. the
 * portrait.ts of an older commit saved next to the current one, `src/db/queries/portrait-before.tmp.ts`), called
 * directly on the database, old and new alternating, for the chain-wide 90 and 365 days and one store's 365 days ending
 * on the data's last day. Checks the answers are identical; prints ms per call and `uptime`.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { addDays } from '@portrait/shared/dates';
import { openDatabase, type Db } from '../src/db/client';
import { sql } from 'drizzle-orm';
import { getDataSpan } from '../src/db/queries/meta';
import { customerFigures, type CustomerFigures, type Period } from '../src/db/queries/portrait';
import { channelMix, hourlyFigures } from '../src/db/queries/portrait-mix';
import type { StoreFilter } from '../src/db/queries/scope-sql';
import { queryRows } from '../src/db/sql';

type OldModule = {
  customerFigures: (
    db: Db,
    p: Period,
    s: StoreFilter,
  ) => Promise<Omit<CustomerFigures, 'hourCustomers' | 'mixCustomers'>>;
  hourlyFigures: (db: Db, p: Period, s: StoreFilter) => Promise<unknown[]>;
  channelMix: (db: Db, p: Period, s: StoreFilter) => Promise<unknown>;
};

const [modulePath, roundsArg] = process.argv.slice(2).filter((a) => a !== '--');
if (!modulePath || !process.env.DATABASE_URL) {
  console.error('usage: DATABASE_URL=… tsx bench/mask-bench.ts <old portrait module> [rounds]');
  process.exit(2);
}
const old = (await import(path.resolve(modulePath))) as OldModule;
const rounds = Number(roundsArg ?? 3);
const database = await openDatabase({ url: process.env.DATABASE_URL });
const db = database.db;
const { lastDay } = await getDataSpan(db);
if (!lastDay) throw new Error('no data');
const [store] = await queryRows<{ id: string }>(db, sql`select min(id) as id from stores`);
const scopes: [string, Period, StoreFilter][] = [
  ['chain 90 d', { from: addDays(lastDay, -89), to: lastDay }, null],
  ['chain 365 d', { from: addDays(lastDay, -364), to: lastDay }, null],
  [`store ${store!.id} 365 d`, { from: addDays(lastDay, -364), to: lastDay }, [store!.id]],
];

const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();
async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const began = performance.now();
  const result = await f();
  return [result, performance.now() - began];
}
const byHour = (rows: unknown[]) => [...(rows as { hour: number }[])].sort((a, b) => a.hour - b.hour);
const cellsOf = (f: { cells: CustomerFigures['cells'] }) =>
  [...f.cells].sort(
    (a, b) =>
      Number(a.recent) - Number(b.recent) ||
      Number(a.frequent) - Number(b.frequent) ||
      Number(a.valuable) - Number(b.valuable),
  );

type Times = Record<string, number[]>;
const times: Record<string, Times> = {};
const add = (label: string, key: string, ms: number) => {
  const t = (times[label] ??= {});
  (t[key] ??= []).push(Math.round(ms));
};

async function runOld(label: string, p: Period, stores: StoreFilter) {
  const [figures, a] = await timed(() => old.customerFigures(db, p, stores));
  const [hourly, b] = await timed(() => old.hourlyFigures(db, p, stores));
  const [channels, c] = await timed(() => old.channelMix(db, p, stores));
  add(label, 'old customerFigures', a);
  add(label, 'old hourlyFigures', b);
  add(label, 'old channelMix', c);
  return { figures, hourly, channels };
}

async function runNew(label: string, p: Period, stores: StoreFilter) {
  const [figures, a] = await timed(() => customerFigures(db, p, stores));
  const pass = () => Promise.resolve(figures);
  const [hourly, b] = await timed(() => hourlyFigures(db, p, stores, pass));
  const [channels, c] = await timed(() => channelMix(db, p, stores, pass));
  add(label, 'new customerFigures (+ masks)', a);
  add(label, 'new hourlyFigures (pass shared)', b);
  add(label, 'new channelMix (pass shared)', c);
  return { figures, hourly, channels };
}

console.log(`${database.kind}, last day ${lastDay}; before: ${uptime()}`);
for (let round = 0; round < rounds; round++) {
  for (const [label, p, stores] of scopes) {
    const order = round % 2 === 0 ? [runOld, runNew] : [runNew, runOld];
    const [first, second] = [await order[0]!(label, p, stores), await order[1]!(label, p, stores)];
    const [o, n] = round % 2 === 0 ? [first, second] : [second, first];
    const same =
      isDeepStrictEqual(o.figures.totals, n.figures.totals) &&
      isDeepStrictEqual(cellsOf(o.figures), cellsOf(n.figures)) &&
      isDeepStrictEqual(byHour(o.hourly), byHour(n.hourly)) &&
      isDeepStrictEqual(o.channels, n.channels);
    if (!same) throw new Error(`answers differ: ${label} round ${round + 1}`);
    console.log(`round ${round + 1} ${label}: identical; ${uptime()}`);
  }
}
for (const [label, t] of Object.entries(times)) {
  console.log(`\n${label} (ms per round)`);
  for (const [key, ms] of Object.entries(t)) console.log(`  ${key.padEnd(34)} ${ms.join(' / ')}`);
  const sum = (keys: string[]) =>
    keys.map((k) => t[k]!.reduce((x, y) => x + y, 0) / t[k]!.length).reduce((x, y) => x + y, 0);
  const before = sum(['old customerFigures', 'old hourlyFigures', 'old channelMix']);
  const after = sum([
    'new customerFigures (+ masks)',
    'new hourlyFigures (pass shared)',
    'new channelMix (pass shared)',
  ]);
  console.log(
    `  all three, mean: old ${before.toFixed(0)} ms, new ${after.toFixed(0)} ms, old ÷ new ${(before / after).toFixed(1)}×`,
  );
}
console.log(`\nafter: ${uptime()}`);
await database.close();
