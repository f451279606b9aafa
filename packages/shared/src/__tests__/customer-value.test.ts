/** The Customer 360 scoring rules against figures worked out by hand. */
import { describe, expect, it } from 'vitest';
import {
  activityOf,
  bucketIndex,
  customerTags,
  customerTier,
  histogram,
  lifetimeDays,
  ordersPerMonth,
  percentileScore,
  rankOf,
  RFM_BUCKET_MINS,
  rfmScore,
  tagLabel,
  valueCounts,
} from '../customer-value';

const dist = (values: number[]) => valueCounts(values.map((value) => ({ value, count: 1 })));

// A population of eight customers.
const F = dist([1, 1, 2, 3, 3, 3, 5, 8]);
const R = dist([0, 5, 5, 10, 40, 100, 200, 400]);
const M = dist([20, 35.5, 40, 60, 80, 120, 300, 1000]);

describe('Percentile scores', () => {
  it('When values repeat, Then the counts are merged and ranks count customers below and equal', () => {
    expect(F.values).toEqual([1, 2, 3, 5, 8]);
    expect(F.counts).toEqual([2, 1, 3, 1, 1]);
    expect(F.below).toEqual([0, 2, 3, 6, 7]);
    expect(F.total).toBe(8);
    expect(rankOf(F, 3)).toEqual({ below: 3, equal: 3 });
    expect(rankOf(F, 4)).toEqual({ below: 6, equal: 0 });
    expect(rankOf(F, 0)).toEqual({ below: 0, equal: 0 });
    expect(rankOf(F, 9)).toEqual({ below: 8, equal: 0 });
  });

  it('When a customer has 3 orders among 1,1,2,3,3,3,5,8, Then F beats 3 and ties 3: (3 + 1.5) / 8 = 56.25', () => {
    expect(percentileScore(F, 3, 'higher')).toBe(56.25);
  });

  it('When fewer days is better (R), Then the customers with more days are the ones beaten', () => {
    // 5 days: 10, 40, 100, 200, 400 are beaten, one other has 5 → (5 + 0.5 × 2) / 8.
    expect(percentileScore(R, 5, 'lower')).toBe(75);
    expect(percentileScore(R, 0, 'lower')).toBe((100 * (7 + 0.5)) / 8);
    expect(percentileScore(R, 400, 'lower')).toBe((100 * 0.5) / 8);
  });

  it('When the population is empty, Then every score is 0', () => {
    expect(percentileScore(dist([]), 3, 'higher')).toBe(0);
  });

  it('When R, F and M scores are weighted 35 / 40 / 25, Then the RFM score is their sum to one decimal', () => {
    const m = percentileScore(M, 120, 'higher'); // 5 below, 1 equal → 68.75
    expect(m).toBe(68.75);
    // 0.35 × 75 + 0.4 × 56.25 + 0.25 × 68.75 = 26.25 + 22.5 + 17.1875 = 65.9375
    expect(rfmScore({ r: 75, f: 56.25, m })).toBe(65.9);
  });

  it('When the population is put in R / F / M buckets, Then each customer is in exactly one', () => {
    // Buckets 1 | 2 | 3–5 | 6–10 | …: 1,1 | 2 | 3,3,3,5 | 8.
    expect(histogram(F, RFM_BUCKET_MINS.f)).toEqual([2, 1, 4, 1, 0, 0, 0, 0]);
    expect(histogram(R, RFM_BUCKET_MINS.r)).toEqual([3, 1, 0, 1, 0, 1, 1, 1]);
    expect(histogram(M, RFM_BUCKET_MINS.m)).toEqual([3, 2, 1, 1, 0, 1, 0, 0]);
    expect(bucketIndex(RFM_BUCKET_MINS.m, 49.99)).toBe(0);
    expect(bucketIndex(RFM_BUCKET_MINS.m, 50)).toBe(1);
    expect(bucketIndex(RFM_BUCKET_MINS.r, 9999)).toBe(7);
  });
});

