/**
 * The CSV export is the import contract of PRODUCT §2.2: exactly its headers, one file per entity, ISO 8601
 * instants with +08:00, decimal yuan, empty for null and guests — and every generated row is there. The CSV
 * writer's quoting also survives a real COPY.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { csvLine } from '../csv';
import { exportDemoCsv } from '../export-csv';
import { generateDemo } from '../generate';

const OPTIONS = { size: 'small', seed: 5, endDate: '2025-03-31' } as const;

/** §2.2, copied by hand on purpose: the test must fail if the export drifts from the contract. */
const CONTRACT: Record<string, string[]> = {
  'stores.csv': ['store_id', 'store_name', 'city', 'province', 'lat', 'lng', 'opened_on'],
  'products.csv': ['product_id', 'product_name', 'category', 'unit_price'],
  'customers.csv': [
    'customer_id',
    'phone',
    'member_id',
    'email',
    'name',
    'gender',
    'birth_year',
    'registered_at',
    'member_level',
    'points',
    'balance',
  ],
  'orders.csv': [
    'order_id',
    'customer_id',
    'store_id',
    'ordered_at',
    'channel',
    'order_type',
    'amount',
    'discount',
    'payment_method',
    'status',
  ],
  'order_items.csv': ['order_id', 'product_id', 'quantity', 'unit_price', 'amount'],
  'events.csv': [
    'event_id',
    'customer_id',
    'session_id',
    'event_type',
    'occurred_at',
    'store_id',
    'channel',
    'page',
    'duration_s',
  ],
  'reservations.csv': [
    'reservation_id',
    'customer_id',
    'store_id',
    'reserved_for',
    'party_size',
    'status',
    'created_at',
  ],
  'service_tickets.csv': [
    'ticket_id',
    'customer_id',
    'store_id',
    'created_at',
    'contact_type',
    'category',
    'resolution_minutes',
    'nps',
  ],
};
const FILE_OF_TABLE: Record<string, string> = Object.fromEntries(
  Object.keys(CONTRACT).map((file) => [file.replace('.csv', ''), file]),
);

/** A small RFC 4180 reader (quotes, doubled quotes, commas and newlines inside quotes). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field || record.length) records.push([...record, field]);
  return records;
}

describe('CSV export of the demo chain', () => {
  let folder: string;
  let written: Record<string, number>;
  const files: Record<string, string[][]> = {};

  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-export-'));
    written = await exportDemoCsv(OPTIONS, folder);
    for (const file of Object.keys(CONTRACT))
      files[file] = parseCsv(fs.readFileSync(path.join(folder, file), 'utf8'));
  });
  afterAll(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('writes exactly the §2.2 files with exactly their headers', () => {
    expect(fs.readdirSync(folder).sort()).toEqual(Object.keys(CONTRACT).sort());
    for (const [file, columns] of Object.entries(CONTRACT)) expect(files[file]?.[0], file).toEqual(columns);
    // UTF-8 without a BOM.
    expect(fs.readFileSync(path.join(folder, 'stores.csv')).subarray(0, 8).toString('utf8')).toBe('store_id');
  });

  it('round-trips the row counts of the generator', () => {
    const generated: Record<string, number> = {};
    for (const batch of generateDemo(OPTIONS)) {
      const file = FILE_OF_TABLE[batch.table];
      if (file) generated[file] = (generated[file] ?? 0) + batch.rows.length;
    }
    for (const file of Object.keys(CONTRACT)) {
      expect(files[file]!.length - 1, file).toBe(generated[file]);
      expect(written[file], file).toBe(generated[file]);
      for (const record of files[file]!) expect(record.length, file).toBe(CONTRACT[file]!.length);
    }
  });

  it('formats instants, money, guests and nulls as the contract says', () => {
    const orders = files['orders.csv']!.slice(1);
    const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
    const money = /^\d+\.\d{2}$/;
    for (const o of orders) {
      expect(o[3]).toMatch(instant);
      expect(o[6]).toMatch(money);
      expect(o[7]).toMatch(money);
    }
    const guests = orders.filter((o) => o[1] === '').length / orders.length;
    expect(guests).toBeGreaterThan(0.2);
    expect(guests).toBeLessThan(0.3);
    for (const e of files['events.csv']!.slice(1)) expect(e[4]).toMatch(instant);
    const customers = files['customers.csv']!.slice(1);
    for (const c of customers) expect(c[7]).toMatch(instant);
    // Non-members have no member id, level, points or balance.
    const nonMember = customers.find((c) => c[2] === '');
    expect(nonMember?.slice(8)).toEqual(['', '', '']);
    for (const p of files['products.csv']!.slice(1)) expect(p[3]).toMatch(money);
  });
});

describe('CSV quoting through a real COPY', () => {
  it('keeps quotes, commas, newlines and empty strings, and reads empty fields as null', async () => {
    const database = await openDatabase({ memory: true });
    try {
      await database.db.execute(sql`create table csv_probe (n int, s text)`);
      const values = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', '', null, '中文，全角'];
      await database.copyCsv('csv_probe', ['n', 's'], values.map((v, i) => csvLine([i, v])).join(''));
      const rows = await queryRows<{ n: number; s: string | null }>(
        database.db,
        sql`select n, s from csv_probe order by n`,
      );
      expect(rows.map((r) => r.s)).toEqual(values);
    } finally {
      await database.close();
    }
  });
});
