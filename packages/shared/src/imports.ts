/**
 * The import contract (PRODUCT §2.2 and issue 7): jobs, rejected rows, the sync folder and the data-quality
 * report, as the BFF answers them and the web app validates them.
 */
import { z } from 'zod';

export const IMPORT_ENTITIES = [
  'stores',
  'products',
  'customers',
  'orders',
  'order_items',
  'events',
  'reservations',
  'service_tickets',
] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'interrupted'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const JOB_SOURCES = ['upload', 'cli', 'sync'] as const;

/** Why a row was not imported; the web app shows each in words. */
export const REJECT_REASONS = [
  'bad_csv',
  'bad_encoding',
  'bad_field_count',
  'missing_column',
  'missing_value',
  'too_long',
  'bad_number',
  'bad_quantity',
  'bad_timestamp',
  'bad_date',
  'bad_value',
  'duplicate_id',
  'unknown_store',
  'unknown_order',
  'unknown_product',
  'missing_province',
  'missing_amount',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const entityCountsSchema = z.object({
  read: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
});
export type EntityCounts = z.infer<typeof entityCountsSchema>;

export const jobFileSchema = z.object({
  name: z.string(),
  entity: z.enum(IMPORT_ENTITIES).nullable(),
  encoding: z.string().nullable().optional(),
  bytes: z.number().int(),
  rows: z.number().int().optional(),
  rejected: z.number().int().optional(),
});

const amountNormSchema = z.object({
  median: z.number().nullable(),
  q1: z.number().nullable(),
  q3: z.number().nullable(),
  fence: z.number().nullable(),
});

export const orderChecksSchema = z.object({
  orders: z.number().int(),
  guestOrders: z.number().int(),
  withoutChannel: z.number().int(),
  withoutOrderType: z.number().int(),
  nonPositiveAmount: z.number().int(),
  aboveNorm: z.number().int(),
  future: z.number().int(),
  beforeStoreOpened: z.number().int(),
  examples: z.object({
    nonPositiveAmount: z.array(z.string()),
    aboveNorm: z.array(z.string()),
    future: z.array(z.string()),
    beforeStoreOpened: z.array(z.string()),
  }),
});

export const customerChecksSchema = z.object({
  customers: z.number().int(),
  withoutPhone: z.number().int(),
  withoutName: z.number().int(),
  stubs: z.number().int(),
});

/** The quality of the rows one import brought in. */
export const importQualitySchema = z.object({
  rejectedByReason: z.record(z.string(), z.number().int()),
  customerStubs: z.number().int(),
  citiesCreated: z.number().int(),
  refresh: z.enum(['full', 'incremental']),
  norm: amountNormSchema,
  orders: orderChecksSchema,
  customers: customerChecksSchema,
});
export type ImportQuality = z.infer<typeof importQualitySchema>;

export const importJobSchema = z.object({
  id: z.number().int(),
  source: z.enum(JOB_SOURCES),
  status: z.enum(JOB_STATUSES),
  phase: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  bytesTotal: z.number().int(),
  bytesRead: z.number().int(),
  rowsRead: z.number().int(),
  rowsImported: z.number().int(),
  rowsRejected: z.number().int(),
  files: z.array(jobFileSchema),
  counts: z.record(z.string(), entityCountsSchema),
  warnings: z.array(z.string()),
  quality: importQualitySchema.nullable(),
  error: z.string().nullable(),
  dataVersion: z.number().int().nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const importJobPageSchema = z.object({ total: z.number().int(), jobs: z.array(importJobSchema) });
export type ImportJobPage = z.infer<typeof importJobPageSchema>;

export const rejectedRowSchema = z.object({
  id: z.number().int(),
  file: z.string(),
  line: z.number().int(),
  entity: z.string().nullable(),
  reason: z.enum(REJECT_REASONS),
  message: z.string(),
  raw: z.string(),
});
export type RejectedRow = z.infer<typeof rejectedRowSchema>;
export const rejectedPageSchema = z.object({ total: z.number().int(), rows: z.array(rejectedRowSchema) });
export type RejectedPage = z.infer<typeof rejectedPageSchema>;

export const pageQuerySchema = z.object({
  page: z.coerce.number({ error: 'page must be a number' }).int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number({ error: 'pageSize must be a number' }).int().min(1).max(200).default(20),
});

export const syncStatusSchema = z.object({
  /** SYNC_DIR is set. */
  configured: z.boolean(),
  /** Schedule in cron syntax, Asia/Shanghai. */
  cron: z.string(),
  nextRunAt: z.string().nullable(),
  lastJob: importJobSchema.nullable(),
  /** Some import (sync, upload or CLI) is running or waiting now. */
  busy: z.boolean(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncStartSchema = z.object({
  /** The job started, or null when the folder held nothing new. */
  job: importJobSchema.nullable(),
  message: z.string(),
});
export type SyncStart = z.infer<typeof syncStartSchema>;

/** Whether the database holds the demo chain, imported data, or both (imports mix with a demo). */
export const importContextSchema = z.object({ demo: z.boolean(), imported: z.boolean() });

export const overallQualitySchema = z.object({
  dataVersion: z.number().int(),
  computedAt: z.string(),
  norm: amountNormSchema,
  orders: orderChecksSchema,
  customers: customerChecksSchema,
  duplicates: z.object({
    sharedPhones: z.number().int(),
    customersSharingPhone: z.number().int(),
    repeatedOrders: z.number().int(),
  }),
  orphans: z.object({
    itemsWithoutOrder: z.number().int(),
    itemsWithoutProduct: z.number().int(),
    ordersWithoutItems: z.number().int(),
    customersWithoutOrders: z.number().int(),
  }),
});
export type OverallQuality = z.infer<typeof overallQualitySchema>;

/**
 * The whole data's report is computed in the background once per data version (minutes on a large chain):
 * `ready` when the current version's is stored, `computing` until then.
 */
export const QUALITY_STATES = ['ready', 'computing'] as const;
export type QualityState = (typeof QUALITY_STATES)[number];

/** The quality page: the whole data, and each recent import's report (aggregates only, no raw rows). */
export const dataQualitySchema = z.object({
  state: z.enum(QUALITY_STATES),
  /** The data version the dashboards read now. */
  dataVersion: z.number().int(),
  /** The current data version's report; null while it is computed. */
  overall: overallQualitySchema.nullable(),
  /** While computing: the newest report of an earlier data version (its own dataVersion says which), if any. */
  previous: overallQualitySchema.nullable(),
  context: importContextSchema,
  imports: z.array(
    importJobSchema.pick({
      id: true,
      source: true,
      finishedAt: true,
      rowsRead: true,
      rowsImported: true,
      rowsRejected: true,
      quality: true,
    }),
  ),
});
export type DataQuality = z.infer<typeof dataQualitySchema>;

export { liveVersionSchema } from './live';
