/**
 * Customer 360 API (`/api/v1/customer360/*`): the service of seeds/5-customer360-service.md with its parameter and
 * field names (snake_case), plus `identifier_type=customer_id` (masked lists link by customer id), a timeline
 * cursor, the R/F/M breakdown and favourites. Personal fields are masked for all but admin.
 */
import { z } from 'zod';
import { customerPredictionsSchema } from './customer360-predictions';
import { ACTIVITIES, TIERS } from './customer-value';

export const IDENTIFIER_TYPES = ['phone', 'member_id', 'email', 'customer_id'] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

export const TIMELINE_DEFAULT_LIMIT = 50;
export const TIMELINE_MAX_LIMIT = 200;

/** An absent or empty query parameter is "not given". */
export const optionalText = (name: string, max: number) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string({ error: `${name} must be given once, as text` })
      .trim()
      .min(1, `${name} must not be blank`)
      .max(max, `${name} is longer than ${max} characters`)
      .optional(),
  );

export const customer360QuerySchema = z.object({
  customer_identifier: z
    .string({ error: 'customer_identifier is required (a phone, member id, email or customer id)' })
    .trim()
    .min(1, 'customer_identifier is required (a phone, member id, email or customer id)')
    .max(128, 'customer_identifier is longer than 128 characters'),
  identifier_type: z
    .enum(IDENTIFIER_TYPES, { error: `identifier_type must be one of ${IDENTIFIER_TYPES.join(', ')}` })
    .default('phone'),
  store_id: optionalText('store_id', 64),
});
export type Customer360Query = z.output<typeof customer360QuerySchema>;

export const timelineQuerySchema = customer360QuerySchema.extend({
  limit: z.coerce
    .number({ error: `limit must be a number from 1 to ${TIMELINE_MAX_LIMIT}` })
    .int(`limit must be a whole number from 1 to ${TIMELINE_MAX_LIMIT}`)
    .min(1, `limit must be from 1 to ${TIMELINE_MAX_LIMIT}`)
    .max(TIMELINE_MAX_LIMIT, `limit must be at most ${TIMELINE_MAX_LIMIT}`)
    .default(TIMELINE_DEFAULT_LIMIT),
  cursor: optionalText('cursor', 256),
});
export type TimelineQuery = z.output<typeof timelineQuerySchema>;

// ---------- responses ----------

export const memberInfoSchema = z.object({
  customer_id: z.string(),
  member_id: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  level: z.string().nullable(),
  points: z.number().int().nullable(),
  balance: z.number().nullable(),
  gender: z.string().nullable(),
  birth_year: z.number().int().nullable(),
  registered_at: z.string().nullable(),
  is_member: z.boolean(),
});
export type MemberInfo = z.infer<typeof memberInfoSchema>;

export const customerValueSchema = z.object({
  total_spent: z.number(),
  total_orders: z.number().int(),
  avg_order_value: z.number().nullable(),
  customer_lifetime_days: z.number().int().nullable(),
  order_frequency_per_month: z.number(),
  rfm_score: z.number(),
  /** The Chinese label (the service's contract); `customer_tier_key` for code. */
  customer_tier: z.string(),
  customer_tier_key: z.enum(TIERS),
  first_order_day: z.string().nullable(),
  last_order_day: z.string().nullable(),
  recency_days: z.number().int().nullable(),
  activity: z.enum(ACTIVITIES).nullable(),
});
export type CustomerValue = z.infer<typeof customerValueSchema>;

/** One of R, F, M: the customer's value and score, and the population's histogram over fixed buckets. */
export const rfmDimensionSchema = z.object({
  value: z.number().nullable(),
  score: z.number(),
  bucket: z.number().int().nullable(),
  bucket_mins: z.array(z.number()),
  histogram: z.array(z.number().int()),
});
export type RfmDimension = z.infer<typeof rfmDimensionSchema>;

export const rfmBreakdownSchema = z.object({
  weights: z.object({ r: z.number(), f: z.number(), m: z.number() }),
  /** Customers with a completed order in the stores the figures are measured in. */
  population: z.number().int(),
  population_avg_order_value: z.number().nullable(),
  r: rfmDimensionSchema,
  f: rfmDimensionSchema,
  m: rfmDimensionSchema,
});
export type RfmBreakdown = z.infer<typeof rfmBreakdownSchema>;

export const statisticsSchema = z.object({
  total_orders: z.number().int(),
  total_reservations: z.number().int(),
  total_pos_transactions: z.number().int(),
  total_service_tickets: z.number().int(),
  total_activities: z.number().int(),
});
export type Customer360Statistics = z.infer<typeof statisticsSchema>;

export const orderItemSchema = z.object({
  product_id: z.string(),
  product_name: z.string().nullable(),
  quantity: z.number().int(),
  amount: z.number(),
});

