import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { type ECharts, init, use as registerParts } from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { FONT_FAMILY, PALETTE, type ChartOption } from '../lib/chart';

// Only what the dashboard draws: this module and ECharts load in their own chunk, after first paint.
registerParts([
  BarChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  LabelLayout,
  CanvasRenderer,
]);

export type EChartCanvasProps = {
  option: ChartOption;
  height: number;
  ariaLabel: string;
  testId?: string;
  /** Called with the data index of a clicked item (a donut slice, a bar). */
  onItemClick?: (dataIndex: number) => void;
};

/** Draws `option` into a div that follows its container's size; disposes the chart on unmount. */
export default function EChartCanvas({ option, height, ariaLabel, testId, onItemClick }: EChartCanvasProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ECharts | null>(null);
  const clickRef = useRef(onItemClick);
  useEffect(() => {
    clickRef.current = onItemClick;
  }, [onItemClick]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = init(el, null, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (params) => {
      if (typeof params.dataIndex === 'number') clickRef.current?.(params.dataIndex);
    });
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (!chart.isDisposed()) chart.resize();
      });
    });
    observer.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    // Series keep their ids so a new scope animates from the old values instead of redrawing from zero.
    chart.setOption(
      { color: [...PALETTE], textStyle: { fontFamily: FONT_FAMILY }, ...option },
      { replaceMerge: ['series', 'legend', 'title'] },
    );
  }, [option]);

  return (
    <div ref={ref} role="img" aria-label={ariaLabel} data-testid={testId} style={{ width: '100%', height }} />
  );
}
