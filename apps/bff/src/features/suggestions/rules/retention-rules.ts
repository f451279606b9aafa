/**
 * Keep the revenue the chain already has: care for VIPs (重要价值), win back valuable customers who are slipping
 * (重要挽留 / 重要保持), and remind repeat customers who are past their own repurchase gap.
 */
import type { Overview } from '@portrait/shared/portrait';
import { SEGMENT_KEYS, SEGMENT_LABELS, type SegmentKey } from '@portrait/shared/segments';
import type { EvidenceFigure } from '@portrait/shared/suggestions';
import type { DraftSuggestion, EngineInput } from '../engine-types';
import {
  analysis,
  derived,
  expectedEffect,
  fromOverview,
  modelFigure,
  present,
  priorityOf,
  ruleParameter,
  valueOf,
} from '../figures';
import {
  MIN_TARGET_CUSTOMERS,
  OVERDUE_FACTOR,
  VIP_MIN_REVENUE_SHARE,
  WINBACK_MIN_REVENUE_SHARE,
} from '../parameters';
import { count, days, money, percent, ratio } from '../text-format';

const MEAN_REVENUE = { zh: '本期人均消费', en: 'their mean revenue this period' };

function segmentFigures(o: Overview, key: SegmentKey): EvidenceFigure[] {
  const figures = [
    fromOverview(o, 'segmentCustomers', 'count', [['segments', key, 'count']]),
    fromOverview(o, 'segmentRevenue', 'cny', [['segments', key, 'revenue']]),
    fromOverview(
      o,
      'customerRevenue',
      'cny',
      SEGMENT_KEYS.map((k) => ['segments', k, 'revenue']),
    ),
  ];
  figures.push(derived(figures, 'segmentRevenueShare', 'share', 'segmentRevenue', 'customerRevenue'));
  figures.push(fromOverview(o, 'revenue', 'cny', [['kpis', 'revenue', 'value']]));
  return present(figures);
}

export function vipCare(input: EngineInput): DraftSuggestion | null {
  const o = input.overview;
  const figures = present([
    ...segmentFigures(o, 'important_value'),
    fromOverview(o, 'repurchaseRate', 'share', [['kpis', 'repurchaseRate', 'value']]),
  ]);
  const n = valueOf(figures, 'segmentCustomers');
  const revenue = valueOf(figures, 'segmentRevenue');
  const share = valueOf(figures, 'segmentRevenueShare');
  if (n < MIN_TARGET_CUSTOMERS || share < VIP_MIN_REVENUE_SHARE) return null;
  return {
    type: 'vip_care',
    targetKey: 'important_value',
    target: { kind: 'segment', segment: 'important_value' },
    targetSize: n,
    valueAtStake: revenue,
    priority: priorityOf(revenue, valueOf(figures, 'revenue')),
    expectedEffect: expectedEffect('vip_care', n, revenue / n, MEAN_REVENUE),
    figures,
    title: {
      zh: `重点维护 ${count(n)} 位重要价值客户`,
      en: `Look after ${count(n)} important-value customers`,
    },
    content: {
      zh: `重要价值客户共 ${count(n)} 人，本期贡献会员客户营收的 ${percent(share)}（${money(revenue, 'zh')}）。建议提供会员专属权益（新品优先尝鲜、生日礼、自提免排队），并由店长定期回访，稳住核心营收。`,
      en: `${count(n)} important-value customers brought ${percent(share)} of customer revenue this period (${money(revenue, 'en')}). Offer member-only perks (first taste of new items, birthday treats, skip-the-queue pickup) and regular check-ins from store managers to keep this core revenue.`,
    },
  };
}

const WINBACK_ACTION = {
  important_winback: {
    zh: '建议发送限时回归券（如满减或招牌单品折扣），未回应的客户再由门店电话回访。',
    en: 'Send a time-limited come-back coupon (money off or a signature item at a discount) and follow up by phone with those who do not respond.',
  },
  important_retention: {
    zh: '建议在他们常去的门店推送专属回归礼，并提醒未用的会员积分与权益，赶在流失前唤回。',
    en: 'Send a welcome-back gift for their usual store and remind them of unused member points and perks, before they are lost.',
  },
} as const;

/**
 * Win-back of one valuable but not recent segment. With the churn model's summary of the segment, the model's
 * figures join the evidence and the value at stake is the revenue in scope of the customers it puts at high
 * risk (the part of the segment's revenue likely to stop); without one, the whole segment's revenue in scope.
 */
