import type { TopProductRow } from '@portrait/shared/portrait';
import type { GridComponentOption } from 'echarts/components';
import { describe, expect, it } from 'vitest';
import { seriesList } from '../../../lib/chart';
import { textWidth } from '../../../lib/format';
import { chartContext } from '../../../testing/chart-context';
import { buildTopProductsOption, NAME_WIDTH, rankProducts } from '../utils/build-top-products-option';

const names = [
  '经典美式热狗',
  '芝士双层牛肉堡超值套餐（含中杯可乐与薯条）',
  '冰柠檬茶',
  '香辣鸡翅',
  'Super Long English Product Name Deluxe Combo',
  '薯条（大）',
  '热拿铁',
  '德式香肠热狗',
  '鸡米花',
  '橙汁',
  '第十一名',
];
const rows: TopProductRow[] = names.map((name, i) => ({
  productId: `P${i}`,
  name,
  category: '小食',
  quantity: 100 + ((i * 37) % 11) * 10,
  revenue: 1000 + ((i * 53) % 13) * 250,
  share: 0.05,
}));

function one<T>(value: T | T[] | undefined): T {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined) throw new Error('missing');
  return v;
}

function barValues(option: ReturnType<typeof buildTopProductsOption>): number[] {
  const series = seriesList(option)[0];
  if (!series || series.type !== 'bar') throw new Error('no bars');
  return (series.data ?? []) as number[];
}

describe('rankProducts', () => {
  it('When ranked by quantity or revenue, Then at most 10 come back, largest first', () => {
    for (const by of ['quantity', 'revenue'] as const) {
      const ranked = rankProducts(rows, by);
      expect(ranked).toHaveLength(10);
      const values = ranked.map((r) => r[by]);
      expect(values).toEqual([...values].sort((a, b) => b - a));
    }
  });
});

describe('buildTopProductsOption', () => {
  it('When built, Then there are 10 bars sorted by the chosen measure, the best on top', () => {
    for (const by of ['quantity', 'revenue'] as const) {
      const option = buildTopProductsOption(rows, by, chartContext());
      const values = barValues(option);
      expect(values).toHaveLength(10);
      expect(values).toEqual([...values].sort((a, b) => b - a));
      expect((one(option.yAxis) as { inverse?: boolean }).inverse).toBe(true);
    }
  });

  it('When a name is long, Then the axis label is truncated and the grid contains the labels', () => {
    for (const compact of [false, true]) {
      const option = buildTopProductsOption(rows, 'quantity', chartContext('zh-CN', compact));
      const axis = one(option.yAxis) as { data: string[]; axisLabel: { formatter: (v: string) => string } };
      const labels = axis.data.map((id) => axis.axisLabel.formatter(id));
      const max = compact ? NAME_WIDTH.compact : NAME_WIDTH.regular;
      for (const label of labels) expect(textWidth(label)).toBeLessThanOrEqual(max);
      expect(labels.some((l) => l.endsWith('…'))).toBe(true);
      expect((one(option.grid) as GridComponentOption).containLabel).toBe(true);
    }
  });

  it('When two products share a prefix, Then they stay separate bars (ids are the categories)', () => {
    const twins: TopProductRow[] = [
      {
        productId: 'A',
        name: '超级无敌豪华大份鸡米花套餐A',
        category: '套餐',
        quantity: 9,
        revenue: 9,
        share: 0.5,
      },
      {
        productId: 'B',
        name: '超级无敌豪华大份鸡米花套餐B',
        category: '套餐',
        quantity: 8,
        revenue: 8,
        share: 0.4,
      },
    ];
    const axis = one(buildTopProductsOption(twins, 'quantity', chartContext('zh-CN', true)).yAxis) as {
      data: string[];
    };
    expect(axis.data).toEqual(['A', 'B']);
  });

  it('When a bar is labelled, Then it shows the share (and the value on a wide screen)', () => {
    const option = buildTopProductsOption(rows.slice(0, 1), 'quantity', chartContext('en-US'));
    const series = seriesList(option)[0];
    const formatter = series?.label?.formatter;
    if (typeof formatter !== 'function') throw new Error('no label formatter');
    expect(formatter({ dataIndex: 0 } as never)).toBe('100 · 5.0%');
  });
});
