import type { ChurnFigures } from '@portrait/shared/models';
import { baseTextStyle, COLORS, fontSize, type ChartContext, type ChartOption } from '../../../lib/chart';

/** Risk colours, shared by the gauge, the bands and the value chart. */
export const RISK_COLORS = { low: '#52c41a', medium: '#faad14', high: '#f5222d' } as const;

/**
 * Where the gauge's arc turns amber and red. Display only: a share of active customers at high risk above 10 %
 * deserves a look, above 25 % action (the risk band itself is defined in the model).
 */
export const GAUGE_ZONES = { watch: 0.1, act: 0.25 } as const;

export const GAUGE_HEIGHT = { compact: 200, regular: 270 } as const;

/** The gauge (seed §7 仪表盘): the share of the scope's active customers at high risk, 0–100 %. */
export function buildChurnGaugeOption(figures: ChurnFigures, ctx: ChartContext): ChartOption {
  const { t, f, compact } = ctx;
  const share = figures.highRiskShare ?? 0;
  return {
    textStyle: baseTextStyle(ctx),
    series: [
      {
        id: 'churn-gauge',
        type: 'gauge',
        min: 0,
        max: 100,
        startAngle: 205,
        endAngle: -25,
        radius: compact ? '92%' : '90%',
        center: ['50%', compact ? '60%' : '58%'],
        splitNumber: 4,
        axisLine: {
          lineStyle: {
            width: compact ? 12 : 16,
            color: [
              [GAUGE_ZONES.watch, RISK_COLORS.low],
              [GAUGE_ZONES.act, RISK_COLORS.medium],
              [1, RISK_COLORS.high],
            ],
          },
        },
        pointer: { length: '58%', width: compact ? 4 : 5, itemStyle: { color: COLORS.text } },
        anchor: { show: true, size: compact ? 8 : 10, itemStyle: { color: COLORS.text } },
        axisTick: { show: false },
        splitLine: { length: compact ? 6 : 8, distance: 2, lineStyle: { color: '#fff', width: 2 } },
        axisLabel: {
          distance: compact ? 14 : 20,
          fontSize: fontSize(ctx),
          color: COLORS.axis,
          formatter: (v: number) => `${v}%`,
        },
        // The value sits between the arc's ends and its name below them, where no axis label is: at the ends'
        // height a longer name (English "High-risk share") ran into the 100% label on a phone.
        title: {
          offsetCenter: [0, compact ? '74%' : '70%'],
          fontSize: fontSize(ctx),
          color: COLORS.textSecondary,
        },
        detail: {
          valueAnimation: true,
          offsetCenter: [0, compact ? '40%' : '38%'],
          fontSize: compact ? 22 : 28,
          fontWeight: 600,
          color: COLORS.text,
          formatter: () => f.percent(figures.highRiskShare),
        },
        data: [{ value: Math.round(share * 1000) / 10, name: t('churn.gaugeLabel') }],
      },
    ],
  };
}
