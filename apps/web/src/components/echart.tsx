import { lazy, Suspense } from 'react';
import type { EChartCanvasProps } from './echart-canvas';

// Fetched by the first chart panel that comes near the screen (see DeferredPanel), not with the page.
const EChartCanvas = lazy(() => import('./echart-canvas'));

/** A chart; ECharts itself is fetched on first use, a placeholder of the same height holds its place. */
export function EChart(props: EChartCanvasProps) {
  return (
    <Suspense fallback={<div className="skeleton-block" style={{ height: props.height }} aria-hidden />}>
      <EChartCanvas {...props} />
    </Suspense>
  );
}
