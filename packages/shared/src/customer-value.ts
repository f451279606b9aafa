/**
 * Customer 360 value, RFM score, tier and tags (PRODUCT §4): the one written definition, used by the BFF to
 * compute and by the web to explain. The README's "Customer 360" section states the same rules in prose.
 *
 * A customer's figures and the population they are scored against are always measured in the same stores: the
 * whole chain, or the stores the viewer is limited to (a store manager's, or the one `store_id` names).
 * Only completed orders count. "Today" is the data's last day (`as_of`), so an old data set is judged as of its
 * own end rather than the wall clock.
 */
import { daysBetween } from './dates';

/** Weights of the R, F and M scores in the RFM score (sum 1). Fast food lives on visits: F weighs most, M least. */
export const RFM_WEIGHTS = { r: 0.35, f: 0.4, m: 0.25 } as const;

/** Activity by days since the last order: ≤ 30 active, 31–90 sleeping, > 90 lost (a monthly habit is the norm). */
export const ACTIVE_WITHIN_DAYS = 30;
export const SLEEPING_WITHIN_DAYS = 90;

/** A repeat customer (≥ 2 orders) with no order for more than 60 days is a churn risk, whatever the score. */
export const CHURN_RISK_AFTER_DAYS = 60;
export const CHURN_RISK_MIN_ORDERS = 2;

/** Tier by RFM score for everyone else. */
export const TIER_MIN_SCORE = { vip: 80, high: 60, medium: 40 } as const;

/** 高频消费: at least 4 orders a month over the customer's lifetime, and at least 4 orders. */
export const HIGH_FREQUENCY = { ordersPerMonth: 4, minOrders: 4 } as const;
/** 高客单价: average order value ≥ 1.5 × the population's, over at least 2 orders. */
export const HIGH_TICKET = { factor: 1.5, minOrders: 2 } as const;
/** 预订常客: at least 3 reservations that were not cancelled. */
export const FREQUENT_BOOKER_MIN_RESERVATIONS = 3;
/** Orders per month = orders × 30 / lifetime days, with a lifetime of at least 30 days. */
export const DAYS_PER_MONTH = 30;

export const TIERS = ['vip', 'high', 'medium', 'low', 'churn_risk'] as const;
export type Tier = (typeof TIERS)[number];
/** `customer_tier` in the API is the Chinese label (the service's contract); English for the web. */
export const TIER_LABELS: Record<Tier, { zh: string; en: string }> = {
  vip: { zh: 'VIP', en: 'VIP' },
  high: { zh: '高价值', en: 'High value' },
  medium: { zh: '中价值', en: 'Medium value' },
  low: { zh: '低价值', en: 'Low value' },
  churn_risk: { zh: '流失风险', en: 'Churn risk' },
};

export const ACTIVITIES = ['active', 'sleeping', 'lost'] as const;
export type Activity = (typeof ACTIVITIES)[number];
export const ACTIVITY_LABELS: Record<Activity, { zh: string; en: string }> = {
  active: { zh: '活跃用户', en: 'Active' },
  sleeping: { zh: '沉睡用户', en: 'Sleeping' },
  lost: { zh: '流失用户', en: 'Lost' },
};

export const MEMBER_TAG = '会员';
export const LEVEL_TAG_PREFIX = '会员等级:';
export const HIGH_FREQUENCY_TAG = '高频消费';
export const HIGH_TICKET_TAG = '高客单价';
export const FREQUENT_BOOKER_TAG = '预订常客';

const FIXED_TAG_LABELS: Record<string, { zh: string; en: string }> = {
  [MEMBER_TAG]: { zh: MEMBER_TAG, en: 'Member' },
  [HIGH_FREQUENCY_TAG]: { zh: HIGH_FREQUENCY_TAG, en: 'Frequent buyer' },
  [HIGH_TICKET_TAG]: { zh: HIGH_TICKET_TAG, en: 'High spend per order' },
  [FREQUENT_BOOKER_TAG]: { zh: FREQUENT_BOOKER_TAG, en: 'Frequent booker' },
  ...Object.fromEntries(Object.values(TIER_LABELS).map((l) => [l.zh, l])),
  ...Object.fromEntries(Object.values(ACTIVITY_LABELS).map((l) => [l.zh, l])),
};

/** A tag as shown in a language; member levels are data and stay as they are. */
export function tagLabel(tag: string, lang: 'zh' | 'en'): string {
  if (tag.startsWith(LEVEL_TAG_PREFIX)) {
    const level = tag.slice(LEVEL_TAG_PREFIX.length);
    return lang === 'zh' ? tag : `Level: ${level}`;
  }
  return FIXED_TAG_LABELS[tag]?.[lang] ?? tag;
}

export function tierOfLabel(label: string): Tier | null {
  return TIERS.find((t) => TIER_LABELS[t].zh === label) ?? null;
}

// ---------- distributions and percentile scores ----------

/**
 * One measure over a population: its distinct values ascending, how many customers have each, and how many
 * have a smaller value. Built once per data version and store set; a customer's rank is a binary search.
 */
export type ValueCounts = { values: number[]; counts: number[]; below: number[]; total: number };

export function valueCounts(pairs: readonly { value: number; count: number }[]): ValueCounts {
  const sorted = [...pairs].sort((a, b) => a.value - b.value);
  const values: number[] = [];
  const counts: number[] = [];
  const below: number[] = [];
  let total = 0;
  for (const p of sorted) {
    if (values.length > 0 && values[values.length - 1] === p.value) {
      counts[counts.length - 1] = (counts[counts.length - 1] ?? 0) + p.count;
    } else {
      values.push(p.value);
      counts.push(p.count);
      below.push(total);
    }
    total += p.count;
  }
  return { values, counts, below, total };
}

