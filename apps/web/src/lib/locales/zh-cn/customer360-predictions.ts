/** Customer 360：流失与价值预测（BG/NBD · Gamma-Gamma 模型）。 */
export const zhCustomer360Predictions = {
  title: '流失与价值预测',
  subtitle: 'BG/NBD 与 Gamma-Gamma 模型',
  fitting: '模型正在拟合，完成后自动显示…',
  unscored: '这位顾客的首单在上次拟合之后，下次拟合后才有预测。',
  unscoredRefitting: '这位顾客的首单在上次拟合之后，模型正在重新拟合…',
  bands: { low: '低风险', medium: '中风险', high: '高风险' },
  churnRisk: '流失风险',
  churnRiskHint: '未来 90 天不再消费的概率；≥ 50% 为中风险，≥ 80% 为高风险',
  pActive: '仍活跃概率',
  pActiveHint: '模型估计这位顾客仍是活跃顾客（尚未流失）的概率',
  expected: '预计消费次数',
  expectedHint: '未来 30 / 90 / 365 天预计的消费天数（一天内多单计为一次）',
  expectedDays: '{{days}} 天内',
  value: '预测 12 个月价值',
  valueHint: '未来 12 个月的预期消费，按年 10% 折现',
  perVisit: '每次约 {{amount}}',
  cluster: 'k-means 分群：{{name}}',
  why: '影响预测的因素',
  today: '当天',
  daysAgo: ' {{count}} 天前',
  singleVisit:
    '只有 1 个消费日：模型还分不清“不再来”和“还没到下次”，按设计仍活跃概率为 100%，流失风险取决于同类顾客隔多久才再来。',
  rhythm: {
    on_rhythm: '最近一次消费在{{since}}，平时约每 {{gap}} 天来一次，仍在其正常节奏内。',
    late: '最近一次消费在{{since}}，是平时间隔（约 {{gap}} 天）的 {{ratio}} 倍，已开始偏离节奏。',
    long_overdue:
      '最近一次消费在{{since}}，是平时间隔（约 {{gap}} 天）的 {{ratio}} 倍：这是流失风险高的主要原因。',
  },
  rhythmLevel: {
    on_rhythm: '距上次消费仍在其平时间隔的 1.5 倍以内，节奏正常。',
    late: '距上次消费已超过其平时间隔的 1.5 倍，开始偏离节奏。',
    long_overdue: '距上次消费已超过其平时间隔的 3 倍：这是流失风险高的主要原因。',
  },
  purchaseDays: '自 {{first}} 起共 {{count}} 个消费日：消费日越多，模型越相信其自身的购买频率。',
  frequencyLevel: {
    few: '消费日不多（2–4 天），预测更多参考全体顾客的规律。',
    regular: '已有 5 个以上消费日，预测主要依据其自身的购买频率。',
    frequent: '已有 20 个以上消费日，是稳定的常客，预测主要依据其自身的购买频率。',
  },
  spendOwn:
    '预测价值 ≈ 未来 12 个月约 {{visits}} 次 × 每次约 {{perVisit}}（参考其复购时平均每次 {{repeat}}，并向全体顾客的水平收拢），按年 10% 折现。',
  spendOwnLevel:
    '预测价值 ≈ 未来 12 个月约 {{visits}} 次 × 每次约 {{perVisit}}（参考其复购时的消费，并向全体顾客的水平收拢），按年 10% 折现。',
  spendChain:
    '预测价值 ≈ 未来 12 个月约 {{visits}} 次 × 每次约 {{perVisit}}（还没有复购记录，按全体顾客的平均水平估计），按年 10% 折现。',
  tierChurnModelNot:
    '层级“流失风险”按固定规则判断（2 单以上且超过 60 天未消费）；模型对照的是这位顾客自己的消费节奏，认为其仍可能回来。',
  modelChurnTierNot:
    '模型判断流失风险高，而层级未标为“流失风险”：层级按固定规则（超过 60 天未消费才算），模型对照的是这位顾客自己的消费节奏。',
  chainWide: '预测基于这位顾客在全部门店的消费；上方的层级与数字只统计所选门店。',
  modelAge: '模型更新于{{age}} · 数据截至 {{day}}',
  refitting: '数据已变化，正在重新拟合…',
};