describe('Value figures', () => {
  it('When the first order was 180 days before the data’s last day, Then 24 orders are 4 a month', () => {
    expect(lifetimeDays('2025-01-02', '2025-07-01')).toBe(180);
    expect(ordersPerMonth(24, 180)).toBe(4);
  });

  it('When the lifetime is shorter than a month, Then it counts as a month (no 30 orders/month from 1 order)', () => {
    expect(ordersPerMonth(1, 1)).toBe(1);
    expect(ordersPerMonth(3, 0)).toBe(3);
    expect(ordersPerMonth(7, 45)).toBe(4.67);
  });

  it('When days since the last order cross 30 and 90, Then activity goes active → sleeping → lost', () => {
    expect([0, 30, 31, 90, 91, null].map(activityOf)).toEqual([
      'active',
      'active',
      'sleeping',
      'sleeping',
      'lost',
      null,
    ]);
  });
});

describe('Tiers', () => {
  it('When a repeat customer has not bought for more than 60 days, Then they are a churn risk whatever the score', () => {
    expect(customerTier({ orders: 2, recencyDays: 61, rfmScore: 95 })).toBe('churn_risk');
    expect(customerTier({ orders: 2, recencyDays: 60, rfmScore: 95 })).toBe('vip');
    // One order long ago: low value, not a customer to win back.
    expect(customerTier({ orders: 1, recencyDays: 300, rfmScore: 12 })).toBe('low');
  });

  it('When the score crosses 80, 60 and 40, Then the tier is VIP, high, medium, low', () => {
    const tier = (rfmScore: number) => customerTier({ orders: 5, recencyDays: 3, rfmScore });
    expect([80, 79.9, 60, 59.9, 40, 39.9].map(tier)).toEqual([
      'vip',
      'high',
      'high',
      'medium',
      'medium',
      'low',
    ]);
    expect(customerTier({ orders: 0, recencyDays: null, rfmScore: 0 })).toBe('low');
  });
});

describe('Tags', () => {
  const base = {
    isMember: true,
    level: '金卡',
    tier: 'high' as const,
    orders: 3,
    ordersPerMonth: 0.5,
    avgOrderValue: 40,
    populationAvgOrderValue: 1655.5 / 26,
    reservations: 3,
    recencyDays: 5,
  };

  it('When a gold member books three times and bought 5 days ago, Then the tags say so in the fixed order', () => {
    expect(customerTags(base)).toEqual(['会员', '会员等级:金卡', '高价值', '预订常客', '活跃用户']);
  });

  it('When a guest-like customer buys weekly at a high ticket, Then 高频消费 and 高客单价 appear', () => {
    const tags = customerTags({
      ...base,
      isMember: false,
      level: null,
      orders: 12,
      ordersPerMonth: 4,
      avgOrderValue: 90,
      populationAvgOrderValue: 60,
      reservations: 2,
      recencyDays: 45,
    });
    // 90 = 1.5 × 60: exactly at the threshold counts.
    expect(tags).toEqual(['高价值', '高频消费', '高客单价', '沉睡用户']);
  });

  it('When fewer than the minimum orders, Then no habit tag even at a high rate or ticket', () => {
    const tags = customerTags({
      ...base,
      orders: 1,
      ordersPerMonth: 30,
      avgOrderValue: 500,
      reservations: 0,
    });
    expect(tags).toEqual(['会员', '会员等级:金卡', '高价值', '活跃用户']);
  });

  it('When shown in English, Then fixed tags are translated and member levels stay as data', () => {
    expect(tagLabel('流失风险', 'en')).toBe('Churn risk');
    expect(tagLabel('会员等级:金卡', 'en')).toBe('Level: 金卡');
    expect(tagLabel('会员等级:金卡', 'zh')).toBe('会员等级:金卡');
    expect(tagLabel('自定义', 'en')).toBe('自定义');
  });
});
