import type { TopProductRow, TopProductsBy } from '@portrait/shared/portrait';
import {
  categoryAxisLine,
  categoryBarPreamble,
  COLORS,
  dataIndexOf,
  fontSize,
  tooltipRow,
  tooltipTitle,
  type ChartContext,
  type ChartOption,
} from '../../../lib/chart';
import { truncateLabel } from '../../../lib/format';

export const TOP_N = 10;
export const TOP_PRODUCTS_CHART_HEIGHT = { compact: 340, regular: 320 } as const;
/** Longest product name on the axis, in width units (a Chinese character counts 2). */
export const NAME_WIDTH = { compact: 12, regular: 22 } as const;

/** The top products by the chosen measure, largest first (ties by name, so the order is stable). */
export function rankProducts(rows: readonly TopProductRow[], by: TopProductsBy): TopProductRow[] {
  return [...rows].sort((a, b) => b[by] - a[by] || a.name.localeCompare(b.name)).slice(0, TOP_N);
}

/** Horizontal bars, the best at the top; names truncated on the axis, full in the tooltip; share in the label. */
export function buildTopProductsOption(
  rows: readonly TopProductRow[],
  by: TopProductsBy,
  ctx: ChartContext,
): ChartOption {
  const { t, f, compact } = ctx;
  const ranked = rankProducts(rows, by);
  const size = fontSize(ctx);
  const maxName = compact ? NAME_WIDTH.compact : NAME_WIDTH.regular;
  const labels = new Map(ranked.map((r) => [r.productId, truncateLabel(r.name, maxName)]));
  const measure = (v: number) => (by === 'revenue' ? f.currencyCompact(v) : f.compact(v));

  return {
    ...categoryBarPreamble(
      ctx,
      { left: 4, right: compact ? 52 : 120, top: 0, bottom: 0, containLabel: true },
      (params: unknown) => {
        const row = ranked[dataIndexOf(params)];
        if (!row) return '';
        return [
          tooltipTitle(row.name),
          tooltipRow(t('products.category'), row.category),
          tooltipRow(
            t('products.quantity'),
            f.integer(row.quantity),
            by === 'quantity' ? COLORS.primary : undefined,
          ),
          tooltipRow(
            t('products.revenue'),
            f.currency(row.revenue),
            by === 'revenue' ? COLORS.primary : undefined,
          ),
          tooltipRow(t('products.share'), f.percent(row.share)),
        ].join('');
      },
    ),
    // Every bar carries its value and share, so the value axis would only repeat them.
    xAxis: { type: 'value', show: false },
    yAxis: {
      type: 'category',
      inverse: true,
      data: ranked.map((r) => r.productId),
      axisTick: { show: false },
      axisLine: categoryAxisLine(),
      axisLabel: {
        color: COLORS.textSecondary,
        fontSize: size,
        interval: 0,
        // Belt and braces: our truncation by characters, ECharts' by pixels.
        width: compact ? 90 : 170,
        overflow: 'truncate',
        formatter: (id: string) => labels.get(id) ?? id,
      },
    },
    series: [
      {
        id: 'top-products',
        name: by === 'revenue' ? t('products.revenue') : t('products.quantity'),
        type: 'bar',
        barMaxWidth: 18,
        barCategoryGap: '35%',
        itemStyle: { color: COLORS.primary, borderRadius: [0, 4, 4, 0] },
        showBackground: true,
        backgroundStyle: { color: 'rgba(0, 0, 0, 0.025)', borderRadius: [0, 4, 4, 0] },
        label: {
          show: true,
          position: 'right',
          fontSize: compact ? 10 : size,
          color: COLORS.textSecondary,
          formatter: (params: unknown) => {
            const row = ranked[dataIndexOf(params)];
            if (!row) return '';
            return compact ? f.percent(row.share) : `${measure(row[by])} · ${f.percent(row.share)}`;
          },
        },
        data: ranked.map((r) => r[by]),
      },
    ],
  };
}
