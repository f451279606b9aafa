import type { KpiKey } from '@portrait/shared/kpis';
import type { Formatters } from '../../../lib/format';

/** How a KPI is written: counts, money (compact for large sums), money to the fen, or a share. */
export type KpiKind = 'count' | 'money' | 'moneyPrecise' | 'share';

export const KPI_KIND: Record<KpiKey, KpiKind> = {
  orders: 'count',
  revenue: 'money',
  avgOrderValue: 'moneyPrecise',
  activeCustomers: 'count',
  totalCustomers: 'count',
  newCustomers: 'count',
  repurchaseRate: 'share',
  ltv: 'moneyPrecise',
};

const PRECISE_MONEY_COMPACT_FROM = 100_000;

/** The value as the card shows it (12.35万, ¥123.45万, ¥38.50, 23.4%). */
export function formatKpi(key: KpiKey, value: number | null, f: Formatters): string {
  switch (KPI_KIND[key]) {
    case 'count':
      return f.compact(value);
    case 'money':
      return f.currencyCompact(value);
    case 'moneyPrecise':
      return value !== null && Math.abs(value) >= PRECISE_MONEY_COMPACT_FROM
        ? f.currencyCompact(value)
        : f.currency(value);
    case 'share':
      return f.percent(value, 1);
  }
}

/** The value written out in full (tooltip). */
export function formatKpiExact(key: KpiKey, value: number | null, f: Formatters): string {
  switch (KPI_KIND[key]) {
    case 'count':
      return f.integer(value);
    case 'money':
    case 'moneyPrecise':
      return f.currency(value);
    case 'share':
      return f.percent(value, 2);
  }
}

/** Direction of a period change. Every KPI here is "more is better", so up is good (green), down bad (red). */
export type Trend = 'up' | 'down' | 'flat' | 'none';

/** Changes smaller than this (0.05 %) read as flat: they would print as 0.0 %. */
const FLAT_BELOW = 0.0005;

export function trendOf(change: number | null): Trend {
  if (change === null || !Number.isFinite(change)) return 'none';
  if (Math.abs(change) < FLAT_BELOW) return 'flat';
  return change > 0 ? 'up' : 'down';
}

export const TREND_ARROW: Record<Trend, string> = { up: '▲', down: '▼', flat: '–', none: '' };

/** Magnitude of the change (the arrow carries the sign): 12.3%. */
export function formatChange(change: number | null, f: Formatters): string {
  return change === null || !Number.isFinite(change) ? f.percent(null) : f.percent(Math.abs(change), 1);
}
