/**
 * The engine without a database: the churn model's optional plug-in to the win-back rule, the lull finder's
 * edge cases, and determinism of the whole rule set on one input.
 */
import { KPI_KEYS, type Overview } from '@portrait/shared/portrait';
import { SEGMENT_KEYS } from '@portrait/shared/segments';
import { describe, expect, it } from 'vitest';
import { buildSuggestions } from '../engine';
import type { EngineInput } from '../engine-types';
import { numberCheckContext } from '../llm-payload';
import { checkNumbers } from '../number-check';
import { findOffPeakWindow } from '../rules/growth-rules';
import { winback } from '../rules/retention-rules';

const none = { customers: 0, orders: 0, revenue: 0 };

function overview(): Overview {
  const kpi = (value: number | null) => ({ value, previous: null, change: null });
  const kpis = Object.fromEntries(KPI_KEYS.map((k) => [k, kpi(0)])) as Overview['kpis'];
  kpis.revenue = kpi(10_000);
  kpis.orders = kpi(250);
  kpis.avgOrderValue = kpi(40);
  kpis.activeCustomers = { value: 100, previous: 120, change: -1 / 6 };
  const revenue: Record<string, number> = {
    important_value: 5000,
    important_winback: 2000,
    general_value: 1000,
  };
  const count: Record<string, number> = { important_value: 20, important_winback: 10, general_value: 70 };
  return {
    scope: {
      from: '2025-06-01',
      to: '2025-06-30',
      cities: [],
      stores: [],
      previousFrom: '2025-05-02',
      previousTo: '2025-05-31',
    },
    kpis,
    segments: SEGMENT_KEYS.map((key) => ({ key, count: count[key] ?? 0, revenue: revenue[key] ?? 0 })),
    hourly: Array.from({ length: 24 }, (_, hour) => ({ hour, orders: 0, revenue: 0, customers: 0 })),
    topProducts: [],
    channels: { byChannel: [], byOrderType: [] },
  };
}

function input(over: Partial<EngineInput> = {}): EngineInput {
  return {
    scope: { from: '2025-06-01', to: '2025-06-30', stores: null },
    overview: overview(),
    segmentRecency: { important_winback: 21.5 },
    repurchase: { repeatCustomers: 0, medianGapDays: null, overdue: none },
    firstToSecond: none,
    crossSell: [],
    offPeak: null,
    platformOnly: none,
    ...over,
  };
}

describe('The engine without a database', () => {
  it('When no churn model is plugged in, Then win-back rests on RFM recency alone', () => {
    const s = winback(input(), 'important_winback');
    expect(s?.figures.map((f) => f.source)).not.toContain('model');
    expect(s?.figures.find((f) => f.key === 'segmentMeanRecencyDays')?.value).toBe(21.5);
    expect(s?.content.zh).toContain('21.5 天');
  });

  it('When a churn model is plugged in, Then its summary joins the evidence and the text, sets the value at stake, and passes the number rule', () => {
    const summary = {
      scored: 10,
      meanChurnRisk: 0.62,
      highRisk: 7,
      slippingAway: 5,
      highRiskRevenue: 1500,
      valueAtStake: 3210.5,
      predictedValue: 812.25,
    };
    const s = winback(input({ churn: { important_winback: summary } }), 'important_winback');
    if (!s) throw new Error('expected a win-back suggestion');
    expect(s.figures.filter((f) => f.source === 'model')).toEqual([
      { key: 'churnProbabilityMean', unit: 'share', source: 'model', value: 0.62 },
      { key: 'highChurnRiskCustomers', unit: 'count', source: 'model', value: 7 },
      { key: 'slippingAwayCustomers', unit: 'count', source: 'model', value: 5 },
      { key: 'highChurnRiskRevenue', unit: 'cny', source: 'model', value: 1500 },
      { key: 'churnValueAtStake', unit: 'cny', source: 'model', value: 3210.5 },
      { key: 'segmentPredictedValue', unit: 'cny', source: 'model', value: 812.25 },
    ]);
    // The value at stake is the high-risk customers' revenue: 1,500 of the scope's 10,000 = 15 % → high.
    expect(s).toMatchObject({ valueAtStake: 1500, priority: 'high', targetSize: 10 });
    expect(s.content.zh).toContain('平均流失概率 62%');
    expect(s.content.en).toContain('7 of them at high risk');
    const ctx = numberCheckContext(s, input().scope);
    for (const text of [s.title.zh, s.title.en, s.content.zh, s.content.en])
      expect(checkNumbers(text, ctx), text).toEqual({ ok: true });
  });

  it('When the model expects most of the segment back, Then the priority falls with the revenue at high risk; when it scored none, Then RFM alone decides', () => {
    const few = { scored: 10, meanChurnRisk: 0.2, highRisk: 1, slippingAway: 1, highRiskRevenue: 200 };
    const base = { valueAtStake: 300, predictedValue: 1500 };
    const low = winback(input({ churn: { important_winback: { ...few, ...base } } }), 'important_winback');
    // 200 of 10,000 = 2 % → low; without the model the segment's 2,000 (20 %) would make it high.
    expect(low).toMatchObject({ valueAtStake: 200, priority: 'low' });
    expect(winback(input(), 'important_winback')).toMatchObject({ valueAtStake: 2000, priority: 'high' });
    const none = { ...few, ...base, scored: 0, highRisk: 0, slippingAway: 0, highRiskRevenue: 0 };
    const unscored = winback(input({ churn: { important_winback: none } }), 'important_winback');
    expect(unscored).toMatchObject({ valueAtStake: 2000, priority: 'high' });
    expect(unscored?.figures.map((f) => f.source)).not.toContain('model');
  });

  it('When the same input is given twice, Then the suggestions are identical', () => {
    expect(buildSuggestions(input())).toEqual(buildSuggestions(input()));
    expect(buildSuggestions(input()).map((s) => s.type)).toEqual(['vip_care', 'winback']);
  });

  it('When the day has no orders, one peak only, or ties, Then the lull finder says so precisely', () => {
    const hours = (orders: Record<number, number>) =>
      Array.from({ length: 24 }, (_, hour) => ({
        hour,
        orders: orders[hour] ?? 0,
        revenue: 0,
        customers: 0,
      }));
    expect(findOffPeakWindow(hours({}))).toBeNull();
    expect(findOffPeakWindow(hours({ 11: 5, 12: 10, 13: 5 }))).toBeNull();
    // Two equal lulls: the earliest wins; the peak is the earliest of equal hours.
    expect(findOffPeakWindow(hours({ 8: 10, 9: 1, 10: 1, 11: 10, 12: 1, 13: 1, 14: 10 }))).toEqual({
      fromHour: 9,
      toHour: 10,
      peakHour: 8,
    });
    // Exactly half the peak counts as busy.
    expect(findOffPeakWindow(hours({ 8: 10, 9: 5, 10: 5, 11: 10 }))).toBeNull();
  });
});
