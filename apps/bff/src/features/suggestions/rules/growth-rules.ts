/**
 * Grow what customers buy: the second order of new customers, products bought together, the afternoon (or
 * other) lull between peaks, and moving delivery-platform customers to the chain's own mini-program.
 */
import type { HourRow } from '@portrait/shared/portrait';
import { PLATFORM_CHANNELS } from '@portrait/shared/suggestions';
import type { DraftSuggestion, EngineInput, OffPeakWindow } from '../engine-types';
import {
  analysis,
  derived,
  expectedEffect,
  fromOverview,
  present,
  priorityOf,
  ruleParameter,
  valueOf,
} from '../figures';
import {
  ASSOCIATION,
  FIRST_TO_SECOND_MIN_SHARE,
  MIN_TARGET_CUSTOMERS,
  OFF_PEAK,
  PLATFORM_COMMISSION,
} from '../parameters';
import { count, hour, money, percent, ratio } from '../text-format';

const revenueFigure = (input: EngineInput) =>
  fromOverview(input.overview, 'revenue', 'cny', [['kpis', 'revenue', 'value']]);

export function firstToSecond(input: EngineInput): DraftSuggestion | null {
  const o = input.overview;
  const single = input.firstToSecond;
  const figures = present([
    fromOverview(o, 'newCustomers', 'count', [['kpis', 'newCustomers', 'value']]),
    analysis('singleOrderNewCustomers', 'count', single.customers),
    analysis('singleOrderNewRevenue', 'cny', single.revenue),
    fromOverview(o, 'repurchaseRate', 'share', [['kpis', 'repurchaseRate', 'value']]),
    revenueFigure(input),
  ]);
  figures.splice(
    2,
    0,
    derived(figures, 'singleOrderNewShare', 'share', 'singleOrderNewCustomers', 'newCustomers'),
  );
  const n = single.customers;
  const share = valueOf(figures, 'singleOrderNewShare');
  if (n < MIN_TARGET_CUSTOMERS || share < FIRST_TO_SECOND_MIN_SHARE) return null;
  const revenue = valueOf(figures, 'singleOrderNewRevenue');
  const newCustomers = valueOf(figures, 'newCustomers');
  return {
    type: 'first_to_second',
    targetKey: 'new_single_order',
    target: { kind: 'custom', definition: { rule: 'first_to_second' } },
    targetSize: n,
    valueAtStake: revenue,
    priority: priorityOf(revenue, valueOf(figures, 'revenue')),
    expectedEffect: expectedEffect('first_to_second', n, revenue / n, {
      zh: '其首单金额',
      en: 'the amount of their first order',
    }),
    figures,
    title: {
      zh: `促成 ${count(n)} 位新客户的第二单`,
      en: `Turn ${count(n)} new customers' first order into a second`,
    },
    content: {
      zh: `本期新客户 ${count(newCustomers)} 人，其中 ${count(n)} 人（${percent(share)}）只下过一单，营收 ${money(revenue, 'zh')}。建议首单后尽快发放第二单专享券，并推荐与首单相近的商品，把尝鲜客变成回头客。`,
      en: `${count(newCustomers)} new customers this period, of whom ${count(n)} (${percent(share)}) ordered only once, for ${money(revenue, 'en')}. Send a second-order coupon soon after the first order and suggest items like the ones they tried, to turn a trial into a habit.`,
    },
  };
}

