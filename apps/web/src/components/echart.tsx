import { lazy, Suspense } from 'react';
import type { EChartCanvasProps } from './echart-canvas';

const loadCanvas = () => import('./echart-canvas');
const EChartCanvas = lazy(loadCanvas);

/** Starts downloading ECharts early (e.g. while the first data requests are in flight). */
export function preloadECharts(): void {
  void loadCanvas();
}

/** A chart; ECharts itself is fetched on first use, a placeholder of the same height holds its place. */
export function EChart(props: EChartCanvasProps) {
  return (
    <Suspense fallback={<div className="skeleton-block" style={{ height: props.height }} aria-hidden />}>
      <EChartCanvas {...props} />
    </Suspense>
  );
}
