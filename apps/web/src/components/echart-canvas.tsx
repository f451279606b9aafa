import { BarChart, GaugeChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import {
  type ECElementEvent,
  type ECharts,
  type EChartsCoreOption,
  init,
  use as registerParts,
} from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { FONT_FAMILY, PALETTE, type ChartOption } from '../lib/chart';
import { chartDrawQueue } from './chart-draw-queue';

// Only what the dashboard draws: this module and ECharts load in their own chunk, after first paint.
registerParts([
  BarChart,
  PieChart,
  GaugeChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  LabelLayout,
  CanvasRenderer,
]);

export type EChartCanvasProps = {
  /** A ChartOption, or the option of a feature that registers more ECharts parts in its own lazy chunk. */
  option: ChartOption | EChartsCoreOption;
  height: number;
  ariaLabel: string;
  testId?: string;
  /** Called with the clicked item (a bar, a map region, a Sankey node, …). */
  onItemClick?: (params: ECElementEvent) => void;
  /**
   * What was shown before ECharts (a hand-drawn first frame): drawn first, without animation, so that `option`
   * animates from it as any later option does.
   */
  initialOption?: ChartOption | EChartsCoreOption;
  /** Called once the first draw is on the canvas. */
  onFirstDraw?: () => void;
};

/**
 * Draws `option` into a div that follows its container's size; disposes the chart on unmount. The chart is created
 * and first drawn through the page's draw queue (one chart per task, see chart-draw-queue.ts), without the entrance
 * animation; later options apply at once and animate from the old values.
 */
export default function EChartCanvas({
  option,
  height,
  ariaLabel,
  testId,
  onItemClick,
  initialOption,
  onFirstDraw,
}: EChartCanvasProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ECharts | null>(null);
  const clickRef = useRef(onItemClick);
  // The latest option, for the queued first draw (the option may change while the draw waits).
  const optionRef = useRef(option);
  const firstRef = useRef({ initialOption, onFirstDraw });
  useEffect(() => {
    clickRef.current = onItemClick;
  }, [onItemClick]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let frame = 0;
    let observer: ResizeObserver | null = null;
    let chart: ECharts | null = null;
    // Two slices: creating the instance, then the first draw (the larger part).
    const dequeueInit = chartDrawQueue.enqueue(() => {
      chart = init(el, null, { renderer: 'canvas' });
      chart.on('click', (params) => clickRef.current?.(params));
    });
    const dequeueDraw = chartDrawQueue.enqueue(() => {
      const drawn = chart;
      if (!drawn) return;
      const { initialOption: initial, onFirstDraw: drawnCallback } = firstRef.current;
      drawn.setOption({ ...withTheme(initial ?? optionRef.current), animation: false });
      if (initial && initial !== optionRef.current) {
        drawn.setOption(
          { ...withTheme(optionRef.current), animation: true },
          { replaceMerge: ['series', 'legend', 'title'] },
        );
      }
      chartRef.current = drawn;
      drawnCallback?.();
      observer = new ResizeObserver(() => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => {
          if (!drawn.isDisposed()) drawn.resize();
        });
      });
      observer.observe(el);
    });
    return () => {
      dequeueInit();
      dequeueDraw();
      cancelAnimationFrame(frame);
      observer?.disconnect();
      chart?.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    optionRef.current = option;
    const chart = chartRef.current;
    if (!chart) return; // not drawn yet: the queued first draw takes the latest option
    // Series keep their ids so a new scope animates from the old values instead of redrawing from zero.
    chart.setOption(
      { ...withTheme(option), animation: true },
      { replaceMerge: ['series', 'legend', 'title'] },
    );
  }, [option]);

  return (
    <div ref={ref} role="img" aria-label={ariaLabel} data-testid={testId} style={{ width: '100%', height }} />
  );
}

function withTheme(option: EChartCanvasProps['option']): EChartsCoreOption {
  return { color: [...PALETTE], textStyle: { fontFamily: FONT_FAMILY }, ...option };
}