export function crossSell(input: EngineInput, index: number): DraftSuggestion | null {
  const candidate = input.crossSell[index];
  if (!candidate) return null;
  const { rule, target } = candidate;
  const lineRevenue = rule.consequentBaskets > 0 ? rule.consequentAmount / rule.consequentBaskets : 0;
  const figures = present([
    analysis('baskets', 'count', rule.baskets),
    analysis('antecedentBaskets', 'count', rule.antecedentBaskets),
    analysis('consequentBaskets', 'count', rule.consequentBaskets),
    analysis('pairBaskets', 'count', rule.pairBaskets),
  ]);
  figures.push(derived(figures, 'support', 'share', 'pairBaskets', 'baskets'));
  figures.push(derived(figures, 'confidence', 'share', 'pairBaskets', 'antecedentBaskets'));
  figures.push(
    analysis(
      'lift',
      'ratio',
      (rule.pairBaskets * rule.baskets) / (rule.antecedentBaskets * rule.consequentBaskets),
    ),
    ruleParameter('minSupport', 'share', ASSOCIATION.minSupport),
    ruleParameter('minConfidence', 'share', ASSOCIATION.minConfidence),
    ruleParameter('minLift', 'ratio', ASSOCIATION.minLift),
    analysis('crossSellCustomers', 'count', target.customers),
    analysis('consequentLineRevenue', 'cny', lineRevenue),
    ...present([revenueFigure(input)]),
  );
  const n = target.customers;
  if (n < MIN_TARGET_CUSTOMERS) return null;
  const value = valueOf(figures, 'consequentLineRevenue');
  const valueAtStake = n * value;
  const a = rule.antecedentName;
  const b = rule.consequentName;
  const conf = valueOf(figures, 'confidence');
  const lift = valueOf(figures, 'lift');
  const support = valueOf(figures, 'support');
  return {
    type: 'cross_sell',
    targetKey: `${rule.antecedent}>${rule.consequent}`,
    target: {
      kind: 'custom',
      definition: {
        rule: 'cross_sell',
        antecedent: rule.antecedent,
        antecedentName: a,
        consequent: rule.consequent,
        consequentName: b,
      },
    },
    targetSize: n,
    valueAtStake,
    priority: priorityOf(valueAtStake, valueOf(figures, 'revenue')),
    expectedEffect: expectedEffect('cross_sell', n, value, {
      zh: `「${b}」每单平均金额`,
      en: `the mean amount of ${b} per order`,
    }),
    figures,
    title: { zh: `向买「${a}」的客户推荐「${b}」`, en: `Offer ${b} to customers who buy ${a}` },
    content: {
      zh: `本期 ${count(rule.baskets)} 单中，含「${a}」的订单有 ${percent(conf)} 也买了「${b}」，提升度 ${ratio(lift)}（支持度 ${percent(support)}）。${count(n)} 位买过「${a}」却从未买过「${b}」的客户，建议推送「${a}+${b}」组合价或下单加购提示。`,
      en: `Of ${count(rule.baskets)} orders this period, ${percent(conf)} of those with ${a} also had ${b}: a lift of ${ratio(lift)} (support ${percent(support)}). ${count(n)} customers bought ${a} but never ${b}: offer them a bundle price for ${a} + ${b}, or an add-on prompt at checkout.`,
    },
  };
}

/**
 * The lull: between the first and last hour with at least half the peak hour's orders, the longest run of
 * two or more hours each below that level (ties: the earliest). Null when the day has no such valley.
 */
export function findOffPeakWindow(hourly: readonly HourRow[]): OffPeakWindow | null {
  let peak: HourRow | undefined;
  for (const row of hourly) if (!peak || row.orders > peak.orders) peak = row;
  if (!peak || peak.orders === 0) return null;
  const busy = (row: HourRow) => row.orders >= OFF_PEAK.busyShareOfPeak * (peak?.orders ?? 0);
  const byHour = [...hourly].sort((x, y) => x.hour - y.hour);
  const first = byHour.findIndex(busy);
  const last = byHour.length - 1 - [...byHour].reverse().findIndex(busy);
  let best: { from: number; to: number } | null = null;
  let runStart = -1;
  for (let i = first + 1; i <= last; i++) {
    const row = byHour[i];
    if (row && !busy(row)) {
      if (runStart < 0) runStart = i;
      const length = i - runStart + 1;
      if (!best || length > best.to - best.from + 1) best = { from: runStart, to: i };
    } else runStart = -1;
  }
  if (!best || best.to - best.from + 1 < OFF_PEAK.minHours) return null;
  const fromHour = byHour[best.from]?.hour ?? 0;
  const toHour = byHour[best.to]?.hour ?? 0;
  return { fromHour, toHour, peakHour: peak.hour };
}

