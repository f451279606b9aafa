import { RISK_BANDS, type ValueBin } from '@portrait/shared/models';
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
import { RISK_COLORS } from './build-churn-gauge-option';

export const VALUE_CHART_HEIGHT = { compact: 260, regular: 430 } as const;

/** 1000 → "1k": bin edges stay short. */
const edge = (v: number) => (v >= 1000 && v % 1000 === 0 ? `${v / 1000}k` : String(v));

/** "<20", "20–50", …, "1k–2k", "2k+" (yuan): short enough for eight bars side by side. */
export function binLabel(bin: ValueBin): string {
  if (bin.from === 0 && bin.to !== null) return `<${edge(bin.to)}`;
  if (bin.to === null) return `${edge(bin.from)}+`;
  return `${edge(bin.from)}–${edge(bin.to)}`;
}

export function binCustomers(bin: ValueBin): number {
  return bin.low + bin.medium + bin.high;
}

/** Predicted 12-month value of the active customers, one bar per value bin, stacked by risk band. */
export function buildValueBinsOption(bins: readonly ValueBin[], ctx: ChartContext): ChartOption {
  const { t, f, compact } = ctx;
  const size = fontSize(ctx);
  return {
    textStyle: baseTextStyle(ctx),
    tooltip: {
      ...baseTooltip(ctx),
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const bin = bins[dataIndexOf(params)];
        if (!bin) return '';
        return [
          tooltipTitle(`¥${binLabel(bin)}`),
          ...[...RISK_BANDS]
            .reverse()
            .map((band) => tooltipRow(t(`churn.bands.${band}`), f.integer(bin[band]), RISK_COLORS[band])),
          tooltipRow(t('churn.value.customers'), f.integer(binCustomers(bin))),
        ].join('');
      },
    },
    legend: {
      top: 0,
      left: compact ? 'center' : 'right',
      itemWidth: 10,
      itemHeight: 10,
      icon: 'circle',
      textStyle: { fontSize: size, color: COLORS.textSecondary },
    },
    grid: { left: 8, right: 16, top: 32, bottom: compact ? 4 : 28, containLabel: true },
    xAxis: {
      type: 'category',
      data: bins.map(binLabel),
      name: compact ? '' : t('churn.value.axis'),
      nameLocation: 'middle',
      nameGap: 48,
      nameTextStyle: { fontSize: size, color: COLORS.axis },
      axisTick: { show: false },
      axisLine: { lineStyle: { color: COLORS.splitLine } },
      // Every bin is labelled, leaning so that eight of them fit a phone or a third of a desktop row.
      axisLabel: { fontSize: size, color: COLORS.axis, interval: 0, rotate: 35 },
    },
    yAxis: {
      type: 'value',
      splitNumber: 4,
      axisLabel: { fontSize: size, color: COLORS.axis, formatter: (v: number) => f.compact(v) },
      splitLine: { lineStyle: { color: COLORS.splitLine } },
    },
    series: RISK_BANDS.map((band) => ({
      id: `value-${band}`,
      name: t(`churn.bands.${band}`),
      type: 'bar' as const,
      stack: 'customers',
      barMaxWidth: 36,
      itemStyle: { color: RISK_COLORS[band] },
      emphasis: { focus: 'series' as const },
      data: bins.map((b) => b[band]),
    })),
  };
}
