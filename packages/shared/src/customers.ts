import { z } from 'zod';
import { RISK_BANDS } from './models';
import { SEGMENT_KEYS } from './segments';

export const segmentKeySchema = z.enum(SEGMENT_KEYS, {
  error: `segment must be one of ${SEGMENT_KEYS.join(', ')}`,
});

export const pageQuerySchema = z.object({
  page: z.coerce.number({ error: 'page must be a number' }).int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number({ error: 'pageSize must be a number' }).int().min(1).max(200).default(20),
});

/** One customer of a segment, with their figures in the scope. Personal fields are masked for all but admin. */
export const segmentCustomerSchema = z.object({
  customerId: z.string(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  memberLevel: z.string().nullable(),
  orders: z.number().int(),
  revenue: z.number(),
  lastDay: z.string(),
  recencyDays: z.number().int(),
  /** Churn risk (0–1) and band from the newest ready model run, as Customer 360 shows; null without a run or score. */
  churnRisk: z.number().min(0).max(1).nullable(),
  riskBand: z.enum(RISK_BANDS).nullable(),
});
export type SegmentCustomer = z.infer<typeof segmentCustomerSchema>;

export const segmentCustomersPageSchema = z.object({
  segment: segmentKeySchema,
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  customers: z.array(segmentCustomerSchema),
});
export type SegmentCustomersPage = z.infer<typeof segmentCustomersPageSchema>;
