/**
 * AI marketing suggestions (seed 3 §4 "AI营销建议"): the contract between the rule engine in the BFF and the
 * dashboard panel. Every suggestion carries the figures it rests on (`evidence`), each traceable to the overview
 * of the same scope, to its own aggregate query, or to a written-down rule parameter.
 */
import { z } from 'zod';
import { segmentCustomerSchema } from './customers';
import { SEGMENT_KEYS } from './segments';

export const SUGGESTION_TYPES = [
  'vip_care',
  'winback',
  'repurchase_reminder',
  'first_to_second',
  'cross_sell',
  'off_peak',
  'channel_shift',
] as const;
export type SuggestionType = (typeof SUGGESTION_TYPES)[number];

export const SUGGESTION_PRIORITIES = ['high', 'medium', 'low'] as const;
export type SuggestionPriority = (typeof SUGGESTION_PRIORITIES)[number];

export const SUGGESTION_STATUSES = ['new', 'accepted', 'dismissed'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/** Third-party delivery platforms: orders there pay a commission the chain's own mini-program does not. */
export const PLATFORM_CHANNELS = ['meituan', 'eleme'] as const;

/** Targets that are not an RFM segment, each with its own membership rule (see the README). */
export const customTargetSchema = z.discriminatedUnion('rule', [
  /** ≥ 2 order days in scope and days since the last one > factor × their own mean gap between order days. */
  z.object({ rule: z.literal('repurchase_due'), overdueFactor: z.number() }),
  /** New customers of the scope (first order in the scope's stores in from..to) with exactly one order. */
  z.object({ rule: z.literal('first_to_second') }),
  /** Bought the antecedent product in scope and never the consequent. */
  z.object({
    rule: z.literal('cross_sell'),
    antecedent: z.string(),
    antecedentName: z.string(),
    consequent: z.string(),
    consequentName: z.string(),
  }),
  /** Ordered at least once in the hours fromHour..toHour (inclusive) in scope. */
  z.object({
    rule: z.literal('off_peak'),
    fromHour: z.number().int().min(0).max(23),
    toHour: z.number().int().min(0).max(23),
  }),
  /** Every completed order in scope went through these channels. */
  z.object({ rule: z.literal('platform_only'), channels: z.array(z.string()).min(1) }),
]);
export type CustomTarget = z.infer<typeof customTargetSchema>;

export const suggestionTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('segment'), segment: z.enum(SEGMENT_KEYS) }),
  z.object({ kind: z.literal('custom'), definition: customTargetSchema }),
]);
export type SuggestionTarget = z.infer<typeof suggestionTargetSchema>;

/** How a figure is read: a count, yuan, a share 0..1, a relative change, days, a plain ratio or an hour 0–23. */
export const FIGURE_UNITS = ['count', 'cny', 'share', 'change', 'days', 'ratio', 'hour'] as const;
export type FigureUnit = (typeof FIGURE_UNITS)[number];

/**
 * Where a figure comes from:
 *  - `overview`: the sum of the values at `paths` in GET /portrait/overview for the same scope (a path walks
 *    object keys; in an array it picks the element whose `key` or `hour` equals the step);
 *  - `derived`: `ratio[0] / ratio[1]` of two other figures of the same suggestion;
 *  - `analysis`: an aggregate of this feature's own queries (definitions in the README);
 *  - `rule`: a parameter of the rule itself (thresholds), written down in the README;
 *  - `model`: the churn model's per-customer predictions summed over the target (churn risk, high-risk
 *    customers and their value, predicted value), when a fitted model is plugged in.
 */
export const FIGURE_SOURCES = ['overview', 'derived', 'analysis', 'rule', 'model'] as const;
export type FigureSource = (typeof FIGURE_SOURCES)[number];

