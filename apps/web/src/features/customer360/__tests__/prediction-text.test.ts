import { explainDrivers, type ReadyPredictions } from '@portrait/shared/customer360-predictions';
import { describe, expect, it } from 'vitest';
import { formatters } from '../../../lib/format';
import { createI18n } from '../../../lib/i18n';
import {
  expectedCountText,
  outlookNotes,
  predictionReasons,
  probabilityText,
} from '../utils/prediction-text';

const zh = { t: createI18n('zh-CN').t, f: formatters('zh-CN') };
const en = { t: createI18n('en-US').t, f: formatters('en-US') };

/** A regular who bought on 11 days, every 10 days, and has not come for 45 days (4.5 gaps). */
function lapsedRegular(): ReadyPredictions {
  const { explanation, drivers } = explainDrivers({
    purchaseDays: 11,
    firstDay: '2025-02-04',
    lastDay: '2025-05-15',
    asOfDay: '2025-06-29',
    repeatSpend: 35.2,
  });
  return {
    status: 'ready',
    model: {
      run_id: 1,
      as_of_day: '2025-06-29',
      fitted_at: '2025-06-30T01:00:00Z',
      age_seconds: 60,
      current: true,
      refitting: false,
    },
    p_active: 0.31,
    churn_risk: 0.87,
    risk_band: 'high',
    expected_orders_30: 0.42,
    expected_orders_90: 1.1,
    expected_orders_365: 3.84,
    expected_spend_per_visit: 33.6,
    predicted_value_12m: 118.4,
    cluster: null,
    explanation,
    drivers,
  };
}

describe('Why the models say what they say', () => {
  it('When a regular is 4.5 gaps late, Then the reasons name the days, the gap, the purchase days and the value’s make-up', () => {
    const p = lapsedRegular();
    expect(p.explanation.rhythm).toBe('long_overdue');
    expect(predictionReasons(p, zh.t, zh.f)).toEqual([
      '最近一次消费在 45 天前，是平时间隔（约 10 天）的 4.5 倍：这是流失风险高的主要原因。',
      '自 2025年2月4日 起共 11 个消费日：消费日越多，模型越相信其自身的购买频率。',
      '预测价值 ≈ 未来 12 个月约 3.8 次 × 每次约 ¥33.60（参考其复购时平均每次 ¥35.20，并向全体顾客的水平收拢），按年 10% 折现。',
    ]);
    expect(predictionReasons(p, en.t, en.f)[0]).toBe(
      'Last bought 45 days ago, 4.5 times the usual gap of about 10 days: the main reason for the risk.',
    );
  });

  it('When a store manager looks (no chain-wide drivers), Then the reasons keep the levels and give no other store’s figures', () => {
    const p = { ...lapsedRegular(), drivers: null };
    const reasons = predictionReasons(p, zh.t, zh.f);
    expect(reasons).toEqual([
      '距上次消费已超过其平时间隔的 3 倍：这是流失风险高的主要原因。',
      '已有 5 个以上消费日，预测主要依据其自身的购买频率。',
      '预测价值 ≈ 未来 12 个月约 3.8 次 × 每次约 ¥33.60（参考其复购时的消费，并向全体顾客的水平收拢），按年 10% 折现。',
    ]);
    expect(reasons.join('')).not.toMatch(/45|35\.20|2025/);
  });

  it('When a customer came once, Then the reasons say why P(active) is 100 % and that spend is the chain’s typical', () => {
    const once = explainDrivers({
      purchaseDays: 1,
      firstDay: '2025-06-29',
      lastDay: '2025-06-29',
      asOfDay: '2025-06-29',
      repeatSpend: 0,
    });
    const p = { ...lapsedRegular(), ...once, p_active: 1 };
    const reasons = predictionReasons(p, en.t, en.f);
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatch(/^One purchase day only/);
    expect(reasons[1]).toMatch(/no repeat visit yet/);
  });

  it('When the tier and the model disagree about churn, or the profile counts some stores only, Then a note explains it', () => {
    const high = lapsedRegular();
    expect(outlookNotes(high, 'churn_risk', false)).toEqual([]);
    expect(outlookNotes(high, 'vip', false)).toEqual(['modelChurnTierNot']);
    expect(outlookNotes({ ...high, risk_band: 'medium' }, 'churn_risk', true)).toEqual([
      'tierChurnModelNot',
      'chainWide',
    ]);
    expect(outlookNotes({ ...high, risk_band: 'low' }, 'high', false)).toEqual([]);
  });

  it('When probabilities and expectations are tiny or near certain, Then they never read as a rounded 0 % or 100 %', () => {
    expect([0, 0.00000009, 0.004, 0.37, 0.996, 1].map((p) => probabilityText(p, zh.f))).toEqual([
      '<1%',
      '<1%',
      '<1%',
      '37%',
      '>99%',
      '>99%',
    ]);
    // P(active) after one purchase day is exactly 1 by the model's design.
    expect(probabilityText(1, zh.f, true)).toBe('100%');
    expect([0, 0.000003, 0.05, 3.84].map((n) => expectedCountText(n, en.f))).toEqual([
      '0',
      '<0.1',
      '0.1',
      '3.8',
    ]);
  });
});
