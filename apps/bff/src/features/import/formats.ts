/**
 * The import format (PRODUCT §2.2) as data: for each entity its file name, its columns (required or not, with
 * their type) and the staging table they go to. Validation, staging and the merge are all driven by this table.
 */

export const ENTITIES = [
  'stores',
  'products',
  'customers',
  'orders',
  'order_items',
  'events',
  'reservations',
  'service_tickets',
] as const;
export type Entity = (typeof ENTITIES)[number];

/**
 * Value types. `instant` is an ISO 8601 date-time (no offset = Asia/Shanghai); `instant_or_day` also takes a
 * bare date (midnight); `id` and `text` are trimmed strings, empty = missing.
 */
export type ColumnType =
  | 'id'
  | 'text'
  | 'int'
  | 'decimal'
  | 'lat'
  | 'lng'
  | 'day'
  | 'instant'
  | 'instant_or_day'
  | 'order_type'
  | 'order_status';

export type ColumnSpec = {
  /** The header name in the file. */
  name: string;
  /** The database column (snake_case) in the staging and target tables. */
  db: string;
  type: ColumnType;
  required?: boolean;
  /** Inclusive bounds for numbers. */
  min?: number;
  max?: number;
  /** Used when the cell is empty (and for a new row when the column is absent). */
  defaultValue?: string;
  /** Staged but not a column of the target table (a store's province goes to its city). */
  stageOnly?: boolean;
};

export type EntitySpec = {
  entity: Entity;
  file: string;
  /** Target source table and staging table. */
  table: string;
  stage: string;
  columns: readonly ColumnSpec[];
  /**
   * Columns computed from others, appended to the staging row: orders and events carry the Asia/Shanghai
   * `day` (and `hour`) of their timestamp.
   */
  derived?: readonly ('day' | 'hour')[];
  /** Which column holds the timestamp the derived columns come from. */
  derivedFrom?: string;
};

const id = (name: string, db = 'id', required = true): ColumnSpec => ({ name, db, type: 'id', required });
const text = (name: string, db = name, required = false): ColumnSpec => ({
  name,
  db,
  type: 'text',
  required,
});

