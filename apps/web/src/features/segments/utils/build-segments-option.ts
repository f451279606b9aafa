import type { SegmentRow } from '@portrait/shared/portrait';
import { SEGMENT_KEYS, SEGMENT_LABELS, type SegmentKey } from '@portrait/shared/segments';
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
import type { Lang } from '../../../lib/i18n';

/** Important segments in strong colours, general ones in the matching light tone. */
export const SEGMENT_COLORS: Record<SegmentKey, string> = {
  important_value: '#1677ff',
  important_development: '#13a8a8',
  important_retention: '#d48806',
  important_winback: '#cf1322',
  general_value: '#85b6ff',
  general_development: '#87e8de',
  general_retention: '#ffd666',
  general_winback: '#ffa39e',
};

/**
 * Chart height. On a phone the legend sits under the donut: two columns of Chinese names, or one column of
 * the longer English names (two would not fit 390 px), which needs more room.
 */
export function segmentsChartHeight(ctx: Pick<ChartContext, 'compact' | 'f'>): number {
  if (!ctx.compact) return 320;
  return oneColumnLegend(ctx) ? 420 : 360;
}

function oneColumnLegend(ctx: Pick<ChartContext, 'compact' | 'f'>): boolean {
  return ctx.compact && ctx.f.lang !== 'zh-CN';
}

export function segmentLabel(key: SegmentKey, lang: Lang): string {
  return SEGMENT_LABELS[key][lang === 'zh-CN' ? 'zh' : 'en'];
}

/** Active customers of the scope: the segments partition them (PRODUCT §4). */
export function segmentsTotal(rows: readonly SegmentRow[]): number {
  return rows.reduce((sum, r) => sum + r.count, 0);
}

/** The eight rows in the canonical order, missing ones as zero. */
export function orderedSegments(rows: readonly SegmentRow[]): SegmentRow[] {
  return SEGMENT_KEYS.map((key) => rows.find((r) => r.key === key) ?? { key, count: 0, revenue: 0 });
}

/** RFM donut: 8 slices (customers), legend with names and shares, total active customers in the centre. */
export function buildSegmentsOption(rows: readonly SegmentRow[], ctx: ChartContext): ChartOption {
  const { t, f, compact } = ctx;
  const ordered = orderedSegments(rows);
  const total = segmentsTotal(ordered);
  const share = (count: number) => (total > 0 ? count / total : 0);
  const byName = new Map(ordered.map((r) => [segmentLabel(r.key, f.lang), r]));
  const oneColumn = oneColumnLegend(ctx);
  const center: [string, string] = compact ? ['50%', oneColumn ? '32%' : '35%'] : ['30%', '50%'];
  const size = fontSize(ctx);
  const nameWidth = f.lang === 'zh-CN' ? 84 : 138;

  return {
    textStyle: baseTextStyle(ctx),
    tooltip: {
      ...baseTooltip(ctx),
      trigger: 'item',
      formatter: (params: unknown) => {
        const row = ordered[dataIndexOf(params)];
        if (!row) return '';
        return [
          tooltipTitle(segmentLabel(row.key, f.lang)),
          tooltipRow(t('segments.count'), f.integer(row.count), SEGMENT_COLORS[row.key]),
          tooltipRow(t('segments.share'), f.percent(share(row.count))),
          tooltipRow(t('segments.revenue'), f.currency(row.revenue)),
        ].join('');
      },
    },
    title: {
      text: f.compact(total),
      subtext: t('segments.centerLabel'),
      left: center[0],
      top: center[1],
      textAlign: 'center',
      textVerticalAlign: 'middle',
      itemGap: 4,
      textStyle: { fontSize: compact ? 20 : 24, fontWeight: 600, color: COLORS.text },
      subtextStyle: { fontSize: size, color: COLORS.textSecondary },
    },
    legend: compact
      ? {
          type: 'plain',
          orient: oneColumn ? 'vertical' : 'horizontal',
          bottom: 0,
          left: 'center',
          width: '100%',
          itemWidth: 10,
          itemHeight: 10,
          itemGap: oneColumn ? 6 : 10,
          icon: 'circle',
          textStyle: {
            fontSize: size,
            rich: {
              name: { fontSize: size, color: COLORS.textSecondary, width: nameWidth },
              share: { fontSize: size, color: COLORS.text, width: 40, align: 'right' },
            },
          },
          formatter: (name: string) => {
            const row = byName.get(name);
            return `{name|${name}}{share|${row ? f.percent(share(row.count)) : ''}}`;
          },
        }
      : {
          type: 'plain',
          orient: 'vertical',
          right: 8,
          top: 'middle',
          itemWidth: 10,
          itemHeight: 10,
          itemGap: 14,
          icon: 'circle',
          textStyle: {
            fontSize: size,
            rich: {
              name: { fontSize: size, color: COLORS.textSecondary, width: nameWidth },
              count: { fontSize: size, color: COLORS.text, width: 64, align: 'right' },
              share: { fontSize: size, color: COLORS.textSecondary, width: 52, align: 'right' },
            },
          },
          formatter: (name: string) => {
            const row = byName.get(name);
            if (!row) return name;
            return `{name|${name}}{count|${f.integer(row.count)}}{share|${f.percent(share(row.count))}}`;
          },
        },
    series: [
      {
        id: 'segments',
        type: 'pie',
        radius: compact ? (oneColumn ? ['38%', '55%'] : ['42%', '60%']) : ['50%', '72%'],
        center,
        avoidLabelOverlap: true,
        padAngle: total > 0 ? 1 : 0,
        itemStyle: { borderColor: COLORS.border, borderWidth: 2, borderRadius: 4 },
        label: { show: false },
        labelLine: { show: false },
        emphasis: { scale: true, scaleSize: 4, label: { show: false } },
        data: ordered.map((r) => ({
          name: segmentLabel(r.key, f.lang),
          value: r.count,
          itemStyle: { color: SEGMENT_COLORS[r.key] },
        })),
      },
    ],
  };
}
