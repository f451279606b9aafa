import { FONT_FAMILY } from '../../../lib/chart';

/**
 * The churn gauge's still picture, drawn on a 2D canvas from its ECharts option, with ECharts' own geometry (its
 * GaugeView and PointerPath: sectors of the axis line, split lines, labels, pointer, anchor, title and detail). The
 * dashboard's first frame of the gauge is this: on a phone the churn row is reached by the first screen, and ECharts
 * (its 185 KB chunk, its evaluation and its first chart's set-up, the longest task after the first paint) is only
 * needed once the gauge animates to a new value.
 */

/** The parts of an ECharts gauge series this draws (those buildChurnGaugeOption sets). */
export type GaugeSeries = {
  min: number;
  max: number;
  startAngle: number;
  endAngle: number;
  radius: string | number;
  center: [string | number, string | number];
  splitNumber: number;
  axisLine: { lineStyle: { width: number; color: Array<[number, string]> } };
  pointer: { length: string | number; width: string | number; itemStyle: { color: string } };
  anchor: { show: boolean; size: number; itemStyle: { color: string } };
  splitLine: { length: string | number; distance: number; lineStyle: { color: string; width: number } };
  axisLabel: { distance: number; fontSize: number; color: string; formatter: (value: number) => string };
  title: { offsetCenter: [string | number, string | number]; fontSize: number; color: string };
  detail: {
    offsetCenter: [string | number, string | number];
    fontSize: number;
    fontWeight: number | string;
    color: string;
    formatter: () => string;
  };
  data: Array<{ value: number; name: string }>;
};

/** ECharts' parsePercent: '50%' of `all`, or a number as is. */
export function parsePercent(value: string | number, all: number): number {
  if (typeof value === 'number') return value;
  const text = value.trim();
  return text.endsWith('%') ? (parseFloat(text) / 100) * all : parseFloat(text);
}

/** Centre, radius and the arc's angles (canvas radians, clockwise from +x, end > start) as ECharts lays them out. */
export function gaugeLayout(series: GaugeSeries, width: number, height: number) {
  const cx = parsePercent(series.center[0], width);
  const cy = parsePercent(series.center[1], height);
  const r = parsePercent(series.radius, Math.min(width, height) / 2);
  // ECharts negates the option's (counter-clockwise) degrees, then normalizes as zrender's normalizeArcAngles does.
  const TAU = Math.PI * 2;
  let start = (-series.startAngle / 180) * Math.PI;
  let end = (-series.endAngle / 180) * Math.PI;
  start = ((start % TAU) + TAU) % TAU;
  end = start + ((((end - start) % TAU) + TAU) % TAU || TAU);
  return { cx, cy, r, start, end };
}

/** The pointer's angle for `value` (clamped to the axis, as ECharts' linearMap with clamp). */
export function valueAngle(series: GaugeSeries, start: number, end: number, value: number): number {
  const t = Math.min(1, Math.max(0, (value - series.min) / (series.max - series.min)));
  return start + (end - start) * t;
}

const font = (size: number, weight: number | string = 'normal') => `${weight} ${size}px ${FONT_FAMILY}`;

/** zrender's line height of a plain text: the width of '国' in its font. */
function lineHeight(ctx: CanvasRenderingContext2D, fontText: string): number {
  ctx.font = fontText;
  return ctx.measureText('国').width;
}

