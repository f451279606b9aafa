import { z } from 'zod';
import { kpisSchema } from './kpis';
import { SEGMENT_KEYS } from './segments';
import { scopeEchoSchema } from './scope';

// The KPI schemas live in kpis.ts (the web's entry needs them, not the rest of this module's schemas).
export {
  KPI_KEYS,
  kpiValueSchema,
  kpisSchema,
  type KpiFigures,
  type KpiKey,
  type KpiValue,
  type Kpis,
} from './kpis';

export const segmentRowSchema = z.object({
  key: z.enum(SEGMENT_KEYS),
  count: z.number().int(),
  revenue: z.number(),
});
export type SegmentRow = z.infer<typeof segmentRowSchema>;
export const segmentsSchema = z.array(segmentRowSchema).length(8);

export const hourRowSchema = z.object({
  hour: z.number().int().min(0).max(23),
  orders: z.number().int(),
  revenue: z.number(),
  customers: z.number().int(),
});
export type HourRow = z.infer<typeof hourRowSchema>;
export const hourlySchema = z.array(hourRowSchema).length(24);

export const TOP_PRODUCTS_BY = ['quantity', 'revenue'] as const;
export type TopProductsBy = (typeof TOP_PRODUCTS_BY)[number];
export const topProductRowSchema = z.object({
  productId: z.string(),
  name: z.string(),
  category: z.string(),
  quantity: z.number().int(),
  revenue: z.number(),
  /** Share 0..1 of the scope's total quantity (or revenue, when ranked by revenue). */
  share: z.number(),
});
export type TopProductRow = z.infer<typeof topProductRowSchema>;
export const topProductsSchema = z.array(topProductRowSchema).max(10);

export const KNOWN_CHANNELS = ['pos', 'mini_program', 'meituan', 'eleme'] as const;
export const ORDER_TYPES = ['dine_in', 'delivery', 'pickup'] as const;
export const mixRowSchema = z.object({
  key: z.string(),
  orders: z.number().int(),
  revenue: z.number(),
  customers: z.number().int(),
});
export type MixRow = z.infer<typeof mixRowSchema>;
export const channelsSchema = z.object({
  byChannel: z.array(mixRowSchema),
  byOrderType: z.array(mixRowSchema),
});
export type Channels = z.infer<typeof channelsSchema>;

export const overviewSchema = z.object({
  scope: scopeEchoSchema,
  kpis: kpisSchema,
  segments: segmentsSchema,
  hourly: hourlySchema,
  topProducts: topProductsSchema,
  channels: channelsSchema,
});
export type Overview = z.infer<typeof overviewSchema>;

export const topProductsQuerySchema = z.object({
  by: z.enum(TOP_PRODUCTS_BY, { error: 'by must be quantity or revenue' }).default('quantity'),
});

/** Relative change; null when there is nothing to compare against. */
export function relativeChange(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return (value - previous) / Math.abs(previous);
}
