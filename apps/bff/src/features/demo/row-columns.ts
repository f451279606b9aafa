/**
 * The one map from a generated row to its values, with both names of every value: the database column
 * (snake_case of `db/schema.ts`) and the import-file header (PRODUCT §2.2). A `null` name means the value is
 * not part of that target: the database derives `day`/`hour`/`line_no`, an import file does not carry them, and
 * a store row in the file carries its province, which the database keeps on the city. Cities have no file.
 * `db-columns.ts` (COPY) and `export-csv.ts` (import files) project this map onto their target.
 */
import { type CsvValue, yuan } from './csv';
import { formatInstant, localDay, localHour } from './time';
import type { DemoRows, DemoTable } from './types';

/** `[database column, CSV header]`, in the order `values` emits. */
export type ColumnNames = readonly [db: string | null, csv: string | null];

export type RowColumns<T extends DemoTable> = {
  /** The import file, or null when the table has none. */
  file: string | null;
  columns: readonly ColumnNames[];
  values: (row: DemoRows[T]) => CsvValue[];
};

const money = (fen: number | null) => (fen === null ? null : yuan(fen));

export const ROW_COLUMNS: { [T in DemoTable]: RowColumns<T> } = {
  cities: {
    file: null,
    columns: [
      ['name', null],
      ['province', null],
      ['lat', null],
      ['lng', null],
      ['tier', null],
    ],
    values: (r) => [r.name, r.province, r.lat, r.lng, r.tier],
  },
  stores: {
    file: 'stores.csv',
    columns: [
      ['id', 'store_id'],
      ['name', 'store_name'],
      ['city', 'city'],
      [null, 'province'],
      ['lat', 'lat'],
      ['lng', 'lng'],
      ['opened_on', 'opened_on'],
    ],
    values: (r) => [r.id, r.name, r.city, r.province, r.lat, r.lng, r.openedOn],
  },
  products: {
    file: 'products.csv',
    columns: [
      ['id', 'product_id'],
      ['name', 'product_name'],
      ['category', 'category'],
      ['unit_price', 'unit_price'],
    ],
    values: (r) => [r.id, r.name, r.category, yuan(r.unitPriceFen)],
  },
  customers: {
    file: 'customers.csv',
    columns: [
      ['id', 'customer_id'],
      ['phone', 'phone'],
      ['member_id', 'member_id'],
      ['email', 'email'],
      ['name', 'name'],
      ['gender', 'gender'],
      ['birth_year', 'birth_year'],
      ['registered_at', 'registered_at'],
      ['member_level', 'member_level'],
      ['points', 'points'],
      ['balance', 'balance'],
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
      ['id', 'order_id'],
      ['customer_id', 'customer_id'],
      ['store_id', 'store_id'],
      ['ordered_at', 'ordered_at'],
      ['day', null],
      ['hour', null],
      ['channel', 'channel'],
      ['order_type', 'order_type'],
      ['amount', 'amount'],
      ['discount', 'discount'],
      ['payment_method', 'payment_method'],
      ['status', 'status'],
    ],
    values: (r) => [
      r.id,
      r.customerId,
      r.storeId,
      formatInstant(r.orderedAt),
      localDay(r.orderedAt),
      localHour(r.orderedAt),
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
    columns: [
      ['order_id', 'order_id'],
      ['line_no', null],
      ['product_id', 'product_id'],
      ['quantity', 'quantity'],
      ['unit_price', 'unit_price'],
      ['amount', 'amount'],
    ],
    values: (r) => [r.orderId, r.lineNo, r.productId, r.quantity, yuan(r.unitPriceFen), yuan(r.amountFen)],
  },
  events: {
    file: 'events.csv',
    columns: [
      ['id', 'event_id'],
      ['customer_id', 'customer_id'],
      ['session_id', 'session_id'],
      ['event_type', 'event_type'],
      ['occurred_at', 'occurred_at'],
      ['day', null],
      ['store_id', 'store_id'],
      ['channel', 'channel'],
      ['page', 'page'],
      ['duration_s', 'duration_s'],
    ],
    values: (r) => [
      r.id,
      r.customerId,
      r.sessionId,
      r.eventType,
      formatInstant(r.occurredAt),
      localDay(r.occurredAt),
      r.storeId,
      r.channel,
      r.page,
      r.durationS,
    ],
  },
  reservations: {
    file: 'reservations.csv',
    columns: [
      ['id', 'reservation_id'],
      ['customer_id', 'customer_id'],
      ['store_id', 'store_id'],
      ['reserved_for', 'reserved_for'],
      ['party_size', 'party_size'],
      ['status', 'status'],
      ['created_at', 'created_at'],
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
      ['id', 'ticket_id'],
      ['customer_id', 'customer_id'],
      ['store_id', 'store_id'],
      ['created_at', 'created_at'],
      ['contact_type', 'contact_type'],
      ['category', 'category'],
      ['resolution_minutes', 'resolution_minutes'],
      ['nps', 'nps'],
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

/** One target's view of a table: its column names and the row's values in that order. */
export type Projection<T extends DemoTable> = {
  columns: readonly string[];
  values: (row: DemoRows[T]) => CsvValue[];
};

/**
 * The columns one target has, and a `values` that emits only those. When the target has every column (the
 * database for the large tables) the map's own `values` is used as is, so the hot COPY path picks nothing.
 */
export function project<T extends DemoTable>(spec: RowColumns<T>, target: 'db' | 'csv'): Projection<T> {
  const side = target === 'db' ? 0 : 1;
  const keep: number[] = [];
  const columns: string[] = [];
  spec.columns.forEach((names, i) => {
    const name = names[side];
    if (name === null) return;
    keep.push(i);
    columns.push(name);
  });
  if (keep.length === spec.columns.length) return { columns, values: spec.values };
  return {
    columns,
    values: (row) => {
      const all = spec.values(row);
      const out: CsvValue[] = new Array(keep.length);
      for (let i = 0; i < keep.length; i++) out[i] = all[keep[i] as number];
      return out;
    },
  };
}

/** Every table's projection onto one target; the tables without an import file are left out for `csv`. */
export function projectAll(
  target: 'db' | 'csv',
): Partial<{ [T in DemoTable]: Projection<T> & { file: string | null } }> {
  const out: Partial<Record<DemoTable, Projection<DemoTable> & { file: string | null }>> = {};
  for (const table of Object.keys(ROW_COLUMNS) as DemoTable[]) {
    const spec = ROW_COLUMNS[table] as RowColumns<DemoTable>;
    if (target === 'csv' && spec.file === null) continue;
    out[table] = { file: spec.file, ...project(spec, target) };
  }
  return out as Partial<{ [T in DemoTable]: Projection<T> & { file: string | null } }>;
}