export function winback(
  input: EngineInput,
  segment: 'important_winback' | 'important_retention',
): DraftSuggestion | null {
  const o = input.overview;
  const recency = input.segmentRecency[segment];
  const summary = input.churn?.[segment];
  const churn = summary && summary.scored > 0 ? summary : null;
  const figures = present([
    ...segmentFigures(o, segment),
    recency === undefined ? null : analysis('segmentMeanRecencyDays', 'days', recency),
    fromOverview(o, 'activeCustomersChange', 'change', [['kpis', 'activeCustomers', 'change']]),
    ...(churn
      ? [
          modelFigure('churnProbabilityMean', 'share', churn.meanChurnRisk),
          modelFigure('highChurnRiskCustomers', 'count', churn.highRisk),
          modelFigure('slippingAwayCustomers', 'count', churn.slippingAway),
          modelFigure('highChurnRiskRevenue', 'cny', churn.highRiskRevenue),
          modelFigure('churnValueAtStake', 'cny', churn.valueAtStake),
          modelFigure('segmentPredictedValue', 'cny', churn.predictedValue),
        ]
      : []),
  ]);
  const n = valueOf(figures, 'segmentCustomers');
  const revenue = valueOf(figures, 'segmentRevenue');
  const share = valueOf(figures, 'segmentRevenueShare');
  if (n < MIN_TARGET_CUSTOMERS || share < WINBACK_MIN_REVENUE_SHARE) return null;
  const label = SEGMENT_LABELS[segment];
  const meanDays = valueOf(figures, 'segmentMeanRecencyDays');
  const atStake = churn ? valueOf(figures, 'highChurnRiskRevenue') : revenue;
  const risk = churn
    ? {
        zh: `流失模型判断其中 ${count(churn.highRisk)} 人流失风险高（平均流失概率 ${percent(churn.meanChurnRisk)}），他们本期营收 ${money(atStake, 'zh')}、近一年消费 ${money(valueOf(figures, 'churnValueAtStake'), 'zh')}，${count(churn.slippingAway)} 人已列入“正在流失的高价值客户”。`,
        en: ` The churn model puts ${count(churn.highRisk)} of them at high risk (mean churn probability ${percent(churn.meanChurnRisk)}): ${money(atStake, 'en')} of revenue this period and ${money(valueOf(figures, 'churnValueAtStake'), 'en')} over the past year; ${count(churn.slippingAway)} are on the "Valuable customers slipping away" list.`,
      }
    : { zh: '', en: '' };
  const verb =
    segment === 'important_winback' ? { zh: '挽回', en: 'Win back' } : { zh: '唤回', en: 'Bring back' };
  return {
    type: 'winback',
    targetKey: segment,
    target: { kind: 'segment', segment },
    targetSize: n,
    valueAtStake: atStake,
    priority: priorityOf(atStake, valueOf(figures, 'revenue')),
    expectedEffect: expectedEffect('winback', n, revenue / n, MEAN_REVENUE),
    figures,
    title: {
      zh: `${verb.zh} ${count(n)} 位${label.zh}`,
      en: `${verb.en} ${count(n)} ${label.en.toLowerCase()} customers`,
    },
    content: {
      zh: `这些客户消费金额高，但最近一次下单平均已过去 ${days(meanDays)} 天；本期营收 ${money(revenue, 'zh')}，占会员客户营收的 ${percent(share)}。${risk.zh}${WINBACK_ACTION[segment].zh}`,
      en: `These customers spend a lot, but their last order was ${days(meanDays)} days ago on average; they brought ${money(revenue, 'en')} this period, ${percent(share)} of customer revenue.${risk.en} ${WINBACK_ACTION[segment].en}`,
    },
  };
}

export function repurchaseReminder(input: EngineInput): DraftSuggestion | null {
  const o = input.overview;
  const r = input.repurchase;
  const figures = present([
    analysis('repeatCustomers', 'count', r.repeatCustomers),
    r.medianGapDays === null ? null : analysis('medianRepurchaseGapDays', 'days', r.medianGapDays),
    ruleParameter('overdueFactor', 'ratio', OVERDUE_FACTOR),
    analysis('overdueCustomers', 'count', r.overdue.customers),
    analysis('overdueRevenue', 'cny', r.overdue.revenue),
    fromOverview(o, 'repurchaseRate', 'share', [['kpis', 'repurchaseRate', 'value']]),
    fromOverview(o, 'repurchaseRateChange', 'change', [['kpis', 'repurchaseRate', 'change']]),
    fromOverview(o, 'avgOrderValue', 'cny', [['kpis', 'avgOrderValue', 'value']]),
    fromOverview(o, 'revenue', 'cny', [['kpis', 'revenue', 'value']]),
  ]);
  const n = r.overdue.customers;
  if (n < MIN_TARGET_CUSTOMERS) return null;
  const revenue = valueOf(figures, 'overdueRevenue');
  const gap = valueOf(figures, 'medianRepurchaseGapDays');
  const aov = valueOf(figures, 'avgOrderValue');
  return {
    type: 'repurchase_reminder',
    targetKey: `overdue>${OVERDUE_FACTOR}`,
    target: { kind: 'custom', definition: { rule: 'repurchase_due', overdueFactor: OVERDUE_FACTOR } },
    targetSize: n,
    valueAtStake: revenue,
    priority: priorityOf(revenue, valueOf(figures, 'revenue')),
    expectedEffect: expectedEffect('repurchase_reminder', n, aov, {
      zh: '客单价',
      en: 'the average order value',
    }),
    figures,
    title: {
      zh: `提醒 ${count(n)} 位已过复购周期的客户`,
      en: `Remind ${count(n)} customers who are past their usual repurchase gap`,
    },
    content: {
      zh: `本期有 ${count(r.repeatCustomers)} 位客户在不同日期多次下单，复购间隔中位数 ${days(gap)} 天；其中 ${count(n)} 位距上次下单已超过自身平均间隔的 ${ratio(OVERDUE_FACTOR)} 倍，他们本期营收 ${money(revenue, 'zh')}。建议按每人自己的购买周期推送提醒和小额优惠券。`,
      en: `${count(r.repeatCustomers)} customers ordered on more than one day this period, with a median gap of ${days(gap)} days; ${count(n)} of them are now past ${ratio(OVERDUE_FACTOR)} times their own mean gap, and brought ${money(revenue, 'en')} this period. Send each a reminder with a small coupon timed to their own buying rhythm.`,
    },
  };
}
