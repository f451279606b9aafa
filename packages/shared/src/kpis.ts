import { z } from 'zod';

/** A KPI for the scope, for the previous equal-length period, and the relative change (null when undefined). */
export const kpiValueSchema = z.object({
  value: z.number().nullable(),
  previous: z.number().nullable(),
  change: z.number().nullable(),
});
export type KpiValue = z.infer<typeof kpiValueSchema>;

export const KPI_KEYS = [
  'orders',
  'revenue',
  'avgOrderValue',
  'activeCustomers',
  'totalCustomers',
  'newCustomers',
  'repurchaseRate',
  'ltv',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export const kpisSchema = z.object({
  orders: kpiValueSchema,
  revenue: kpiValueSchema,
  avgOrderValue: kpiValueSchema,
  activeCustomers: kpiValueSchema,
  totalCustomers: kpiValueSchema,
  newCustomers: kpiValueSchema,
  /** A share 0..1. */
  repurchaseRate: kpiValueSchema,
  ltv: kpiValueSchema,
});
export type Kpis = z.infer<typeof kpisSchema>;

/** The plain figures of one period, before comparison. */
export type KpiFigures = Record<KpiKey, number | null>;