const eventBase = {
  /** Unique and stable: `<event_type>:<source id>`. */
  event_id: z.string(),
  /** ISO 8601 with the +08:00 offset (Asia/Shanghai). */
  event_time: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.string().nullable(),
  store_id: z.string().nullable(),
  store_name: z.string().nullable(),
};

export const orderEventDataSchema = z.object({
  order_id: z.string(),
  order_number: z.string(),
  channel: z.string(),
  order_type: z.string().nullable(),
  total: z.number(),
  discount: z.number(),
  payment_method: z.string().nullable(),
  items: z.array(orderItemSchema),
});
export const reservationEventDataSchema = z.object({
  reservation_id: z.string(),
  party_size: z.number().int().nullable(),
  created_at: z.string().nullable(),
});
export const ticketEventDataSchema = z.object({
  ticket_id: z.string(),
  contact_type: z.string().nullable(),
  category: z.string().nullable(),
  resolution_minutes: z.number().int().nullable(),
  nps: z.number().int().nullable(),
});
export const membershipEventDataSchema = z.object({
  kind: z.literal('registered'),
  member_id: z.string().nullable(),
  level: z.string().nullable(),
});

export const timelineEventSchema = z.discriminatedUnion('event_type', [
  z.object({ ...eventBase, event_type: z.literal('order'), data: orderEventDataSchema }),
  z.object({ ...eventBase, event_type: z.literal('reservation'), data: reservationEventDataSchema }),
  z.object({ ...eventBase, event_type: z.literal('service_ticket'), data: ticketEventDataSchema }),
  z.object({ ...eventBase, event_type: z.literal('membership'), data: membershipEventDataSchema }),
]);
export type TimelineEvent = z.infer<typeof timelineEventSchema>;
export type TimelineEventType = TimelineEvent['event_type'];

export const timelinePageSchema = z.object({
  customer_identifier: z.string(),
  customer_id: z.string(),
  timeline: z.array(timelineEventSchema),
  total_events: z.number().int(),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  next_cursor: z.string().nullable(),
});
export type TimelinePage = z.infer<typeof timelinePageSchema>;

export const recentOrderSchema = z.object({
  order_id: z.string(),
  ordered_at: z.string(),
  store_id: z.string(),
  store_name: z.string().nullable(),
  channel: z.string(),
  order_type: z.string().nullable(),
  amount: z.number(),
  discount: z.number(),
  payment_method: z.string().nullable(),
  status: z.string(),
  items: z.array(orderItemSchema),
});
export const recentReservationSchema = z.object({
  reservation_id: z.string(),
  reserved_for: z.string(),
  store_id: z.string(),
  store_name: z.string().nullable(),
  party_size: z.number().int().nullable(),
  status: z.string().nullable(),
  created_at: z.string().nullable(),
});

export const favoriteProductSchema = z.object({
  product_id: z.string(),
  product_name: z.string().nullable(),
  category: z.string().nullable(),
  quantity: z.number().int(),
  orders: z.number().int(),
  revenue: z.number(),
});
export const favoriteStoreSchema = z.object({
  store_id: z.string(),
  store_name: z.string().nullable(),
  city: z.string().nullable(),
  orders: z.number().int(),
  revenue: z.number(),
  last_order_day: z.string(),
});
export const favoriteChannelSchema = z.object({
  channel: z.string(),
  orders: z.number().int(),
  share: z.number(),
});
export type FavoriteProduct = z.infer<typeof favoriteProductSchema>;
export type FavoriteStore = z.infer<typeof favoriteStoreSchema>;
export type FavoriteChannel = z.infer<typeof favoriteChannelSchema>;

const identity = {
  /** As asked; a phone or email is masked for all but admin. */
  customer_identifier: z.string(),
  identifier_type: z.enum(IDENTIFIER_TYPES),
  customer_id: z.string(),
  /** The store the figures are narrowed to, when `store_id` was given. */
  store_id: z.string().nullable(),
  /** "Today" for recency and lifetime: the data's last day. */
  as_of: z.string().nullable(),
};

export const customerValueResponseSchema = z.object({
  ...identity,
  customer_value: customerValueSchema,
  rfm: rfmBreakdownSchema,
  customer_tags: z.array(z.string()),
  statistics: statisticsSchema,
  /** The churn / lifetime-value models' figures for this customer (customer360-predictions.ts). */
  predictions: customerPredictionsSchema,
});
export type CustomerValueResponse = z.infer<typeof customerValueResponseSchema>;

export const customerProfileSchema = customerValueResponseSchema.extend({
  member_info: memberInfoSchema,
  favorite_products: z.array(favoriteProductSchema),
  favorite_stores: z.array(favoriteStoreSchema),
  favorite_channels: z.array(favoriteChannelSchema),
  timeline: z.array(timelineEventSchema),
  timeline_next_cursor: z.string().nullable(),
  recent_orders: z.array(recentOrderSchema),
  recent_reservations: z.array(recentReservationSchema),
  generated_at: z.string(),
});
export type CustomerProfile = z.infer<typeof customerProfileSchema>;
