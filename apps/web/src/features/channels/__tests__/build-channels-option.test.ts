import type { Channels } from '@portrait/shared/portrait';
import type { PieSeriesOption } from 'echarts/charts';
import { describe, expect, it } from 'vitest';
import { seriesList } from '../../../lib/chart';
import { chartContext } from '../../../testing/chart-context';
import { buildChannelsOption, mixLabel, sortedMix } from '../utils/build-channels-option';

const data: Channels = {
  byChannel: [
    { key: 'meituan', orders: 180, revenue: 7000, customers: 90 },
    { key: 'pos', orders: 450, revenue: 16000, customers: 300 },
    { key: 'mini_program', orders: 220, revenue: 9000, customers: 150 },
    { key: 'eleme', orders: 120, revenue: 5000, customers: 70 },
    { key: 'douyin', orders: 30, revenue: 1500, customers: 20 },
  ],
  byOrderType: [
    { key: 'dine_in', orders: 500, revenue: 17000, customers: 320 },
    { key: 'delivery', orders: 300, revenue: 13000, customers: 160 },
    { key: 'pickup', orders: 190, revenue: 8000, customers: 120 },
    { key: 'unknown', orders: 10, revenue: 500, customers: 5 },
  ],
};

function pies(option: ReturnType<typeof buildChannelsOption>): PieSeriesOption[] {
  return seriesList(option).filter((s): s is PieSeriesOption => s.type === 'pie');
}

describe('buildChannelsOption', () => {
  it('When built, Then there is one donut for channels and one for order types, largest slice first', () => {
    const [channels, types] = pies(buildChannelsOption(data, 'orders', chartContext()));
    const channelData = (channels?.data ?? []) as Array<{ name: string; value: number }>;
    expect(channelData.map((d) => d.name)).toEqual(['门店收银', '小程序', '美团', '饿了么', 'douyin']);
    expect(channelData.map((d) => d.value)).toEqual([450, 220, 180, 120, 30]);
    expect((types?.data ?? []).length).toBe(4);
  });

  it('When revenue is chosen, Then the slices measure revenue', () => {
    const [channels] = pies(buildChannelsOption(data, 'revenue', chartContext()));
    expect(((channels?.data ?? []) as Array<{ value: number }>)[0]?.value).toBe(16000);
  });

  it('When keys are translated, Then known ones get names and other labels stay as they are', () => {
    const { t } = chartContext('zh-CN');
    expect(mixLabel('pos', t)).toBe('门店收银');
    expect(mixLabel('mini_program', t)).toBe('小程序');
    expect(mixLabel('delivery', t)).toBe('外卖');
    expect(mixLabel('pickup', t)).toBe('自提');
    expect(mixLabel('douyin', t)).toBe('douyin');
    expect(mixLabel('eleme', chartContext('en-US').t)).toBe('Ele.me');
  });

  it('When a slice is labelled, Then it shows the name and the share', () => {
    const [channels] = pies(buildChannelsOption(data, 'orders', chartContext()));
    const formatter = channels?.label?.formatter;
    if (typeof formatter !== 'function') throw new Error('no label formatter');
    expect(formatter({ name: '门店收银' } as never)).toBe('门店收银\n45.0%');
  });

  it('When a row has nothing, Then it is left out instead of drawing an empty slice', () => {
    expect(sortedMix([{ key: 'pos', orders: 0, revenue: 0, customers: 0 }], 'orders')).toEqual([]);
  });

  it('When on a phone, Then the two donuts are stacked instead of side by side', () => {
    const [a, b] = pies(buildChannelsOption(data, 'orders', chartContext('zh-CN', true))).map(
      (s) => s.center as [string, string],
    );
    expect(a?.[0]).toBe(b?.[0]);
    expect(a?.[1]).not.toBe(b?.[1]);
  });
});
