import type { ChurnFigures } from '@portrait/shared/models';
import { init } from 'echarts';
import { describe, expect, it } from 'vitest';
import { chartContext } from '../../../testing/chart-context';
import { buildChurnGaugeOption } from '../utils/build-churn-gauge-option';
import { drawGauge, gaugeLayout, parsePercent, valueAngle, type GaugeSeries } from '../utils/draw-gauge';

const figures = (highRiskShare: number | null): ChurnFigures => ({
  customers: 111,
  unscored: 0,
  bands: [],
  highRiskShare,
  valueAtStake: 1,
  predictedValue: 1,
  valueBins: [],
});

type Shape = { kind: 'sector' | 'path' | 'circle'; fill: string; points: number[][]; arcs: number[][] };
type Drawn = {
  shapes: Shape[];
  lines: { from: number[]; to: number[]; stroke: string; width: number }[];
  texts: { text: string; x: number; y: number; align: string; font: string; fill: string }[];
};

/** A 2D context that records what is drawn (Node has no canvas); '国' measures its font size, as ECharts assumes. */
function recordingContext(): { ctx: CanvasRenderingContext2D; drawn: Drawn } {
  const drawn: Drawn = { shapes: [], lines: [], texts: [] };
  let points: number[][] = [];
  let arcs: number[][] = [];
  const state = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '',
    textAlign: 'start',
    textBaseline: '',
  };
  // The style properties the drawing sets land on `state`, which the recorders read.
  const ctx = Object.assign(state, {
    clearRect() {},
    setTransform() {},
    closePath() {},
    beginPath() {
      points = [];
      arcs = [];
    },
    moveTo: (x: number, y: number) => points.push([x, y]),
    lineTo: (x: number, y: number) => points.push([x, y]),
    arc: (...args: number[]) => arcs.push(args),
    fill() {
      const kind = arcs.length === 2 ? 'sector' : arcs.length === 1 ? 'circle' : 'path';
      drawn.shapes.push({ kind, fill: state.fillStyle, points, arcs });
    },
    stroke() {
      drawn.lines.push({
        from: points[0]!,
        to: points[1]!,
        stroke: state.strokeStyle,
        width: state.lineWidth,
      });
    },
    measureText: () => ({ width: parseFloat(/(\d+(\.\d+)?)px/.exec(state.font)?.[1] ?? '0') }),
    fillText(text: string, x: number, y: number) {
      expect(state.textBaseline).toBe('middle');
      drawn.texts.push({ text, x, y, align: state.textAlign, font: state.font, fill: state.fillStyle });
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, drawn };
}

/** What ECharts itself lays out for the same option (its SSR renderer, no DOM): its display list. */
function echartsDisplayList(option: object, width: number, height: number) {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ ...option, animation: false });
  const list = chart.getZr().storage.getDisplayList(true);
  chart.dispose();
  return list as unknown as Array<{
    type: string;
    style: Record<string, unknown>;
    shape: Record<string, number>;
    rotation: number;
    x: number;
    y: number;
  }>;
}

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 6);

