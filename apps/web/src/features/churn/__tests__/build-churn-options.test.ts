import type { GaugeSeriesOption } from 'echarts/charts';
import type { ChurnFigures, ValueBin } from '@portrait/shared/models';
import { describe, expect, it } from 'vitest';
import type { ChartOption } from '../../../lib/chart';
import { createI18n } from '../../../lib/i18n';
import { chartContext } from '../../../testing/chart-context';
import { buildChurnGaugeOption, GAUGE_ZONES, RISK_COLORS } from '../utils/build-churn-gauge-option';
import { binCustomers, binLabel, buildValueBinsOption } from '../utils/build-value-bins-option';
import { modelAgeText, riskText } from '../utils/model-age';

const bins: ValueBin[] = [
  { from: 0, to: 20, low: 0, medium: 2, high: 40 },
  { from: 20, to: 50, low: 3, medium: 10, high: 12 },
  { from: 50, to: 100, low: 30, medium: 8, high: 1 },
  { from: 1000, to: 2000, low: 9, medium: 0, high: 0 },
  { from: 2000, to: null, low: 5, medium: 0, high: 0 },
];

const figures: ChurnFigures = {
  customers: 111,
  unscored: 0,
  bands: [
    { band: 'low', customers: 38, predictedValue: 9000, expectedOrders90: 120 },
    { band: 'medium', customers: 20, predictedValue: 1500, expectedOrders90: 20 },
    { band: 'high', customers: 53, predictedValue: 300, expectedOrders90: 4 },
  ],
  highRiskShare: 53 / 111,
  valueAtStake: 12_345.6,
  predictedValue: 10_800,
  valueBins: bins,
};

function gauge(option: ChartOption): GaugeSeriesOption {
  const series = Array.isArray(option.series) ? option.series[0] : option.series;
  if (!series || series.type !== 'gauge') throw new Error('no gauge');
  return series as GaugeSeriesOption;
}

describe('buildChurnGaugeOption', () => {
  it('When built, Then the pointer shows the high-risk share in percent and the arc turns amber at 10 % and red at 25 %', () => {
    const g = gauge(buildChurnGaugeOption(figures, chartContext('zh-CN')));
    const [point] = g.data as { value: number; name: string }[];
    expect(point?.value).toBeCloseTo(47.7, 1);
    expect(point?.name).toBe('高风险占比');
    expect(g.min).toBe(0);
    expect(g.max).toBe(100);
    const colors = (g.axisLine as { lineStyle: { color: [number, string][] } }).lineStyle.color;
    expect(colors).toEqual([
      [GAUGE_ZONES.watch, RISK_COLORS.low],
      [GAUGE_ZONES.act, RISK_COLORS.medium],
      [1, RISK_COLORS.high],
    ]);
    const detail = g.detail as { formatter: () => string };
    expect(detail.formatter()).toBe('47.7%');
  });

  it('When there is nobody to score, Then the gauge reads 0 and the figure shows a dash', () => {
    const g = gauge(buildChurnGaugeOption({ ...figures, highRiskShare: null }, chartContext('en-US', true)));
    expect((g.data as { value: number }[])[0]?.value).toBe(0);
    expect((g.detail as { formatter: () => string }).formatter()).toBe('—');
  });
});

describe('buildValueBinsOption', () => {
  it('When built, Then one stacked bar per bin and band, counts summing to each bin, labels short enough for a phone', () => {
    const option = buildValueBinsOption(bins, chartContext('zh-CN', true));
    const series = (Array.isArray(option.series) ? option.series : []) as {
      name: string;
      data: number[];
      stack: string;
    }[];
    expect(series.map((s) => s.name)).toEqual(['低风险', '中风险', '高风险']);
    expect(new Set(series.map((s) => s.stack)).size).toBe(1);
    bins.forEach((bin, i) =>
      expect(series.reduce((sum, s) => sum + (s.data[i] ?? 0), 0)).toBe(binCustomers(bin)),
    );
    expect(bins.map(binLabel)).toEqual(['<20', '20–50', '50–100', '1k–2k', '2k+']);
    expect(Math.max(...bins.map((b) => binLabel(b).length))).toBeLessThanOrEqual(7);
  });

  it('When the tooltip opens on a bin, Then it lists the bands high first and the total, escaped', () => {
    const option = buildValueBinsOption(bins, chartContext('en-US'));
    const tooltip = option.tooltip as { formatter: (p: unknown) => string };
    const html = tooltip.formatter([{ dataIndex: 1 }]);
    expect(html.indexOf('High risk')).toBeLessThan(html.indexOf('Low risk'));
    expect(html).toContain('¥20–50');
    expect(html).toContain('>25<');
  });
});

describe('modelAgeText', () => {
  it('When the model is seconds, minutes, hours or days old, Then the age reads naturally in both languages', () => {
    const zh = createI18n('zh-CN').t;
    const en = createI18n('en-US').t;
    expect(modelAgeText(30, zh)).toBe('刚刚');
    expect(modelAgeText(5 * 60 + 10, zh)).toBe(' 5 分钟前');
    expect(modelAgeText(3 * 3600, en)).toBe('3 h ago');
    expect(modelAgeText(2 * 86_400 + 5, en)).toBe('2 days ago');
  });

  it('When a risk rounds to 100 %, Then it reads ">99%": the model never says a customer is certainly gone', () => {
    const f = chartContext('zh-CN').f;
    expect(riskText(0.998, f)).toBe('>99%');
    expect(riskText(0.894, f)).toBe('89%');
  });
});
