import type { HourRow } from '@portrait/shared/portrait';
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
import { axisFormatter } from '../../../lib/format';

export const HOURLY_CHART_HEIGHT = { compact: 260, regular: 320 } as const;

/** How many peaks to mark at most (breakfast, lunch, dinner in a fast-food day). */
export const MAX_PEAKS = 3;
/** A peak must reach this share of the busiest hour to count. */
export const PEAK_MIN_SHARE = 0.3;

/** 24 rows, hour 0..23, missing hours as zero. */
export function fullDay(rows: readonly HourRow[]): HourRow[] {
  return Array.from(
    { length: 24 },
    (_, hour) => rows.find((r) => r.hour === hour) ?? { hour, orders: 0, revenue: 0, customers: 0 },
  );
}

export function totalOrders(rows: readonly HourRow[]): number {
  return rows.reduce((sum, r) => sum + r.orders, 0);
}

/**
 * Peak hours: local maxima of orders (not lower than either neighbour, higher than at least one) that reach
 * 30 % of the busiest hour; the busiest three, in hour order.
 */
export function findPeakHours(rows: readonly HourRow[]): number[] {
  const day = fullDay(rows);
  const max = Math.max(0, ...day.map((r) => r.orders));
  if (max === 0) return [];
  const peaks = day.filter((r, i) => {
    const prev = day[i - 1]?.orders ?? -1;
    const next = day[i + 1]?.orders ?? -1;
    return (
      r.orders >= max * PEAK_MIN_SHARE &&
      r.orders >= prev &&
      r.orders >= next &&
      (r.orders > prev || r.orders > next)
    );
  });
  // A plateau (equal neighbours) counts once: keep its first hour.
  const distinct = peaks.filter(
    (r, i) => i === 0 || peaks[i - 1]?.hour !== r.hour - 1 || peaks[i - 1]?.orders !== r.orders,
  );
  return distinct
    .sort((a, b) => b.orders - a.orders || a.hour - b.hour)
    .slice(0, MAX_PEAKS)
    .map((r) => r.hour)
    .sort((a, b) => a - b);
}

/** Orders per hour as bars, peaks highlighted and labelled, revenue and customers in the tooltip. */
export function buildHourlyOption(rows: readonly HourRow[], ctx: ChartContext): ChartOption {
  const { t, f, compact } = ctx;
  const day = fullDay(rows);
  const peaks = new Set(findPeakHours(day));
  const size = fontSize(ctx);

  return {
    ...categoryBarPreamble(
      ctx,
      { left: 4, right: 8, top: 28, bottom: 4, containLabel: true },
      (params: unknown) => {
        const row = day[dataIndexOf(params)];
        if (!row) return '';
        const title = t('hours.hourRange', {
          from: String(row.hour).padStart(2, '0'),
          to: String(row.hour + 1).padStart(2, '0'),
        });
        return [
          tooltipTitle(peaks.has(row.hour) ? `${title} · ${t('hours.peak')}` : title),
          tooltipRow(t('hours.orders'), f.integer(row.orders), COLORS.primary),
          tooltipRow(t('hours.revenue'), f.currency(row.revenue)),
          tooltipRow(t('hours.customers'), f.integer(row.customers)),
        ].join('');
      },
    ),
    xAxis: {
      type: 'category',
      data: day.map((r) => String(r.hour)),
      axisTick: { alignWithLabel: true, interval: 0 },
      axisLine: categoryAxisLine(),
      axisLabel: { color: COLORS.axis, fontSize: size, interval: compact ? 2 : 0, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      splitNumber: compact ? 3 : 5,
      axisLabel: {
        color: COLORS.axis,
        fontSize: size,
        formatter: axisFormatter(Math.max(0, ...day.map((r) => r.orders)), f.lang),
        hideOverlap: true,
      },
      splitLine: { lineStyle: { color: COLORS.splitLine, type: 'dashed' } },
    },
    series: [
      {
        id: 'orders',
        name: t('hours.orders'),
        type: 'bar',
        barMaxWidth: 28,
        barCategoryGap: compact ? '24%' : '30%',
        data: day.map((r) => {
          const peak = peaks.has(r.hour);
          return {
            value: r.orders,
            itemStyle: { color: peak ? COLORS.primary : COLORS.primarySoft, borderRadius: [3, 3, 0, 0] },
            label: peak
              ? {
                  show: true,
                  position: 'top' as const,
                  formatter: t('hours.peak'),
                  color: COLORS.primary,
                  fontSize: compact ? 10 : 11,
                  fontWeight: 600,
                }
              : { show: false },
          };
        }),
      },
    ],
  };
}