export function offPeak(input: EngineInput): DraftSuggestion | null {
  if (!input.offPeak) return null;
  const o = input.overview;
  const { window, target } = input.offPeak;
  const hours = Array.from({ length: window.toHour - window.fromHour + 1 }, (_, i) => window.fromHour + i);
  const figures = present([
    fromOverview(o, 'peakHour', 'hour', [['hourly', String(window.peakHour), 'hour']]),
    fromOverview(o, 'peakHourOrders', 'count', [['hourly', String(window.peakHour), 'orders']]),
    fromOverview(o, 'windowFromHour', 'hour', [['hourly', String(window.fromHour), 'hour']]),
    analysis('windowEndHour', 'hour', window.toHour + 1),
    fromOverview(
      o,
      'windowOrders',
      'count',
      hours.map((h) => ['hourly', String(h), 'orders']),
    ),
    fromOverview(o, 'orders', 'count', [['kpis', 'orders', 'value']]),
  ]);
  figures.push(
    derived(figures, 'windowOrderShare', 'share', 'windowOrders', 'orders'),
    analysis('windowCustomers', 'count', target.customers),
    ...present([
      fromOverview(o, 'avgOrderValue', 'cny', [['kpis', 'avgOrderValue', 'value']]),
      revenueFigure(input),
    ]),
  );
  const n = target.customers;
  if (n < MIN_TARGET_CUSTOMERS) return null;
  const peakOrders = valueOf(figures, 'peakHourOrders');
  const aov = valueOf(figures, 'avgOrderValue');
  // Growth value: one more order in the lull from every customer who already orders then.
  const valueAtStake = n * aov;
  const span = `${hour(window.fromHour)}–${hour(window.toHour + 1)}`;
  const windowOrders = valueOf(figures, 'windowOrders');
  const share = valueOf(figures, 'windowOrderShare');
  return {
    type: 'off_peak',
    targetKey: `${window.fromHour}-${window.toHour}`,
    target: {
      kind: 'custom',
      definition: { rule: 'off_peak', fromHour: window.fromHour, toHour: window.toHour },
    },
    targetSize: n,
    valueAtStake,
    priority: priorityOf(valueAtStake, valueOf(figures, 'revenue')),
    expectedEffect: expectedEffect('off_peak', n, aov, { zh: '客单价', en: 'the average order value' }),
    figures,
    title: { zh: `${span} 低谷时段限时优惠`, en: `A limited-time offer for the ${span} lull` },
    content: {
      zh: `高峰 ${hour(window.peakHour)} 一小时有 ${count(peakOrders)} 单，而 ${span} 合计只有 ${count(windowOrders)} 单，占本期订单的 ${percent(share)}。建议在该时段推出限时套餐或第二份半价，先推送给在此时段下过单的 ${count(n)} 位客户。`,
      en: `The ${hour(window.peakHour)} peak hour has ${count(peakOrders)} orders, while ${span} has only ${count(windowOrders)} in all, ${percent(share)} of the period's orders. Run a limited-time combo or half-price second item in these hours, first for the ${count(n)} customers who already order then.`,
    },
  };
}

export function channelShift(input: EngineInput): DraftSuggestion | null {
  const o = input.overview;
  const platforms = PLATFORM_CHANNELS.filter((c) => o.channels.byChannel.some((r) => r.key === c));
  const only = input.platformOnly;
  const figures = present([
    fromOverview(
      o,
      'platformOrders',
      'count',
      platforms.map((c) => ['channels', 'byChannel', c, 'orders']),
    ),
    fromOverview(
      o,
      'platformRevenue',
      'cny',
      platforms.map((c) => ['channels', 'byChannel', c, 'revenue']),
    ),
    revenueFigure(input),
  ]);
  figures.push(
    derived(figures, 'platformRevenueShare', 'share', 'platformRevenue', 'revenue'),
    analysis('platformOnlyCustomers', 'count', only.customers),
    analysis('platformOnlyRevenue', 'cny', only.revenue),
    ruleParameter('platformCommission', 'share', PLATFORM_COMMISSION),
  );
  const n = only.customers;
  if (n < MIN_TARGET_CUSTOMERS) return null;
  const revenue = valueOf(figures, 'platformOnlyRevenue');
  const valueAtStake = revenue * PLATFORM_COMMISSION;
  return {
    type: 'channel_shift',
    targetKey: 'platform_only',
    target: { kind: 'custom', definition: { rule: 'platform_only', channels: [...PLATFORM_CHANNELS] } },
    targetSize: n,
    valueAtStake,
    priority: priorityOf(valueAtStake, valueOf(figures, 'revenue')),
    expectedEffect: expectedEffect('channel_shift', n, valueAtStake / n, {
      zh: `其平台消费 ${percent(PLATFORM_COMMISSION)} 的佣金`,
      en: `the ${percent(PLATFORM_COMMISSION)} commission on their platform spend`,
    }),
    figures,
    title: {
      zh: `引导 ${count(n)} 位外卖平台客户改用小程序`,
      en: `Move ${count(n)} delivery-platform customers to the mini-program`,
    },
    content: {
      zh: `美团、饿了么本期 ${count(valueOf(figures, 'platformOrders'))} 单、营收 ${money(valueOf(figures, 'platformRevenue'), 'zh')}，占总营收 ${percent(valueOf(figures, 'platformRevenueShare'))}；其中 ${count(n)} 位客户只在平台下单，营收 ${money(revenue, 'zh')}。建议在外卖包装中放入小程序专享券，引导他们改在小程序下单，省下 ${percent(PLATFORM_COMMISSION)} 左右的平台佣金。`,
      en: `Meituan and Ele.me carried ${count(valueOf(figures, 'platformOrders'))} orders this period, ${money(valueOf(figures, 'platformRevenue'), 'en')} or ${percent(valueOf(figures, 'platformRevenueShare'))} of revenue; ${count(n)} customers ordered only there, for ${money(revenue, 'en')}. Put a mini-program-only coupon in delivery bags so they order from the mini-program next time, saving the ${percent(PLATFORM_COMMISSION)} platform commission.`,
    },
  };
}