export const ENTITY_SPECS: Record<Entity, EntitySpec> = {
  stores: {
    entity: 'stores',
    file: 'stores.csv',
    table: 'stores',
    stage: 'import_stage_stores',
    columns: [
      id('store_id'),
      text('store_name', 'name', true),
      text('city', 'city', true),
      { name: 'province', db: 'province', type: 'text', stageOnly: true },
      { name: 'lat', db: 'lat', type: 'lat' },
      { name: 'lng', db: 'lng', type: 'lng' },
      { name: 'opened_on', db: 'opened_on', type: 'day' },
    ],
  },
  products: {
    entity: 'products',
    file: 'products.csv',
    table: 'products',
    stage: 'import_stage_products',
    columns: [
      id('product_id'),
      text('product_name', 'name', true),
      text('category', 'category', true),
      { name: 'unit_price', db: 'unit_price', type: 'decimal', min: 0 },
    ],
  },
  customers: {
    entity: 'customers',
    file: 'customers.csv',
    table: 'customers',
    stage: 'import_stage_customers',
    columns: [
      id('customer_id'),
      text('phone'),
      text('member_id'),
      text('email'),
      text('name'),
      text('gender'),
      { name: 'birth_year', db: 'birth_year', type: 'int', min: 1900, max: 2100 },
      { name: 'registered_at', db: 'registered_at', type: 'instant_or_day' },
      text('member_level'),
      { name: 'points', db: 'points', type: 'int', min: -2_000_000_000, max: 2_000_000_000 },
      { name: 'balance', db: 'balance', type: 'decimal' },
    ],
  },
  orders: {
    entity: 'orders',
    file: 'orders.csv',
    table: 'orders',
    stage: 'import_stage_orders',
    columns: [
      id('order_id'),
      id('customer_id', 'customer_id', false),
      id('store_id', 'store_id'),
      { name: 'ordered_at', db: 'ordered_at', type: 'instant', required: true },
      text('channel', 'channel', true),
      { name: 'order_type', db: 'order_type', type: 'order_type' },
      { name: 'amount', db: 'amount', type: 'decimal', required: true },
      { name: 'discount', db: 'discount', type: 'decimal', defaultValue: '0' },
      text('payment_method'),
      { name: 'status', db: 'status', type: 'order_status', defaultValue: 'completed' },
    ],
    derived: ['day', 'hour'],
    derivedFrom: 'ordered_at',
  },
  order_items: {
    entity: 'order_items',
    file: 'order_items.csv',
    table: 'order_items',
    stage: 'import_stage_order_items',
    columns: [
      id('order_id', 'order_id'),
      id('product_id', 'product_id'),
      { name: 'quantity', db: 'quantity', type: 'int', required: true, min: 1, max: 1_000_000 },
      { name: 'unit_price', db: 'unit_price', type: 'decimal', min: 0 },
      { name: 'amount', db: 'amount', type: 'decimal' },
    ],
  },
  events: {
    entity: 'events',
    file: 'events.csv',
    table: 'events',
    stage: 'import_stage_events',
    columns: [
      // Optional in the format: without it the id is a digest of the event's content (see validate-row).
      id('event_id', 'id', false),
      id('customer_id', 'customer_id'),
      id('session_id', 'session_id'),
      text('event_type', 'event_type', true),
      { name: 'occurred_at', db: 'occurred_at', type: 'instant', required: true },
      id('store_id', 'store_id', false),
      text('channel'),
      text('page'),
      { name: 'duration_s', db: 'duration_s', type: 'int', min: 0, max: 10_000_000 },
    ],
    derived: ['day'],
    derivedFrom: 'occurred_at',
  },
  reservations: {
    entity: 'reservations',
    file: 'reservations.csv',
    table: 'reservations',
    stage: 'import_stage_reservations',
    columns: [
      id('reservation_id'),
      id('customer_id', 'customer_id'),
      id('store_id', 'store_id'),
      { name: 'reserved_for', db: 'reserved_for', type: 'instant', required: true },
      { name: 'party_size', db: 'party_size', type: 'int', min: 1, max: 10_000 },
      text('status'),
      { name: 'created_at', db: 'created_at', type: 'instant_or_day' },
    ],
  },
  service_tickets: {
    entity: 'service_tickets',
    file: 'service_tickets.csv',
    table: 'service_tickets',
    stage: 'import_stage_service_tickets',
    columns: [
      id('ticket_id'),
      id('customer_id', 'customer_id'),
      id('store_id', 'store_id', false),
      { name: 'created_at', db: 'created_at', type: 'instant_or_day', required: true },
      text('contact_type'),
      text('category'),
      { name: 'resolution_minutes', db: 'resolution_minutes', type: 'int', min: 0, max: 10_000_000 },
      { name: 'nps', db: 'nps', type: 'int', min: 0, max: 10 },
    ],
  },
};

/** Staging columns in COPY order: where the row came from, the entity's columns, then derived ones. */
export function stageColumns(spec: EntitySpec): string[] {
  return [
    'job_id',
    'file_no',
    'file',
    'line',
    'raw',
    'present',
    ...spec.columns.map((c) => c.db),
    ...(spec.derived ?? []),
  ];
}

// Longest names first, so `order_items…` is never taken for `orders…`.
const BY_LENGTH = [...ENTITIES].sort((a, b) => b.length - a.length);

/**
 * The entity a file holds, from its name: `orders.csv`, or with a suffix after `-`, `_` or `.` (a sync folder
 * gets `orders-2025-07-01.csv`); `.csv.gz` is read through gunzip. Case does not matter.
 */
export function entityOfFile(fileName: string): Entity | null {
  const base = fileName.split(/[\\/]/).pop()?.toLowerCase() ?? '';
  const stem = base.endsWith('.csv.gz')
    ? base.slice(0, -7)
    : base.endsWith('.csv')
      ? base.slice(0, -4)
      : null;
  if (stem === null) return null;
  for (const entity of BY_LENGTH) {
    if (stem === entity) return entity;
    if (stem.startsWith(entity) && /^[-_.]/.test(stem.slice(entity.length))) {
      // `order_items…` also starts with `order`, but never with `orders`: the longest match wins above.
      return entity;
    }
  }
  return null;
}
