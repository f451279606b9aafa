/**
 * `tsx bench/segment-list-bench.ts <server url> <postgres url> [--repeat n] [--user u --password p]`: an RFM
 * segment's customer list over HTTP from a running server (answered from its in-memory columns once they hold
 * the data version) versus the SQL (`segmentCustomers`) on a read-only session of the same database, alternated,
 * checking both give the same page. Scopes: the chain over 30 and 365 days to the data's last day, the city with
 * most stores and one store over 30 days; the first page of 20 and page 50. `--export`: instead, the CSV export
 * of the chain's 30 and 365 days (every row; the same row count and ids in the same order as the SQL).
 */
import { isDeepStrictEqual } from 'node:util';
import type { SegmentCustomersPage } from '@portrait/shared/customers';
import { addDays } from '@portrait/shared/dates';
import { SEGMENT_FLAGS, type SegmentKey } from '@portrait/shared/segments';
import { sql } from 'drizzle-orm';
import { openReadReplica } from '../src/db/client';
import type { StoreFilter } from '../src/db/queries/scope-sql';
import { segmentCustomers } from '../src/db/queries/segment-customers';
import { queryRows } from '../src/db/sql';
import { round2 } from '../src/features/portrait/kpis';
import { createReport, signIn, timedGet } from './bench-http';

const args = process.argv.slice(2).filter((a) => a !== '--');
const [server, url] = args;
if (!server?.startsWith('http') || !url?.startsWith('postgres'))
  throw new Error('usage: tsx bench/segment-list-bench.ts <server url> <postgres url> [--repeat n]');
const opt = (name: string, fallback: string) =>
  args.includes(name) ? (args[args.indexOf(name) + 1] ?? fallback) : fallback;
const repeat = Number(opt('--repeat', '3'));
// Every statement of this session is read-only: the bench cannot write to the database it measures.
const readOnly = `${url}${url.includes('?') ? '&' : '?'}options=-c%20default_transaction_read_only%3Don`;

const { db, close } = await openReadReplica(readOnly);
const cookie = await signIn(server, opt('--user', 'admin'), opt('--password', 'demo1234'));
const [last] = await queryRows<{ day: string }>(
  db,
  sql`select max(day)::text as day from customer_store_days`,
);
const to = last!.day;
const [city] = await queryRows<{ city: string; ids: string[] }>(
  db,
  sql`select city, array_agg(id order by id) as ids from stores group by city order by count(*) desc, city limit 1`,
);
const [store] = await queryRows<{ id: string }>(db, sql`select id from stores order by id limit 1`);

type Case = {
  label: string;
  days: number;
  query: string;
  stores: StoreFilter;
  key: SegmentKey;
  page: number;
};
const cases: Case[] = [];
for (const key of ['important_value', 'general_winback'] as const)
  for (const page of [1, 50]) {
    cases.push({ label: `chain 30d ${key} p${page}`, days: 30, query: '', stores: null, key, page });
    cases.push({ label: `chain 365d ${key} p${page}`, days: 365, query: '', stores: null, key, page });
  }
cases.push({
  label: `city ${city!.city} 30d important_value p1`,
  days: 30,
  query: `&city=${encodeURIComponent(city!.city)}`,
  stores: city!.ids,
  key: 'important_value',
  page: 1,
});
cases.push({
  label: `store ${store!.id} 30d important_value p1`,
  days: 30,
  query: `&store=${encodeURIComponent(store!.id)}`,
  stores: [store!.id],
  key: 'important_value',
  page: 1,
});

const report = createReport();
if (args.includes('--export'))
  for (let r = 0; r < repeat; r++)
    for (const days of [30, 365])
      for (const key of ['important_value', 'general_winback'] as const) {
        const from = addDays(to, -(days - 1));
        const label = `chain ${days}d ${key} export`;
        const csv = await timedGet(
          `${server}/api/v1/portrait/segments/${key}/customers.csv?from=${from}&to=${to}&lang=en`,
          cookie,
        );
        report.add(`${label} columns (HTTP)`, csv.ms);
        const began = performance.now();
        const bySql = await segmentCustomers(db, { from, to }, null, SEGMENT_FLAGS[key], {
          limit: null,
          offset: 0,
        });
        report.add(`${label} SQL`, performance.now() - began);
        const ids = csv.body
          .trim()
          .split(/\r?\n/)
          .slice(1)
          .map((line) => line.split(',')[0]);
        if (
          !isDeepStrictEqual(
            ids,
            bySql.rows.map((x) => x.customerId),
          )
        )
          throw new Error(`${label}: the export differs from the SQL`);
      }
else
  for (let r = 0; r < repeat; r++)
    for (const c of cases) {
      const from = addDays(to, -(c.days - 1));
      const path = `/api/v1/portrait/segments/${c.key}/customers?from=${from}&to=${to}${c.query}&page=${c.page}&pageSize=20`;
      const http = await timedGet(`${server}${path}`, cookie);
      report.add(`${c.label} columns (HTTP)`, http.ms);
      const began = performance.now();
      const bySql = await segmentCustomers(db, { from, to }, c.stores, SEGMENT_FLAGS[c.key], {
        limit: 20,
        offset: (c.page - 1) * 20,
      });
      report.add(`${c.label} SQL`, performance.now() - began);
      const answer = (JSON.parse(http.body) as { data: SegmentCustomersPage }).data;
      const expected = {
        total: bySql.total,
        customers: bySql.rows.map((x) => ({ ...x, revenue: round2(x.revenue) })),
      };
      if (!isDeepStrictEqual({ total: answer.total, customers: answer.customers }, expected))
        throw new Error(`${c.label}: the HTTP answer differs from the SQL`);
    }
report.print(`segment lists, ${repeat} rounds, columns (HTTP) and SQL alternated, every page identical`);
await close();
