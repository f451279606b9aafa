import type { ClusterRow } from '@portrait/shared/models';
import {
  baseTextStyle,
  baseTooltip,
  color,
  COLORS,
  dataIndexOf,
  fontSize,
  tooltipRow,
  tooltipTitle,
  type ChartContext,
  type ChartOption,
} from '../../../lib/chart';
import type { Lang } from '../../../lib/i18n';

export function clusterLabel(row: Pick<ClusterRow, 'nameZh' | 'nameEn'>, lang: Lang): string {
  return lang === 'zh-CN' ? row.nameZh : row.nameEn;
}

export function clustersTotal(rows: readonly ClusterRow[]): number {
  return rows.reduce((s, r) => s + r.count, 0);
}

/** On a phone the legend stacks under the donut, one cluster per line (names are long). */
export function clustersChartHeight(ctx: Pick<ChartContext, 'compact'>, clusters: number): number {
  return ctx.compact ? 240 + clusters * 22 : 320;
}

/** k-means donut: one slice per cluster (customers), legend with names and shares, the total in the centre. */
export function buildClustersOption(rows: readonly ClusterRow[], ctx: ChartContext): ChartOption {
  const { t, f, compact } = ctx;
  const total = clustersTotal(rows);
  const share = (n: number) => (total > 0 ? n / total : 0);
  const size = fontSize(ctx);
  const byName = new Map(rows.map((r) => [clusterLabel(r, f.lang), r]));
  const legendTop = 230;
  const center: [string, string] = compact ? ['50%', '115px'] : ['30%', '50%'];
  const nameWidth = f.lang === 'zh-CN' ? 120 : 200;

  return {
    textStyle: baseTextStyle(ctx),
    tooltip: {
      ...baseTooltip(ctx),
      trigger: 'item',
      formatter: (params: unknown) => {
        const row = rows[dataIndexOf(params)];
        if (!row) return '';
        const c = row.centroid;
        return [
          tooltipTitle(clusterLabel(row, f.lang)),
          tooltipRow(t('clusters.count'), f.integer(row.count), color(row.cluster)),
          tooltipRow(t('clusters.share'), f.percent(share(row.count))),
          tooltipRow(t('clusters.revenue'), f.currency(row.revenue)),
          tooltipRow(t('clusters.recency'), t('clusters.recencyValue', { days: Math.round(c.recencyDays) })),
          tooltipRow(t('clusters.purchaseDays'), c.purchaseDays.toFixed(1)),
          tooltipRow(t('clusters.spendPerVisit'), f.currency(c.spendPerVisit)),
          tooltipRow(t('clusters.delivery'), f.percent(c.deliveryShare)),
          tooltipRow(t('clusters.miniProgram'), f.percent(c.miniProgramShare)),
        ].join('');
      },
    },
    title: {
      text: f.compact(total),
      subtext: t('clusters.centerLabel'),
      left: center[0],
      top: center[1],
      textAlign: 'center',
      textVerticalAlign: 'middle',
      itemGap: 4,
      textStyle: { fontSize: compact ? 20 : 24, fontWeight: 600, color: COLORS.text },
      subtextStyle: { fontSize: size, color: COLORS.textSecondary },
    },
    legend: {
      type: 'plain',
      orient: 'vertical',
      ...(compact ? { top: legendTop, left: 'center' } : { right: 8, top: 'middle' }),
      itemWidth: 10,
      itemHeight: 10,
      itemGap: compact ? 8 : 14,
      icon: 'circle',
      textStyle: {
        fontSize: size,
        rich: {
          name: { fontSize: size, color: COLORS.textSecondary, width: nameWidth },
          share: { fontSize: size, color: COLORS.text, width: 48, align: 'right' },
        },
      },
      formatter: (name: string) => {
        const row = byName.get(name);
        return `{name|${name}}{share|${row ? f.percent(share(row.count)) : ''}}`;
      },
    },
    series: [
      {
        id: 'clusters',
        type: 'pie',
        radius: compact ? [60, 95] : ['50%', '72%'],
        center,
        padAngle: total > 0 ? 1 : 0,
        itemStyle: { borderColor: COLORS.border, borderWidth: 2, borderRadius: 4 },
        label: { show: false },
        labelLine: { show: false },
        emphasis: { scale: true, scaleSize: 4, label: { show: false } },
        data: rows.map((r) => ({
          name: clusterLabel(r, f.lang),
          value: r.count,
          itemStyle: { color: color(r.cluster) },
        })),
      },
    ],
  };
}
