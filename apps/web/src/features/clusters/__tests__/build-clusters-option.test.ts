import type { ClusterRow } from '@portrait/shared/models';
import type { LegendComponentOption, TitleComponentOption } from 'echarts/components';
import { describe, expect, it } from 'vitest';
import { seriesList } from '../../../lib/chart';
import { chartContext } from '../../../testing/chart-context';
import {
  buildClustersOption,
  clusterLabel,
  clustersChartHeight,
  clustersTotal,
} from '../utils/build-clusters-option';

const centroid = {
  recencyDays: 12.4,
  purchaseDays: 21.9,
  spendPerVisit: 41.1,
  tenureDays: 336,
  deliveryShare: 0.3,
  miniProgramShare: 0.32,
};
const rows: ClusterRow[] = [
  {
    cluster: 0,
    nameZh: '新客 · 小程序',
    nameEn: 'newcomers, mini-program',
    count: 650,
    revenue: 7734.5,
    centroid,
  },
  {
    cluster: 1,
    nameZh: '高频常客 · 多渠道',
    nameEn: 'frequent regulars, multi-channel',
    count: 610,
    revenue: 17563,
    centroid,
  },
  {
    cluster: 2,
    nameZh: '偶尔光顾 · 外卖',
    nameEn: 'occasional, delivery',
    count: 390,
    revenue: 5943,
    centroid,
  },
];

describe('buildClustersOption', () => {
  it('When built, Then one slice per cluster with its count and name, and the active customers in the centre', () => {
    const option = buildClustersOption(rows, chartContext('zh-CN'));
    const pie = seriesList(option)[0];
    if (!pie || pie.type !== 'pie') throw new Error('no pie');
    expect((pie.data as { name: string; value: number }[]).map((d) => [d.name, d.value])).toEqual([
      ['新客 · 小程序', 650],
      ['高频常客 · 多渠道', 610],
      ['偶尔光顾 · 外卖', 390],
    ]);
    expect((option.title as TitleComponentOption).text).toBe('1,650');
    expect(clustersTotal(rows)).toBe(1650);
  });

  it('When the legend formats a name, Then it shows the share; English uses the English names', () => {
    const option = buildClustersOption(rows, chartContext('en-US', true));
    const legend = option.legend as LegendComponentOption & { formatter: (n: string) => string };
    expect(legend.formatter(clusterLabel(rows[2] as ClusterRow, 'en-US'))).toBe(
      '{name|occasional, delivery}{share|23.6%}',
    );
    expect(legend.orient).toBe('vertical');
  });

  it('When the tooltip opens, Then it explains the centroid: recency, visits, spend and channel shares', () => {
    const option = buildClustersOption(rows, chartContext('zh-CN'));
    const html = (option.tooltip as { formatter: (p: unknown) => string }).formatter({ dataIndex: 1 });
    for (const text of ['高频常客 · 多渠道', '12 天', '21.9', '¥41.10', '30.0%', '32.0%'])
      expect(html).toContain(text);
  });

  it('When on a phone, Then the chart grows with the number of clusters so the legend never overlaps the donut', () => {
    expect(clustersChartHeight({ compact: true }, 8)).toBeGreaterThan(
      clustersChartHeight({ compact: true }, 3),
    );
    expect(clustersChartHeight({ compact: false }, 8)).toBe(320);
  });
});
