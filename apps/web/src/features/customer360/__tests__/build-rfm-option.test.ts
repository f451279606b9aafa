import type { RfmDimension } from '@portrait/shared/customer360';
import { RFM_BUCKET_MINS } from '@portrait/shared/customer-value';
import type { TooltipComponentOption } from 'echarts/components';
import { describe, expect, it } from 'vitest';
import { seriesList } from '../../../lib/chart';
import { chartContext } from '../../../testing/chart-context';
import { buildRfmOption, RFM_COLORS, rfmBucketLabels } from '../utils/build-rfm-option';

const f: RfmDimension = {
  value: 4,
  score: 62.5,
  bucket: 2,
  bucket_mins: [...RFM_BUCKET_MINS.f],
  histogram: [500, 300, 120, 50, 20, 8, 2, 0],
};

type Bar = {
  value: number | null;
  itemStyle: { color: string };
  label: { show: boolean; formatter?: string };
};
function bars(option: ReturnType<typeof buildRfmOption>): Bar[] {
  const series = seriesList(option)[0];
  if (!series || series.type !== 'bar') throw new Error('no bars');
  return series.data as Bar[];
}

describe('R / F / M range labels', () => {
  it('When the ranges are days, orders and yuan, Then each reads as a range a person can say', () => {
    expect(rfmBucketLabels('r', RFM_BUCKET_MINS.r)).toEqual([
      '0–7',
      '8–14',
      '15–30',
      '31–60',
      '61–90',
      '91–180',
      '181–365',
      '366+',
    ]);
    expect(rfmBucketLabels('f', RFM_BUCKET_MINS.f)).toEqual([
      '1',
      '2',
      '3–5',
      '6–10',
      '11–20',
      '21–50',
      '51–100',
      '101+',
    ]);
    expect(rfmBucketLabels('m', RFM_BUCKET_MINS.m)).toEqual([
      '<50',
      '50–100',
      '100–200',
      '200–500',
      '500–1k',
      '1k–2k',
      '2k–5k',
      '5k+',
    ]);
  });
});

describe('buildRfmOption', () => {
  it('When the customer is in the 3–5 orders range, Then only that bar is dark and labelled', () => {
    const list = bars(buildRfmOption('f', f, chartContext('zh-CN')));
    expect(list.map((b) => b.value)).toEqual([500, 300, 120, 50, 20, 8, 2, null]); // empty ranges draw nothing
    expect(list.map((b) => b.itemStyle.color)).toEqual(
      f.histogram.map((_, i) => (i === 2 ? RFM_COLORS.customer : RFM_COLORS.others)),
    );
    expect(list.filter((b) => b.label.show).map((b) => b.label.formatter)).toEqual(['这位顾客']);
  });

  it('When the customer has no orders, Then no bar is marked', () => {
    const list = bars(buildRfmOption('f', { ...f, value: null, bucket: null }, chartContext('en-US')));
    expect(list.every((b) => b.itemStyle.color === RFM_COLORS.others && !b.label.show)).toBe(true);
  });

  it('When a bar is hovered, Then the tooltip says the range with its unit, the customers and their share', () => {
    const tooltip = buildRfmOption('r', { ...f, bucket_mins: [...RFM_BUCKET_MINS.r] }, chartContext('en-US'))
      .tooltip as TooltipComponentOption;
    const formatter = tooltip.formatter as (p: unknown) => string;
    const html = formatter([{ dataIndex: 1 }]);
    expect(html).toContain('8–14 days');
    expect(html).toContain('300');
    expect(html).toContain('30.0%'); // 300 of 1,000
  });

  it('When shown on a phone, Then all eight range labels are kept at a smaller size', () => {
    const option = buildRfmOption(
      'm',
      { ...f, bucket_mins: [...RFM_BUCKET_MINS.m] },
      chartContext('zh-CN', true),
    );
    const axis = option.xAxis as { axisLabel: { interval: number; fontSize: number } };
    expect(axis.axisLabel).toMatchObject({ interval: 0, fontSize: 10 });
  });
});