/** Customers with a value below `x` and equal to it. */
export function rankOf(dist: ValueCounts, x: number): { below: number; equal: number } {
  let lo = 0;
  let hi = dist.values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((dist.values[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  if (lo === dist.values.length) return { below: dist.total, equal: 0 };
  const equal = dist.values[lo] === x ? (dist.counts[lo] ?? 0) : 0;
  return { below: dist.below[lo] ?? 0, equal };
}

/**
 * Mid-rank percentile score 0–100: the share of the population the customer beats, counting ties as half.
 * For F and M more is better; for R (days since the last order) fewer is better.
 */
export function percentileScore(dist: ValueCounts, x: number, better: 'higher' | 'lower'): number {
  if (dist.total === 0) return 0;
  const { below, equal } = rankOf(dist, x);
  const beaten = better === 'higher' ? below : dist.total - below - equal;
  return (100 * (beaten + equal / 2)) / dist.total;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;
export const round2 = (n: number) => Math.round(n * 100) / 100;

export function rfmScore(scores: { r: number; f: number; m: number }): number {
  return round1(RFM_WEIGHTS.r * scores.r + RFM_WEIGHTS.f * scores.f + RFM_WEIGHTS.m * scores.m);
}

// ---------- value figures, tier, tags ----------

export function lifetimeDays(firstOrderDay: string, asOf: string): number {
  return Math.max(0, daysBetween(firstOrderDay, asOf));
}

export function ordersPerMonth(orders: number, lifetime: number): number {
  return round2((orders * DAYS_PER_MONTH) / Math.max(lifetime, DAYS_PER_MONTH));
}

export function activityOf(recencyDays: number | null): Activity | null {
  if (recencyDays === null) return null;
  if (recencyDays <= ACTIVE_WITHIN_DAYS) return 'active';
  return recencyDays <= SLEEPING_WITHIN_DAYS ? 'sleeping' : 'lost';
}

export function customerTier(c: { orders: number; recencyDays: number | null; rfmScore: number }): Tier {
  if (c.orders === 0 || c.recencyDays === null) return 'low';
  if (c.orders >= CHURN_RISK_MIN_ORDERS && c.recencyDays > CHURN_RISK_AFTER_DAYS) return 'churn_risk';
  if (c.rfmScore >= TIER_MIN_SCORE.vip) return 'vip';
  if (c.rfmScore >= TIER_MIN_SCORE.high) return 'high';
  if (c.rfmScore >= TIER_MIN_SCORE.medium) return 'medium';
  return 'low';
}

export type TagInput = {
  isMember: boolean;
  level: string | null;
  tier: Tier;
  orders: number;
  ordersPerMonth: number;
  avgOrderValue: number | null;
  /** Revenue ÷ orders over the whole population (null when it has no orders). */
  populationAvgOrderValue: number | null;
  /** Reservations that were not cancelled. */
  reservations: number;
  recencyDays: number | null;
};

/** In this order: membership, level, value tier, habits, activity. */
export function customerTags(c: TagInput): string[] {
  const tags: string[] = [];
  if (c.isMember) tags.push(MEMBER_TAG);
  if (c.level) tags.push(`${LEVEL_TAG_PREFIX}${c.level}`);
  tags.push(TIER_LABELS[c.tier].zh);
  if (c.orders >= HIGH_FREQUENCY.minOrders && c.ordersPerMonth >= HIGH_FREQUENCY.ordersPerMonth)
    tags.push(HIGH_FREQUENCY_TAG);
  if (
    c.orders >= HIGH_TICKET.minOrders &&
    c.avgOrderValue !== null &&
    c.populationAvgOrderValue !== null &&
    c.avgOrderValue >= HIGH_TICKET.factor * c.populationAvgOrderValue
  )
    tags.push(HIGH_TICKET_TAG);
  if (c.reservations >= FREQUENT_BOOKER_MIN_RESERVATIONS) tags.push(FREQUENT_BOOKER_TAG);
  const activity = activityOf(c.recencyDays);
  if (activity) tags.push(ACTIVITY_LABELS[activity].zh);
  return tags;
}

// ---------- buckets for the R / F / M bars ----------

/** A bucket covers `min` ≤ value < `next bucket's min` (the last one is open). */
export const RFM_BUCKET_MINS = {
  /** Days since the last order. */
  r: [0, 8, 15, 31, 61, 91, 181, 366],
  /** Completed orders. */
  f: [1, 2, 3, 6, 11, 21, 51, 101],
  /** Revenue in yuan. */
  m: [0, 50, 100, 200, 500, 1000, 2000, 5000],
} as const;
export type RfmKey = keyof typeof RFM_BUCKET_MINS;

export function bucketIndex(mins: readonly number[], x: number): number {
  let i = 0;
  while (i + 1 < mins.length && x >= (mins[i + 1] ?? Infinity)) i++;
  return i;
}

/** Customers of the population in each bucket. */
export function histogram(dist: ValueCounts, mins: readonly number[]): number[] {
  const out = mins.map(() => 0);
  dist.values.forEach((v, i) => {
    const b = bucketIndex(mins, v);
    out[b] = (out[b] ?? 0) + (dist.counts[i] ?? 0);
  });
  return out;
}
