import type { CustomerValue, RfmBreakdown, RfmDimension } from '@portrait/shared/customer360';
import {
  activityOf,
  bucketIndex,
  customerTags,
  customerTier,
  lifetimeDays,
  ordersPerMonth,
  percentileScore,
  RFM_BUCKET_MINS,
  RFM_WEIGHTS,
  rfmScore,
  round1,
  round2,
  TIER_LABELS,
  type RfmKey,
} from '@portrait/shared/customer-value';
import type { CustomerFigures } from '../../db/queries/customer-summary';
import type { Reference } from './reference';

export type ValueInput = {
  figures: CustomerFigures | null;
  reference: Reference;
  isMember: boolean;
  level: string | null;
  /** Reservations in the store set that were not cancelled. */
  activeReservations: number;
};

/** PRODUCT §4 Customer 360 value for one customer, by the rules of `@portrait/shared/customer-value`. */
export function valueFigures(input: ValueInput): {
  customerValue: CustomerValue;
  rfm: RfmBreakdown;
  tags: string[];
} {
  const { figures, reference } = input;
  const orders = figures?.orders ?? 0;
  const revenue = figures?.revenue ?? 0;
  const asOf = reference.asOf;
  const recency = figures && asOf ? lifetimeDays(figures.lastDay, asOf) : null;
  const lifetime = figures && asOf ? lifetimeDays(figures.firstDay, asOf) : null;
  const scores =
    figures && recency !== null
      ? {
          r: percentileScore(reference.dist.r, recency, 'lower'),
          f: percentileScore(reference.dist.f, orders, 'higher'),
          m: percentileScore(reference.dist.m, revenue, 'higher'),
        }
      : { r: 0, f: 0, m: 0 };
  const score = figures ? rfmScore(scores) : 0;
  const tier = customerTier({ orders, recencyDays: recency, rfmScore: score });
  const avgOrderValue = orders > 0 ? revenue / orders : null;
  const perMonth = lifetime === null ? 0 : ordersPerMonth(orders, lifetime);

  const dimension = (key: RfmKey, value: number | null): RfmDimension => ({
    value,
    score: round1(scores[key]),
    bucket: value === null ? null : bucketIndex(RFM_BUCKET_MINS[key], value),
    bucket_mins: [...RFM_BUCKET_MINS[key]],
    histogram: reference.histograms[key],
  });

  return {
    customerValue: {
      total_spent: round2(revenue),
      total_orders: orders,
      avg_order_value: avgOrderValue === null ? null : round2(avgOrderValue),
      customer_lifetime_days: lifetime,
      order_frequency_per_month: perMonth,
      rfm_score: score,
      customer_tier: TIER_LABELS[tier].zh,
      customer_tier_key: tier,
      first_order_day: figures?.firstDay ?? null,
      last_order_day: figures?.lastDay ?? null,
      recency_days: recency,
      activity: activityOf(recency),
    },
    rfm: {
      weights: { ...RFM_WEIGHTS },
      population: reference.population,
      population_avg_order_value: reference.avgOrderValue === null ? null : round2(reference.avgOrderValue),
      r: dimension('r', recency),
      f: dimension('f', figures ? orders : null),
      m: dimension('m', figures ? round2(revenue) : null),
    },
    tags: customerTags({
      isMember: input.isMember,
      level: input.level,
      tier,
      orders,
      ordersPerMonth: perMonth,
      avgOrderValue,
      populationAvgOrderValue: reference.avgOrderValue,
      reservations: input.activeReservations,
      recencyDays: recency,
    }),
  };
}