/** Draws `series` into `ctx` (already scaled to CSS pixels) over a `width` × `height` box. */
export function drawGauge(
  ctx: CanvasRenderingContext2D,
  series: GaugeSeries,
  width: number,
  height: number,
): void {
  const { cx, cy, r, start, end } = gaugeLayout(series, width, height);
  const span = end - start;
  const lineWidth = series.axisLine.lineStyle.width;
  ctx.clearRect(0, 0, width, height);

  // Axis line: one sector per colour stop, from r - width to r, the last one first (as ECharts adds them: their
  // shared edges blend the same way).
  let from = start;
  const sectors = series.axisLine.lineStyle.color.map(([stop, color]) => {
    const to = start + span * Math.min(Math.max(stop, 0), 1);
    const sector = { from, to, color };
    from = to;
    return sector;
  });
  for (const sector of sectors.reverse()) {
    ctx.beginPath();
    ctx.arc(cx, cy, r, sector.from, sector.to, false);
    ctx.arc(cx, cy, r - lineWidth, sector.to, sector.from, true);
    ctx.closePath();
    ctx.fillStyle = sector.color;
    ctx.fill();
  }

  // Split lines and their labels.
  const splitLength = parsePercent(series.splitLine.length, r);
  const splitDistance = series.splitLine.distance;
  const lineDistance = splitDistance ? splitDistance + lineWidth : lineWidth;
  const labelDistance = series.axisLabel.distance + splitDistance;
  const labelFont = font(series.axisLabel.fontSize);
  const labelLine = lineHeight(ctx, labelFont);
  const step = span / series.splitNumber;
  for (let i = 0; i <= series.splitNumber; i += 1) {
    const angle = start + step * i;
    const ux = Math.cos(angle);
    const uy = Math.sin(angle);
    ctx.beginPath();
    ctx.moveTo(ux * (r - lineDistance) + cx, uy * (r - lineDistance) + cy);
    ctx.lineTo(ux * (r - splitLength - lineDistance) + cx, uy * (r - splitLength - lineDistance) + cy);
    ctx.strokeStyle = series.splitLine.lineStyle.color;
    ctx.lineWidth = series.splitLine.lineStyle.width;
    ctx.stroke();

    const value = Math.round(((i * (series.max - series.min)) / series.splitNumber + series.min) * 1e4) / 1e4;
    const x = ux * (r - splitLength - labelDistance) + cx;
    const y = uy * (r - splitLength - labelDistance) + cy;
    const top = uy < -0.8 ? y : uy > 0.8 ? y - labelLine : y - labelLine / 2;
    fillText(ctx, series.axisLabel.formatter(value), {
      x,
      y: top + labelLine / 2,
      align: ux < -0.4 ? 'left' : ux > 0.4 ? 'right' : 'center',
      font: labelFont,
      color: series.axisLabel.color,
    });
  }

  // Title and detail (centred on their offsets; the detail's box and padding do not move its text).
  const [item] = series.data;
  const titleFont = font(series.title.fontSize);
  fillText(ctx, item?.name ?? '', {
    x: cx + parsePercent(series.title.offsetCenter[0], r),
    y: cy + parsePercent(series.title.offsetCenter[1], r),
    align: 'center',
    font: titleFont,
    color: series.title.color,
  });
  fillText(ctx, series.detail.formatter(), {
    x: cx + parsePercent(series.detail.offsetCenter[0], r),
    y: cy + parsePercent(series.detail.offsetCenter[1], r),
    align: 'center',
    font: font(series.detail.fontSize, series.detail.fontWeight),
    color: series.detail.color,
  });

  // Anchor (under the pointer), then the pointer: ECharts' PointerPath, a kite from behind the centre to the value.
  if (series.anchor.show) {
    ctx.beginPath();
    ctx.arc(cx, cy, series.anchor.size / 2, 0, Math.PI * 2);
    ctx.fillStyle = series.anchor.itemStyle.color;
    ctx.fill();
  }
  const angle = valueAngle(series, start, end, item?.value ?? series.min);
  const length = parsePercent(series.pointer.length, r);
  const half = parsePercent(series.pointer.width, r);
  const back = half * (half >= length / 3 ? 1 : 2);
  const side = angle - Math.PI / 2;
  ctx.beginPath();
  ctx.moveTo(cx - Math.cos(angle) * back, cy - Math.sin(angle) * back);
  ctx.lineTo(cx + Math.cos(side) * half, cy + Math.sin(side) * half);
  ctx.lineTo(cx + Math.cos(angle) * length, cy + Math.sin(angle) * length);
  ctx.lineTo(cx - Math.cos(side) * half, cy - Math.sin(side) * half);
  ctx.closePath();
  ctx.fillStyle = series.pointer.itemStyle.color;
  ctx.fill();
}

function fillText(
  ctx: CanvasRenderingContext2D,
  text: string,
  o: { x: number; y: number; align: CanvasTextAlign; font: string; color: string },
) {
  ctx.font = o.font;
  ctx.fillStyle = o.color;
  ctx.textAlign = o.align;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, o.x, o.y);
}