export const FIGURE_KEYS = [
  'revenue',
  'orders',
  'avgOrderValue',
  'activeCustomers',
  'activeCustomersChange',
  'newCustomers',
  'repurchaseRate',
  'repurchaseRateChange',
  'customerRevenue',
  'segmentCustomers',
  'segmentRevenue',
  'segmentRevenueShare',
  'segmentMeanRecencyDays',
  'churnProbabilityMean',
  'highChurnRiskCustomers',
  'slippingAwayCustomers',
  'highChurnRiskRevenue',
  'churnValueAtStake',
  'segmentPredictedValue',
  'repeatCustomers',
  'medianRepurchaseGapDays',
  'overdueFactor',
  'overdueCustomers',
  'overdueRevenue',
  'singleOrderNewCustomers',
  'singleOrderNewShare',
  'singleOrderNewRevenue',
  'baskets',
  'antecedentBaskets',
  'consequentBaskets',
  'pairBaskets',
  'support',
  'confidence',
  'lift',
  'minSupport',
  'minConfidence',
  'minLift',
  'crossSellCustomers',
  'consequentLineRevenue',
  'peakHour',
  'peakHourOrders',
  'windowFromHour',
  'windowEndHour',
  'windowOrders',
  'windowOrderShare',
  'windowCustomers',
  'platformOrders',
  'platformRevenue',
  'platformRevenueShare',
  'platformOnlyCustomers',
  'platformOnlyRevenue',
  'platformCommission',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

export const evidenceFigureSchema = z.object({
  key: z.enum(FIGURE_KEYS),
  value: z.number(),
  unit: z.enum(FIGURE_UNITS),
  source: z.enum(FIGURE_SOURCES),
  paths: z.array(z.array(z.string())).optional(),
  ratio: z.tuple([z.enum(FIGURE_KEYS), z.enum(FIGURE_KEYS)]).optional(),
});
export type EvidenceFigure = z.infer<typeof evidenceFigureSchema>;

/** The scope the figures came from: the resolved stores (null = the whole chain) and the days. */
export const evidenceScopeSchema = z.object({
  from: z.string(),
  to: z.string(),
  stores: z.array(z.string()).nullable(),
});
export type EvidenceScope = z.infer<typeof evidenceScopeSchema>;

export const localizedSchema = z.object({ zh: z.string(), en: z.string() });
export type Localized = z.infer<typeof localizedSchema>;

/** A range of extra (or kept) revenue: responders × value per responder, for a response rate range. */
export const expectedEffectSchema = z.object({
  low: z.number(),
  high: z.number(),
  responseRate: z.object({ low: z.number(), high: z.number() }),
  responders: z.object({ low: z.number().int(), high: z.number().int() }),
  valuePerResponder: z.number(),
  assumption: localizedSchema,
});
export type ExpectedEffect = z.infer<typeof expectedEffectSchema>;

export const suggestionSchema = z.object({
  id: z.number().int(),
  type: z.enum(SUGGESTION_TYPES),
  priority: z.enum(SUGGESTION_PRIORITIES),
  /** Yuan in play; priority is its share of the scope's revenue (README). */
  valueAtStake: z.number(),
  title: localizedSchema,
  content: localizedSchema,
  /** `llm` when a language model rewrote the rule text and its answer passed the number check. */
  writer: z.enum(['rules', 'llm']),
  target: suggestionTargetSchema,
  targetSize: z.number().int(),
  expectedEffect: expectedEffectSchema,
  evidence: z.object({ scope: evidenceScopeSchema, figures: z.array(evidenceFigureSchema) }),
  status: z.enum(SUGGESTION_STATUSES),
  statusBy: z.string().nullable(),
  statusAt: z.string().nullable(),
  generatedAt: z.string(),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

export const suggestionsResponseSchema = z.object({
  dataVersion: z.number().int(),
  generatedAt: z.string().nullable(),
  /** A language-model rewrite is still running: ask again shortly for the rewritten text. */
  rewriting: z.boolean(),
  /**
   * The churn model is being fitted: the win-back cards will be regenerated with its new run (ask again
   * shortly; cards generated without a fit rest on RFM recency alone).
   */
  modelRefitting: z.boolean(),
  suggestions: z.array(suggestionSchema),
});
export type SuggestionsResponse = z.infer<typeof suggestionsResponseSchema>;

export const suggestionStatusRequestSchema = z.object({
  status: z.enum(SUGGESTION_STATUSES, { error: `status must be one of ${SUGGESTION_STATUSES.join(', ')}` }),
});
export type SuggestionStatusRequest = z.infer<typeof suggestionStatusRequestSchema>;

export const suggestionIdSchema = z.object({
  id: z.coerce
    .number({ error: 'suggestion id must be a number' })
    .int('suggestion id must be a whole number')
    .min(1, 'suggestion id must be positive')
    .max(2_147_483_647, 'suggestion id is too large'),
});

/** A suggestion's target customers, one page (same row shape and masking as a segment's list). */
export const suggestionCustomersPageSchema = z.object({
  suggestionId: z.number().int(),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  customers: z.array(segmentCustomerSchema),
});
export type SuggestionCustomersPage = z.infer<typeof suggestionCustomersPageSchema>;

/** Labels of the evidence figures (the BFF sends them to the language model; the web shows them). */
export const FIGURE_LABELS: Record<FigureKey, Localized> = {
  revenue: { zh: '营收', en: 'Revenue' },
  orders: { zh: '订单数', en: 'Orders' },
  avgOrderValue: { zh: '客单价', en: 'Average order value' },
  activeCustomers: { zh: '活跃客户', en: 'Active customers' },
  activeCustomersChange: { zh: '活跃客户较上期', en: 'Active customers vs previous period' },
  newCustomers: { zh: '新客户', en: 'New customers' },
  repurchaseRate: { zh: '复购率', en: 'Repurchase rate' },
  repurchaseRateChange: { zh: '复购率较上期', en: 'Repurchase rate vs previous period' },
  customerRevenue: { zh: '会员客户营收（8 类分层合计）', en: 'Customer revenue (all 8 segments)' },
  segmentCustomers: { zh: '分层客户数', en: 'Customers in the segment' },
  segmentRevenue: { zh: '分层营收', en: 'Segment revenue' },
  segmentRevenueShare: { zh: '分层营收占会员客户营收', en: 'Segment share of customer revenue' },
  segmentMeanRecencyDays: { zh: '平均未消费天数', en: 'Mean days since last order' },
  churnProbabilityMean: { zh: '平均流失概率', en: 'Mean churn probability' },
  highChurnRiskCustomers: { zh: '高流失风险客户', en: 'High churn-risk customers' },
  slippingAwayCustomers: {
    zh: '其中在“正在流失的高价值客户”名单上',
    en: 'Of them on the "Valuable customers slipping away" list',
  },
  highChurnRiskRevenue: { zh: '高风险客户的本期营收', en: "High-risk customers' revenue in scope" },
  churnValueAtStake: {
    zh: '高风险客户近一年消费（流失预警的风险金额）',
    en: "High-risk customers' spend over the past year (the churn gauge's value at stake)",
  },
  segmentPredictedValue: { zh: '分层预测 12 个月价值', en: 'Predicted 12-month value of the segment' },
  repeatCustomers: { zh: '本期有 2 天以上消费的客户', en: 'Customers buying on 2+ days' },
  medianRepurchaseGapDays: { zh: '复购间隔中位数（天）', en: 'Median repurchase gap (days)' },
  overdueFactor: {
    zh: '逾期倍数（距上次 > 倍数 × 自身间隔）',
    en: 'Overdue factor (days since > factor × own gap)',
  },
  overdueCustomers: { zh: '已过复购周期的客户', en: 'Customers past their repurchase gap' },
  overdueRevenue: { zh: '这些客户的本期营收', en: 'Their revenue in scope' },
  singleOrderNewCustomers: { zh: '只下过 1 单的新客户', en: 'New customers with one order' },
  singleOrderNewShare: { zh: '占新客户比例', en: 'Share of new customers' },
  singleOrderNewRevenue: { zh: '这些新客户的营收', en: 'Their revenue' },
  baskets: { zh: '有商品明细的订单', en: 'Orders with items' },
  antecedentBaskets: { zh: '含前项商品的订单', en: 'Orders with the first product' },
  consequentBaskets: { zh: '含后项商品的订单', en: 'Orders with the second product' },
  pairBaskets: { zh: '同时含两者的订单', en: 'Orders with both' },
  support: { zh: '支持度', en: 'Support' },
  confidence: { zh: '置信度', en: 'Confidence' },
  lift: { zh: '提升度', en: 'Lift' },
  minSupport: { zh: '最低支持度', en: 'Minimum support' },
  minConfidence: { zh: '最低置信度', en: 'Minimum confidence' },
  minLift: { zh: '最低提升度', en: 'Minimum lift' },
  crossSellCustomers: { zh: '买过前项、未买后项的客户', en: 'Bought the first, never the second' },
  consequentLineRevenue: { zh: '后项每单平均金额', en: 'Second product, mean amount per order' },
  peakHour: { zh: '高峰时段（时）', en: 'Peak hour' },
  peakHourOrders: { zh: '高峰时段订单', en: 'Orders in the peak hour' },
  windowFromHour: { zh: '低谷开始（时）', en: 'Lull starts (hour)' },
  windowEndHour: { zh: '低谷结束（时）', en: 'Lull ends (hour)' },
  windowOrders: { zh: '低谷时段订单', en: 'Orders in the lull' },
  windowOrderShare: { zh: '低谷时段订单占比', en: 'Lull share of orders' },
  windowCustomers: { zh: '低谷时段下过单的客户', en: 'Customers who ordered in the lull' },
  platformOrders: { zh: '外卖平台订单', en: 'Delivery-platform orders' },
  platformRevenue: { zh: '外卖平台营收', en: 'Delivery-platform revenue' },
  platformRevenueShare: { zh: '外卖平台营收占比', en: 'Delivery-platform share of revenue' },
  platformOnlyCustomers: { zh: '只在外卖平台下单的客户', en: 'Customers ordering only on platforms' },
  platformOnlyRevenue: { zh: '这些客户的营收', en: 'Their revenue' },
  platformCommission: { zh: '假设的平台佣金率', en: 'Assumed platform commission' },
};
