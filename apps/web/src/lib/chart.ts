import type { BarSeriesOption, GaugeSeriesOption, PieSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { TFunction } from 'i18next';
import { FONT_FAMILY } from './font';
import { escapeHtml, type Formatters } from './format';

/** The only option shape the app builds: the charts and components registered in components/echart-canvas.tsx. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | PieSeriesOption
  | GaugeSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>;

/** Layout of a chart: `compact` on phones (narrow card, small fonts, legend at the bottom). */
export type ChartLayout = { compact: boolean };

export { FONT_FAMILY };

/** AntV categorical palette (the ant-design-pro look), readable on white. */
export const PALETTE = [
  '#5B8FF9',
  '#5AD8A6',
  '#5D7092',
  '#F6BD16',
  '#E86452',
  '#6DC8EC',
  '#945FB9',
  '#FF9845',
  '#1E9493',
  '#FF99C3',
] as const;

export const COLORS = {
  primary: '#1677ff',
  primarySoft: '#91caff',
  text: 'rgba(0, 0, 0, 0.88)',
  textSecondary: 'rgba(0, 0, 0, 0.65)',
  axis: 'rgba(0, 0, 0, 0.45)',
  splitLine: 'rgba(5, 5, 5, 0.06)',
  border: '#ffffff',
} as const;

export function color(index: number): string {
  return PALETTE[index % PALETTE.length] ?? COLORS.primary;
}

export function fontSize(layout: ChartLayout): number {
  return layout.compact ? 11 : 12;
}

export function baseTextStyle(layout: ChartLayout) {
  return { fontFamily: FONT_FAMILY, fontSize: fontSize(layout), color: COLORS.textSecondary };
}

/** Tooltips stay inside the chart (never clipped by the card on a phone) and render escaped HTML. */
export function baseTooltip(layout: ChartLayout): TooltipComponentOption {
  return {
    confine: true,
    backgroundColor: 'rgba(255, 255, 255, 0.98)',
    borderColor: 'rgba(5, 5, 5, 0.06)',
    borderWidth: 1,
    padding: layout.compact ? [6, 8] : [8, 12],
    textStyle: { fontFamily: FONT_FAMILY, fontSize: fontSize(layout), color: COLORS.text },
    extraCssText: 'box-shadow: 0 6px 16px rgba(0,0,0,0.08); border-radius: 8px;',
  };
}

/** The thin line a category axis draws along its bars (a fresh object: ECharts may keep what it is given). */
export function categoryAxisLine() {
  return { lineStyle: { color: COLORS.splitLine } };
}

/**
 * The preamble of a bar chart read category by category (the hourly and top-products charts): the base text,
 * the grid, and an axis tooltip whose pointer shades the hovered category; `formatter` writes the tooltip.
 */
export function categoryBarPreamble(
  layout: ChartLayout,
  grid: GridComponentOption,
  formatter: (params: unknown) => string,
): Pick<ChartOption, 'textStyle' | 'grid' | 'tooltip'> {
  return {
    textStyle: baseTextStyle(layout),
    grid,
    tooltip: {
      ...baseTooltip(layout),
      trigger: 'axis',
      axisPointer: { type: 'shadow', shadowStyle: { color: 'rgba(22, 119, 255, 0.06)' } },
      formatter,
    },
  };
}

/**
 * One tooltip line: dot (a blank slot when no colour, so labels line up), label, right-aligned value.
 * Label and value are escaped.
 */
export function tooltipRow(label: string, value: string, dotColor?: string): string {
  const dot = `<span style="display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px;background:${dotColor ?? 'transparent'}"></span>`;
  return `<div style="display:flex;justify-content:space-between;gap:16px;line-height:1.7"><span>${dot}${escapeHtml(label)}</span><strong>${escapeHtml(value)}</strong></div>`;
}

export function tooltipTitle(text: string): string {
  return `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(text)}</div>`;
}

/** `series` of an option as an array, whatever form it was written in. */
export function seriesList(option: ChartOption): Array<BarSeriesOption | PieSeriesOption> {
  const s = option.series;
  if (s === undefined) return [];
  return (Array.isArray(s) ? s : [s]) as Array<BarSeriesOption | PieSeriesOption>;
}

/** What every option builder needs besides the data: words, number formats and the layout. */
export type ChartContext = ChartLayout & { t: TFunction; f: Formatters };

/** `dataIndex` of the first item an ECharts tooltip / label callback receives. */
export function dataIndexOf(params: unknown): number {
  const first: unknown = Array.isArray(params) ? params[0] : params;
  if (first && typeof first === 'object' && 'dataIndex' in first && typeof first.dataIndex === 'number') {
    return first.dataIndex;
  }
  return -1;
}

/** `name` of the item an ECharts callback receives. */
export function nameOf(params: unknown): string {
  const first: unknown = Array.isArray(params) ? params[0] : params;
  if (first && typeof first === 'object' && 'name' in first && typeof first.name === 'string')
    return first.name;
  return '';
}
