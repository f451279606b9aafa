import type { Channels, MixRow } from '@portrait/shared/portrait';
import type { PieSeriesOption } from 'echarts/charts';
import type { TitleComponentOption } from 'echarts/components';
import type { TFunction } from 'i18next';
import {
  baseTextStyle,
  baseTooltip,
  color,
  COLORS,
  fontSize,
  nameOf,
  tooltipRow,
  tooltipTitle,
  type ChartContext,
  type ChartOption,
} from '../../../lib/chart';
import { truncateLabel } from '../../../lib/format';

/** What the slices measure. Customers are not additive across channels, so they are shown, not sliced. */
export const MIX_METRICS = ['orders', 'revenue'] as const;
export type MixMetric = (typeof MIX_METRICS)[number];

export const CHANNELS_CHART_HEIGHT = { compact: 470, regular: 320 } as const;

const KNOWN_KEYS = [
  'pos',
  'mini_program',
  'meituan',
  'eleme',
  'dine_in',
  'delivery',
  'pickup',
  'unknown',
] as const;
type KnownKey = (typeof KNOWN_KEYS)[number];

const KEY_COLORS: Record<KnownKey, string> = {
  pos: '#5D7092',
  mini_program: '#5AD8A6',
  meituan: '#F6BD16',
  eleme: '#5B8FF9',
  dine_in: '#5B8FF9',
  delivery: '#FF9845',
  pickup: '#5AD8A6',
  unknown: '#BFBFBF',
};

function isKnownKey(key: string): key is KnownKey {
  return (KNOWN_KEYS as readonly string[]).includes(key);
}

/** Display name of a channel or order type; other labels (users' own channels) are shown as they are. */
export function mixLabel(key: string, t: TFunction): string {
  return isKnownKey(key) ? t(`channels.keys.${key}`) : key;
}

export function mixTotal(rows: readonly MixRow[], metric: MixMetric): number {
  return rows.reduce((sum, r) => sum + r[metric], 0);
}

/** Rows with something to show, largest first. */
export function sortedMix(rows: readonly MixRow[], metric: MixMetric): MixRow[] {
  return rows
    .filter((r) => r.orders > 0 || r.revenue > 0)
    .sort((a, b) => b[metric] - a[metric] || a.key.localeCompare(b.key));
}

/** Colour of a key: fixed for known channels and order types, from the palette for other labels. */
export function mixColor(key: string, otherIndex: number): string {
  return isKnownKey(key) ? KEY_COLORS[key] : color(otherIndex + 4);
}

type Half = { id: string; heading: string; rows: MixRow[] };

/** Two donuts: channel mix and order-type mix, side by side (stacked on a phone), share in the labels. */
export function buildChannelsOption(data: Channels, metric: MixMetric, ctx: ChartContext): ChartOption {
  const { t, f, compact } = ctx;
  const size = fontSize(ctx);
  const halves: Half[] = [
    { id: 'by-channel', heading: t('channels.byChannel'), rows: sortedMix(data.byChannel, metric) },
    { id: 'by-order-type', heading: t('channels.byOrderType'), rows: sortedMix(data.byOrderType, metric) },
  ];
  const fmt = (v: number) => (metric === 'revenue' ? f.currencyCompact(v) : f.compact(v));
  const centers: Array<[string, string]> = compact
    ? [
        ['50%', '28%'],
        ['50%', '77%'],
      ]
    : [
        ['25%', '55%'],
        ['75%', '55%'],
      ];
  const headingTops = compact ? ['0%', '50%'] : ['0%', '0%'];
  const radius = compact ? ['28%', '42%'] : ['34%', '52%'];
  const labelWidth = compact ? 12 : 14;

  const titles: TitleComponentOption[] = halves.flatMap((half, i) => {
    const [cx, cy] = centers[i] ?? ['50%', '50%'];
    return [
      {
        text: half.heading,
        left: cx,
        top: headingTops[i],
        textAlign: 'center',
        textStyle: { fontSize: size + 1, fontWeight: 600, color: COLORS.text },
      },
      {
        text: fmt(mixTotal(half.rows, metric)),
        subtext: metric === 'revenue' ? t('channels.revenue') : t('channels.orders'),
        left: cx,
        top: cy,
        textAlign: 'center',
        textVerticalAlign: 'middle',
        itemGap: 2,
        textStyle: { fontSize: compact ? 14 : 16, fontWeight: 600, color: COLORS.text },
        subtextStyle: { fontSize: size - 1, color: COLORS.textSecondary },
      },
    ];
  });

  const series: PieSeriesOption[] = halves.map((half, i) => {
    const total = mixTotal(half.rows, metric);
    let other = 0;
    return {
      id: half.id,
      name: half.heading,
      type: 'pie',
      center: centers[i],
      radius,
      minAngle: 2,
      avoidLabelOverlap: true,
      itemStyle: { borderColor: COLORS.border, borderWidth: 2, borderRadius: 3 },
      label: {
        show: true,
        fontSize: size,
        color: COLORS.textSecondary,
        lineHeight: size + 4,
        formatter: (params: unknown) => {
          const row = half.rows.find((r) => mixLabel(r.key, t) === nameOf(params));
          if (!row) return '';
          return `${truncateLabel(mixLabel(row.key, t), labelWidth)}\n${f.percent(total > 0 ? row[metric] / total : 0)}`;
        },
      },
      labelLine: { length: compact ? 6 : 8, length2: compact ? 6 : 10 },
      labelLayout: { hideOverlap: true },
      tooltip: {
        formatter: (params: unknown) => {
          const row = half.rows.find((r) => mixLabel(r.key, t) === nameOf(params));
          if (!row) return '';
          return [
            tooltipTitle(`${half.heading} · ${mixLabel(row.key, t)}`),
            tooltipRow(
              t('channels.orders'),
              f.integer(row.orders),
              metric === 'orders' ? COLORS.primary : undefined,
            ),
            tooltipRow(
              t('channels.revenue'),
              f.currency(row.revenue),
              metric === 'revenue' ? COLORS.primary : undefined,
            ),
            tooltipRow(t('channels.customers'), f.integer(row.customers)),
            tooltipRow(t('channels.share'), f.percent(total > 0 ? row[metric] / total : 0)),
          ].join('');
        },
      },
      data: half.rows.map((r) => ({
        name: mixLabel(r.key, t),
        value: r[metric],
        itemStyle: { color: mixColor(r.key, isKnownKey(r.key) ? 0 : other++) },
      })),
    };
  });

  return {
    textStyle: baseTextStyle(ctx),
    tooltip: { ...baseTooltip(ctx), trigger: 'item' },
    title: titles,
    series,
  };
}
