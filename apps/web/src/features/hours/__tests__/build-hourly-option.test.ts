import type { HourRow } from '@portrait/shared/portrait';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import { describe, expect, it } from 'vitest';
import { seriesList } from '../../../lib/chart';
import { chartContext } from '../../../testing/chart-context';
import { buildHourlyOption, findPeakHours, fullDay, totalOrders } from '../utils/build-hourly-option';

const shape = [1, 0, 0, 0, 0, 2, 15, 40, 60, 30, 25, 60, 90, 70, 30, 22, 25, 50, 75, 60, 30, 15, 8, 4];
const rows: HourRow[] = shape.map((orders, hour) => ({
  hour,
  orders,
  revenue: orders * 38.5,
  customers: orders - 1,
}));

function one<T>(value: T | T[] | undefined): T {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined) throw new Error('missing');
  return v;
}

function bars(option: ReturnType<typeof buildHourlyOption>) {
  const series = seriesList(option)[0];
  if (!series || series.type !== 'bar') throw new Error('no bars');
  return (series.data ?? []) as Array<{ value: number; label: { show: boolean } }>;
}

describe('findPeakHours', () => {
  it('When a fast-food day is given, Then breakfast, lunch and dinner peaks are found', () => {
    expect(findPeakHours(rows)).toEqual([8, 12, 18]);
  });

  it('When there are no orders, Then there is no peak', () => {
    expect(findPeakHours(fullDay([]))).toEqual([]);
  });

  it('When two neighbouring hours tie at the top, Then the plateau counts once', () => {
    const flat = fullDay([
      { hour: 11, orders: 50, revenue: 0, customers: 0 },
      { hour: 12, orders: 50, revenue: 0, customers: 0 },
    ]);
    expect(findPeakHours(flat)).toEqual([11]);
  });
});

describe('buildHourlyOption', () => {
  it('When built, Then the histogram has 24 bars summing to the orders', () => {
    const data = bars(buildHourlyOption(rows, chartContext()));
    expect(data).toHaveLength(24);
    expect(data.reduce((s, d) => s + d.value, 0)).toBe(totalOrders(rows));
  });

  it('When hours are missing from the rows, Then they are drawn as zero bars', () => {
    const data = bars(buildHourlyOption(rows.slice(6, 20), chartContext()));
    expect(data).toHaveLength(24);
    expect(data[0]?.value).toBe(0);
  });

  it('When built, Then only the peak bars are labelled', () => {
    const data = bars(buildHourlyOption(rows, chartContext()));
    const labelled = data.flatMap((d, hour) => (d.label.show ? [hour] : []));
    expect(labelled).toEqual([8, 12, 18]);
  });

  it('When hovering an hour, Then the tooltip shows orders, revenue and customers', () => {
    const tooltip = one(buildHourlyOption(rows, chartContext()).tooltip) as TooltipComponentOption;
    const formatter = tooltip.formatter;
    if (typeof formatter !== 'function') throw new Error('no formatter');
    const html = String(formatter([{ dataIndex: 12 }] as never, '', () => undefined));
    expect(html).toContain('12:00 – 13:00');
    expect(html).toContain('订单数');
    expect(html).toContain('¥3,465.00');
    expect(html).toContain('89');
  });

  it('When laid out, Then the axis labels are kept inside the chart', () => {
    const grid = one(buildHourlyOption(rows, chartContext('zh-CN', true)).grid) as GridComponentOption;
    expect(grid.containLabel).toBe(true);
  });
});
