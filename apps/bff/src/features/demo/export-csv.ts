/**
 * Writes the demo chain as import files (PRODUCT §2.2): one UTF-8 CSV per entity with a header row of exactly
 * the contract's column names, ISO 8601 timestamps with +08:00, decimal yuan, empty for null or guest. Streams
 * batch by batch, so the large size never sits in memory. Cities have no file of their own: a store row
 * carries its city and province.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { type CsvValue, csvLine, yuan } from './csv';
import { generateDemo } from './generate';
import { formatInstant } from './time';
import type { DemoOptions, DemoRows, DemoTable } from './types';

type ExportTable = Exclude<DemoTable, 'cities'>;
type ExportFile<T extends ExportTable> = {
  file: string;
  columns: readonly string[];
  values: (row: DemoRows[T]) => CsvValue[];
};

const money = (fen: number | null) => (fen === null ? null : yuan(fen));

export const EXPORT_FILES: { [T in ExportTable]: ExportFile<T> } = {
  stores: {
    file: 'stores.csv',
    columns: ['store_id', 'store_name', 'city', 'province', 'lat', 'lng', 'opened_on'],
    values: (r) => [r.id, r.name, r.city, r.province, r.lat, r.lng, r.openedOn],
  },
  products: {
    file: 'products.csv',
    columns: ['product_id', 'product_name', 'category', 'unit_price'],
    values: (r) => [r.id, r.name, r.category, yuan(r.unitPriceFen)],
  },
  customers: {
    file: 'customers.csv',
    columns: [
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
    values: (r) => [
      r.id,
      r.phone,
      r.memberId,
      r.email,
      r.name,
      r.gender,
      r.birthYear,
      formatInstant(r.registeredAt),
      r.memberLevel,
      r.points,
      money(r.balanceFen),
    ],
  },
  orders: {
    file: 'orders.csv',
    columns: [
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
    values: (r) => [
      r.id,
      r.customerId,
      r.storeId,
      formatInstant(r.orderedAt),
      r.channel,
      r.orderType,
      yuan(r.amountFen),
      yuan(r.discountFen),
      r.paymentMethod,
      r.status,
    ],
  },
  order_items: {
    file: 'order_items.csv',
    columns: ['order_id', 'product_id', 'quantity', 'unit_price', 'amount'],
    values: (r) => [r.orderId, r.productId, r.quantity, yuan(r.unitPriceFen), yuan(r.amountFen)],
  },
  events: {
    file: 'events.csv',
    columns: [
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
    values: (r) => [
      r.id,
      r.customerId,
      r.sessionId,
      r.eventType,
      formatInstant(r.occurredAt),
      r.storeId,
      r.channel,
      r.page,
      r.durationS,
    ],
  },
  reservations: {
    file: 'reservations.csv',
    columns: [
      'reservation_id',
      'customer_id',
      'store_id',
      'reserved_for',
      'party_size',
      'status',
      'created_at',
    ],
    values: (r) => [
      r.id,
      r.customerId,
      r.storeId,
      formatInstant(r.reservedFor),
      r.partySize,
      r.status,
      formatInstant(r.createdAt),
    ],
  },
  service_tickets: {
    file: 'service_tickets.csv',
    columns: [
      'ticket_id',
      'customer_id',
      'store_id',
      'created_at',
      'contact_type',
      'category',
      'resolution_minutes',
      'nps',
    ],
    values: (r) => [
      r.id,
      r.customerId,
      r.storeId,
      formatInstant(r.createdAt),
      r.contactType,
      r.category,
      r.resolutionMinutes,
      r.nps,
    ],
  },
};

const EXPORT_TABLES = Object.keys(EXPORT_FILES) as ExportTable[];

/** Writes every import file into `folder` (created if missing); returns the data rows written per file. */
export async function exportDemoCsv(options: DemoOptions, folder: string): Promise<Record<string, number>> {
  fs.mkdirSync(folder, { recursive: true });
  const streams = new Map<ExportTable, fs.WriteStream>();
  const counts: Record<string, number> = {};
  for (const table of EXPORT_TABLES) {
    const spec = EXPORT_FILES[table];
    const stream = fs.createWriteStream(path.join(folder, spec.file), { encoding: 'utf8' });
    stream.write(csvLine(spec.columns));
    streams.set(table, stream);
    counts[spec.file] = 0;
  }
  try {
    for (const batch of generateDemo(options)) {
      if (batch.table === 'cities') continue;
      const spec = EXPORT_FILES[batch.table] as ExportFile<ExportTable>;
      let chunk = '';
      for (const row of batch.rows) chunk += csvLine(spec.values(row as DemoRows[ExportTable]));
      const stream = streams.get(batch.table) as fs.WriteStream;
      // Respect back-pressure: never buffer more than one batch per file.
      if (!stream.write(chunk)) await once(stream, 'drain');
      counts[spec.file] = (counts[spec.file] ?? 0) + batch.rows.length;
    }
  } finally {
    await Promise.all(
      [...streams.values()].map((s) => {
        s.end();
        return finished(s);
      }),
    );
  }
  return counts;
}