describe('drawGauge', () => {
  for (const [compact, width, height, share] of [
    [true, 348, 200, 0.477],
    [false, 414, 270, 0.006],
    [false, 300, 270, 0.93],
  ] as const) {
    it(`When the churn gauge (${compact ? 'phone' : 'desktop'}, ${width} × ${height}, ${Math.round(share * 1000) / 10} %) is drawn by hand, Then every part is where ECharts puts it`, () => {
      const option = buildChurnGaugeOption(figures(share), chartContext('zh-CN', compact));
      const series = (option.series as unknown[])[0] as GaugeSeries;
      const { ctx, drawn } = recordingContext();
      drawGauge(ctx, series, width, height);
      const ec = echartsDisplayList(option, width, height);

      // Axis line sectors: same colours, order, radii and angles.
      const sectors = ec.filter((el) => el.type === 'sector');
      const mine = drawn.shapes.filter((s) => s.kind === 'sector');
      expect(mine.map((s) => s.fill)).toEqual(sectors.map((s) => s.style.fill));
      sectors.forEach((s, i) => {
        const [outer, inner] = mine[i]!.arcs as [number[], number[]];
        close(outer[0]!, s.shape.cx!);
        close(outer[1]!, s.shape.cy!);
        close(outer[2]!, s.shape.r!);
        close(inner[2]!, s.shape.r0!);
        close(outer[3]!, s.shape.startAngle!);
        close(outer[4]!, s.shape.endAngle!);
      });

      // Split lines.
      const lines = ec.filter((el) => el.type === 'line');
      expect(drawn.lines).toHaveLength(lines.length);
      lines.forEach((l, i) => {
        const m = drawn.lines[i]!;
        [m.from[0], m.from[1], m.to[0], m.to[1]].forEach((v, k) =>
          close(v!, [l.shape.x1, l.shape.y1, l.shape.x2, l.shape.y2][k]!),
        );
        expect([m.stroke, m.width]).toEqual([l.style.stroke, l.style.lineWidth]);
      });

      // Axis labels, title and detail: text, position, alignment, size, weight and colour.
      const texts = ec.filter((el) => el.type === 'tspan');
      expect(drawn.texts.map((t) => t.text)).toEqual(texts.map((t) => t.style.text));
      texts.forEach((t, i) => {
        const m = drawn.texts[i]!;
        close(m.x, t.style.x as number);
        close(m.y, t.style.y as number);
        expect(m.align).toBe(t.style.textAlign);
        expect(m.fill).toBe(t.style.fill);
        const [, weight, size] = /^\S+ (\S+) (\S+)/.exec(t.style.font as string)!;
        expect(m.font.startsWith(`${weight} ${size} `)).toBe(true);
      });

      // Anchor and pointer: the pointer's tip is ECharts' pointer path turned by its rotation about the centre.
      const anchor = ec.find((el) => el.type === 'path' && el.shape.symbolType !== undefined)!;
      const circle = drawn.shapes.find((s) => s.kind === 'circle')!;
      close(circle.arcs[0]![0]!, anchor.shape.x! + anchor.shape.width! / 2);
      close(circle.arcs[0]![2]!, anchor.shape.width! / 2);
      const pointer = ec.find((el) => el.type === 'pointer')!;
      const [st, ct] = [Math.sin(pointer.rotation), Math.cos(pointer.rotation)];
      const [lx, ly] = [0, -pointer.shape.r!];
      const tip = [ct * lx + st * ly + pointer.x, -st * lx + ct * ly + pointer.y];
      const path = drawn.shapes.find((s) => s.kind === 'path')!;
      close(path.points[2]![0]!, tip[0]!);
      close(path.points[2]![1]!, tip[1]!);
      expect(path.fill).toBe(pointer.style.fill);
    });
  }
});

describe('gauge geometry', () => {
  it("When parsing ECharts' sizes, Then percentages are of the whole and numbers are pixels", () => {
    expect(parsePercent('50%', 300)).toBe(150);
    expect(parsePercent(' 92% ', 100)).toBeCloseTo(92);
    expect(parsePercent(12, 300)).toBe(12);
  });

  it('When a value is outside the axis, Then the pointer stops at its ends', () => {
    const option = buildChurnGaugeOption(figures(0.5), chartContext('en-US'));
    const series = (option.series as unknown[])[0] as GaugeSeries;
    const { start, end } = gaugeLayout(series, 400, 270);
    expect((start * 180) / Math.PI).toBeCloseTo(155);
    expect((end * 180) / Math.PI).toBeCloseTo(385);
    expect(valueAngle(series, start, end, -5)).toBe(start);
    expect(valueAngle(series, start, end, 150)).toBe(end);
    expect(valueAngle(series, start, end, 50)).toBeCloseTo((start + end) / 2);
  });
});
