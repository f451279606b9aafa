import type { SegmentRow } from '@portrait/shared/portrait';
import { SEGMENT_KEYS } from '@portrait/shared/segments';
import type { LegendComponentOption, TitleComponentOption } from 'echarts/components';
import { describe, expect, it } from 'vitest';
import { seriesList } from '../../../lib/chart';
import { chartContext } from '../../../testing/chart-context';
import { buildSegmentsOption, segmentsChartHeight, segmentsTotal } from '../utils/build-segments-option';

const counts = [120, 80, 100, 60, 200, 180, 110, 150];
const rows: SegmentRow[] = SEGMENT_KEYS.map((key, i) => ({
  key,
  count: counts[i] ?? 0,
  revenue: (counts[i] ?? 0) * 90,
}));

function one<T>(value: T | T[] | undefined): T {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined) throw new Error('missing');
  return v;
}

function pieData(option: ReturnType<typeof buildSegmentsOption>) {
  const series = seriesList(option)[0];
  if (!series || series.type !== 'pie') throw new Error('no pie');
  return (series.data ?? []) as Array<{ name: string; value: number }>;
}

describe('buildSegmentsOption', () => {
  it('When built, Then the donut has 8 slices with the counts, in the canonical order', () => {
    const option = buildSegmentsOption(rows, chartContext('zh-CN'));
    const data = pieData(option);
    expect(data).toHaveLength(8);
    expect(data.map((d) => d.value)).toEqual(counts);
    expect(data[0]?.name).toBe('重要价值客户');
  });

  it('When rows come shuffled or one is missing, Then the order and the 8 slices hold', () => {
    const shuffled = [...rows].reverse().filter((r) => r.key !== 'general_value');
    const data = pieData(buildSegmentsOption(shuffled, chartContext('zh-CN')));
    expect(data).toHaveLength(8);
    expect(data.map((d) => d.value)).toEqual(counts.map((c, i) => (i === 4 ? 0 : c)));
  });

  it('When built, Then the centre shows total active customers', () => {
    const title = one(buildSegmentsOption(rows, chartContext('zh-CN')).title) as TitleComponentOption;
    expect(segmentsTotal(rows)).toBe(1000);
    expect(title.text).toBe('1,000');
    expect(title.subtext).toBe('活跃客户');
  });

  it('When the legend is drawn, Then each name carries its count and share', () => {
    const legend = one(buildSegmentsOption(rows, chartContext('zh-CN')).legend) as LegendComponentOption;
    const formatter = legend.formatter;
    expect(typeof formatter).toBe('function');
    if (typeof formatter !== 'function') return;
    const line = formatter('重要价值客户');
    expect(line).toContain('120');
    expect(line).toContain('12.0%');
  });

  it('When English is chosen, Then the slices carry the English names', () => {
    const data = pieData(buildSegmentsOption(rows, chartContext('en-US')));
    expect(data.map((d) => d.name)).toContain('Important win-back');
  });

  it('When on a phone, Then the legend sits at the bottom and the donut above it', () => {
    const wide = one(buildSegmentsOption(rows, chartContext('zh-CN', false)).legend) as LegendComponentOption;
    const phone = one(buildSegmentsOption(rows, chartContext('zh-CN', true)).legend) as LegendComponentOption;
    expect(wide.orient).toBe('vertical');
    expect(phone.orient).toBe('horizontal');
    expect(phone.bottom).toBe(0);
  });

  it('When on a phone in English, Then the longer names get one column and a taller chart', () => {
    const phone = one(buildSegmentsOption(rows, chartContext('en-US', true)).legend) as LegendComponentOption;
    expect(phone.orient).toBe('vertical');
    expect(segmentsChartHeight(chartContext('en-US', true))).toBeGreaterThan(
      segmentsChartHeight(chartContext('zh-CN', true)),
    );
  });
});
