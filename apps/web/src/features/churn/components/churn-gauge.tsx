import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { ChartOption } from '../../../lib/chart';
import { drawGauge, type GaugeSeries } from '../utils/draw-gauge';

const EChartCanvas = lazy(() => import('../../../components/echart-canvas'));

type ChurnGaugeProps = { option: ChartOption; height: number; ariaLabel: string; testId: string };

/**
 * The churn gauge. Its first frame is drawn by hand on a canvas (utils/draw-gauge.ts, ECharts' geometry); ECharts
 * comes when the option first changes (another scope or language) and takes over from that frame, so the gauge
 * animates to the new value as it always did. Until then the dashboard's first screen needs no ECharts on a phone.
 */
export function ChurnGauge({ option, height, ariaLabel, testId }: ChurnGaugeProps) {
  const [first] = useState(option);
  const [echartsDrawn, setEchartsDrawn] = useState(false);
  const changed = option !== first;

  return (
    <div
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      className="churn-gauge-frame"
      style={{ height }}
    >
      {echartsDrawn ? null : <GaugeFrame option={first} />}
      {changed ? (
        <Suspense fallback={null}>
          <div className="churn-gauge-echarts" aria-hidden>
            <EChartCanvas
              option={option}
              initialOption={first}
              height={height}
              ariaLabel={ariaLabel}
              onFirstDraw={() => setEchartsDrawn(true)}
            />
          </div>
        </Suspense>
      ) : null}
    </div>
  );
}

/** The hand-drawn frame: follows the box's size and the screen's pixel ratio, as ECharts' canvas does. */
function GaugeFrame({ option }: { option: ChartOption }) {
  const ref = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = ref.current;
    const series = (Array.isArray(option.series)
      ? option.series[0]
      : option.series) as unknown as GaugeSeries;
    if (!canvas || !series) return;
    const draw = () => {
      const width = canvas.clientWidth;
      const height = canvas.clientHeight;
      const ratio = window.devicePixelRatio || 1;
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      const ctx = canvas.getContext('2d');
      if (!ctx || width === 0 || height === 0) return;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      drawGauge(ctx, series, width, height);
    };
    // Drawn from the observer only, first on its initial notification: it runs in the frame after layout, so the
    // box's size is read without forcing a style and layout pass of the page inside React's commit task (that was
    // 40–70 ms at 4× CPU, in the task that revealed the dashboard on a phone), and it still precedes the paint.
    const observer = new ResizeObserver(draw);
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [option]);

  return <canvas ref={ref} className="churn-gauge-canvas" aria-hidden />;
}
