/**
 * The generator without a database: deterministic (same seed → the same bytes, whatever the batch size; another
 * seed → other data), streaming (bounded batches, parents before children), and the CSV writer quotes right.
 */
import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { csvField, csvLine, yuan } from '../csv';
import { batchToDbCsv } from '../db-columns';
import { generateDemo } from '../generate';
import { DEMO_TABLES, type DemoOptions, type DemoTable } from '../types';

const END = '2025-06-30';

/** One digest per table over the exact text that would be COPYed. */
function digests(options: DemoOptions): Record<string, string> {
  const hashes = new Map<DemoTable, ReturnType<typeof createHash>>();
  for (const batch of generateDemo(options)) {
    const hash = hashes.get(batch.table) ?? createHash('sha256');
    hash.update(batchToDbCsv(batch));
    hashes.set(batch.table, hash);
  }
  return Object.fromEntries([...hashes].map(([table, hash]) => [table, hash.digest('hex')]));
}

describe('demo generator', () => {
  it('is deterministic: the same seed gives byte-identical data, independent of the batch size', () => {
    const a = digests({ size: 'small', seed: 42, endDate: END });
    const b = digests({ size: 'small', seed: 42, endDate: END });
    const c = digests({ size: 'small', seed: 42, endDate: END, batchRows: 4_000 });
    expect(Object.keys(a).sort()).toEqual([...DEMO_TABLES].sort());
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it('gives different data for a different seed or end date', () => {
    const a = digests({ size: 'small', seed: 42, endDate: END });
    const other = digests({ size: 'small', seed: 43, endDate: END });
    for (const table of ['customers', 'orders', 'order_items', 'events'] as const)
      expect(other[table]).not.toBe(a[table]);
    // The world (cities, menu) is fixed; the chain's stores depend on the seed.
    expect(other.products).toBe(a.products);
    expect(other.stores).not.toBe(a.stores);
    const later = digests({ size: 'small', seed: 42, endDate: '2025-07-31' });
    expect(later.orders).not.toBe(a.orders);
  });

  it('streams in bounded batches, customers and orders before their children', () => {
    const batchRows = 5_000;
    const seenOrders = new Set<string>();
    let customersSeen = 0;
    let batches = 0;
    for (const batch of generateDemo({ size: 'small', seed: 1, endDate: END, batchRows })) {
      batches++;
      // Orders stop at a customer boundary, items follow their orders (≤ 4 lines each).
      if (batch.table === 'orders') {
        expect(batch.rows.length).toBeLessThan(batchRows + 500);
        for (const o of batch.rows) seenOrders.add(o.id);
      }
      if (batch.table === 'order_items')
        for (const i of batch.rows) expect(seenOrders.has(i.orderId)).toBe(true);
      if (batch.table === 'customers') customersSeen += batch.rows.length;
      if (batch.table === 'orders' && batch.rows.some((o) => o.customerId !== null))
        expect(customersSeen).toBeGreaterThan(0);
    }
    expect(batches).toBeGreaterThan(10);
  });

  it('streams the large size in bounded memory', () => {
    // A slice of the 10M-order chain: memory must not grow with the rows already produced. A forced GC before
    // each reading makes the heap figures about live data, not garbage.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const liveHeap = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const gen = generateDemo({ size: 'large', seed: 7, endDate: END });
    let orders = 0;
    let maxBatch = 0;
    const readings: number[] = [];
    for (const batch of gen) {
      maxBatch = Math.max(maxBatch, batch.rows.length);
      if (batch.table !== 'orders') continue;
      orders += batch.rows.length;
      if (orders >= 60_000 && readings.length === 0) readings.push(liveHeap());
      if (orders >= 400_000) {
        readings.push(liveHeap());
        break;
      }
    }
    gen.return(undefined);
    expect(orders).toBeGreaterThanOrEqual(400_000);
    expect(maxBatch).toBeLessThan(120_000);
    // Had the 340k orders (with their items and events) been kept, the heap would have grown by ~200 MB.
    const [early, late] = readings as [number, number];
    expect(late - early).toBeLessThan(30 * 1024 * 1024);
  });
});

describe('CSV writing', () => {
  it('quotes only what needs quoting and keeps null apart from the empty string', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField('')).toBe('""');
    expect(csvField('plain 文本')).toBe('plain 文本');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvLine(['x', null, 3, 'y,z'])).toBe('x,,3,"y,z"\n');
  });

  it('prints fen as decimal yuan', () => {
    expect(yuan(0)).toBe('0.00');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(1234)).toBe('12.34');
    expect(yuan(8900)).toBe('89.00');
    expect(yuan(-150)).toBe('-1.50');
  });
});
