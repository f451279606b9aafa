import type { RfmDimension } from '@portrait/shared/customer360';
import type { RfmKey } from '@portrait/shared/customer-value';
import {
  baseTextStyle,
  baseTooltip,
  COLORS,
  dataIndexOf,
  fontSize,
  tooltipRow,
  tooltipTitle,
  type ChartContext,
  type ChartOption,
} from '../../../lib/chart';

/** The bar of the customer's range, and the others. */
export const RFM_COLORS = { customer: '#1677ff', others: '#d6e4ff' } as const;

const money = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));

/** Range labels: days "0–7 … 366+", orders "1, 2, 3–5 … 101+", yuan "<50 … 5k+". */
export function rfmBucketLabels(key: RfmKey, mins: readonly number[]): string[] {
  return mins.map((min, i) => {
    const next = mins[i + 1];
    if (next === undefined) return key === 'm' ? `${money(min)}+` : `${min}+`;
    if (key === 'm') return i === 0 ? `<${money(next)}` : `${money(min)}–${money(next)}`;
    return next - 1 === min ? String(min) : `${min}–${next - 1}`;
  });
}

export const rfmChartHeight = (compact: boolean) => (compact ? 118 : 128);

/** One of R, F, M: customers per range, the customer's range dark and marked. */
export function buildRfmOption(key: RfmKey, dim: RfmDimension, ctx: ChartContext): ChartOption {
  const { t, f, compact } = ctx;
  const labels = rfmBucketLabels(key, dim.bucket_mins);
  const total = dim.histogram.reduce((s, n) => s + n, 0);
  const size = fontSize(ctx);
  const unit = (label: string) =>
    key === 'r' ? t('customer360.rfm.days', { label }) : key === 'm' ? `¥${label}` : label;

  return {
    textStyle: baseTextStyle(ctx),
    grid: { left: 4, right: 4, top: 22, bottom: 4, containLabel: true },
    tooltip: {
      ...baseTooltip(ctx),
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const i = dataIndexOf(params);
        const label = labels[i];
        if (label === undefined) return '';
        const n = dim.histogram[i] ?? 0;
        return [
          tooltipTitle(unit(label)),
          tooltipRow(
            t('customer360.rfm.customers'),
            f.integer(n),
            i === dim.bucket ? RFM_COLORS.customer : RFM_COLORS.others,
          ),
          tooltipRow(t('customer360.rfm.share'), f.percent(total > 0 ? n / total : null)),
        ].join('');
      },
    },
    xAxis: {
      type: 'category',
      data: labels,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: COLORS.splitLine } },
      axisLabel: { interval: 0, fontSize: compact ? 10 : size, color: COLORS.axis, hideOverlap: false },
    },
    yAxis: { type: 'value', show: false },
    series: [
      {
        id: `rfm-${key}`,
        type: 'bar',
        barCategoryGap: '22%',
        // A range of a handful of customers still shows a bar (empty ranges stay empty).
        barMinHeight: 3,
        data: dim.histogram.map((n, i) => {
          const mine = i === dim.bucket;
          return {
            value: n > 0 ? n : null,
            itemStyle: { color: mine ? RFM_COLORS.customer : RFM_COLORS.others, borderRadius: [3, 3, 0, 0] },
            label: mine
              ? {
                  show: true,
                  position: 'top',
                  formatter: t('customer360.rfm.thisCustomer'),
                  // At the first and last range the label runs inwards, so it is never cut at the chart's edge.
                  align: i === 0 ? 'left' : i === dim.histogram.length - 1 ? 'right' : 'center',
                  fontSize: size,
                  color: RFM_COLORS.customer,
                  fontWeight: 600,
                }
              : { show: false },
          };
        }),
      },
    ],
  };
}
