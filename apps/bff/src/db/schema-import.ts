/**
 * Bringing a chain's own data in (PRODUCT §2.2): import jobs, the rows they rejected, the sync folder's files,
 * and one staging table per entity. A job streams its files into the staging tables (typed, validated rows
 * with their file, line and raw text), then merges them into the source tables in one transaction.
 * Only one job runs at a time (an advisory lock), so the staging tables hold one job's rows at most.
 */
import {
  bigint,
  bigserial,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

const instant = () => timestamp({ withTimezone: true, mode: 'string' });
const money = () => numeric({ precision: 14, scale: 2 });

export const importJobs = pgTable(
  'import_jobs',
  {
    id: serial().primaryKey(),
    /** upload (web), cli, sync (schedule or "sync now"). */
    source: text().notNull(),
    /** queued → running → succeeded | failed | interrupted (the process died; nothing of it was merged). */
    status: text().notNull(),
    /** What a running job is doing: waiting, staging, merging, refreshing. */
    phase: text(),
    createdBy: text(),
    createdAt: instant().notNull().defaultNow(),
    startedAt: instant(),
    finishedAt: instant(),
    /** Touched by the running process; a queued or running job whose heartbeat is old belongs to a dead one. */
    heartbeatAt: instant().notNull().defaultNow(),
    durationMs: integer(),
    bytesTotal: bigint({ mode: 'number' }).notNull().default(0),
    bytesRead: bigint({ mode: 'number' }).notNull().default(0),
    rowsRead: integer().notNull().default(0),
    rowsImported: integer().notNull().default(0),
    rowsRejected: integer().notNull().default(0),
    /** Per file: name, entity, encoding, rows, rejected, warnings. */
    files: jsonb().notNull().default([]),
    /** Per entity: read, inserted, updated, unchanged, rejected. */
    counts: jsonb().notNull().default({}),
    warnings: jsonb().notNull().default([]),
    /** The data-quality report of the rows this job brought in. */
    quality: jsonb(),
    /** Milliseconds per phase. */
    timings: jsonb().notNull().default({}),
    error: text(),
    /** The data version this job's commit produced. */
    dataVersion: integer(),
  },
  (t) => [index('import_jobs_created_idx').on(t.createdAt)],
);

/** Every row a job did not import, with where it came from and why: shown in the UI and downloadable. */
export const importRejects = pgTable(
  'import_rejects',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    jobId: integer().notNull(),
    file: text().notNull(),
    /** The physical line where the row starts (1 = the header). */
    line: integer().notNull(),
    entity: text(),
    reason: text().notNull(),
    message: text().notNull(),
    raw: text().notNull(),
  },
  (t) => [index('import_rejects_job_idx').on(t.jobId, t.file, t.line)],
);

/** Files of SYNC_DIR already imported by a successful job: a sync imports only new or changed files. */
export const importSyncFiles = pgTable('import_sync_files', {
  path: text().primaryKey(),
  size: bigint({ mode: 'number' }).notNull(),
  mtimeMs: bigint({ mode: 'number' }).notNull(),
  jobId: integer().notNull(),
  importedAt: instant().notNull().defaultNow(),
});

// ---- staging: one table per entity, the target's columns plus where each row came from ----

/**
 * `fileNo`/`line` identify a row within the job; `present` has bit i set when the file's header has the
 * entity's optional column i (a column missing from the header leaves stored values alone).
 */
const origin = () => ({
  jobId: integer().notNull(),
  fileNo: smallint().notNull(),
  file: text().notNull(),
  line: integer().notNull(),
  raw: text().notNull(),
  present: integer().notNull(),
});

export const importStageStores = pgTable('import_stage_stores', {
  ...origin(),
  id: text().notNull(),
  name: text().notNull(),
  city: text().notNull(),
  province: text(),
  lat: doublePrecision(),
  lng: doublePrecision(),
  openedOn: date({ mode: 'string' }),
});

export const importStageProducts = pgTable('import_stage_products', {
  ...origin(),
  id: text().notNull(),
  name: text().notNull(),
  category: text().notNull(),
  unitPrice: money(),
});

export const importStageCustomers = pgTable('import_stage_customers', {
  ...origin(),
  id: text().notNull(),
  phone: text(),
  memberId: text(),
  email: text(),
  name: text(),
  gender: text(),
  birthYear: smallint(),
  registeredAt: instant(),
  memberLevel: text(),
  points: integer(),
  balance: money(),
});

export const importStageOrders = pgTable('import_stage_orders', {
  ...origin(),
  id: text().notNull(),
  customerId: text(),
  storeId: text().notNull(),
  orderedAt: instant().notNull(),
  day: date({ mode: 'string' }).notNull(),
  hour: smallint().notNull(),
  channel: text().notNull(),
  orderType: text(),
  amount: money().notNull(),
  discount: money(),
  paymentMethod: text(),
  status: text(),
});

export const importStageOrderItems = pgTable('import_stage_order_items', {
  ...origin(),
  orderId: text().notNull(),
  productId: text().notNull(),
  quantity: integer().notNull(),
  unitPrice: money(),
  amount: money(),
});

export const importStageEvents = pgTable('import_stage_events', {
  ...origin(),
  id: text().notNull(),
  customerId: text().notNull(),
  sessionId: text().notNull(),
  eventType: text().notNull(),
  occurredAt: instant().notNull(),
  day: date({ mode: 'string' }).notNull(),
  storeId: text(),
  channel: text(),
  page: text(),
  durationS: integer(),
});

export const importStageReservations = pgTable('import_stage_reservations', {
  ...origin(),
  id: text().notNull(),
  customerId: text().notNull(),
  storeId: text().notNull(),
  reservedFor: instant().notNull(),
  partySize: smallint(),
  status: text(),
  createdAt: instant(),
});

export const importStageServiceTickets = pgTable('import_stage_service_tickets', {
  ...origin(),
  id: text().notNull(),
  customerId: text().notNull(),
  storeId: text(),
  createdAt: instant().notNull(),
  contactType: text(),
  category: text(),
  resolutionMinutes: integer(),
  nps: smallint(),
});
