import { KNOWN_EVENTS, type PathNode, type Paths } from '@portrait/shared/paths';
import type { SankeySeriesOption } from 'echarts/charts';
import type { TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { TFunction } from 'i18next';
import {
  baseTextStyle,
  baseTooltip,
  color,
  COLORS,
  fontSize,
  tooltipRow,
  tooltipTitle,
  type ChartContext,
} from '../../../lib/chart';

/** The option shape of the Sankey: the parts sankey-canvas.tsx registers. */
export type PathsChartOption = ComposeOption<SankeySeriesOption | TooltipComponentOption>;

export const PATHS_CHART_HEIGHT = { compact: 360, regular: 440 } as const;
/** Nodes smaller than this share of all sessions go unlabelled (their tooltip still names them). */
export const MIN_LABELLED_SHARE = { compact: 0.04, regular: 0.004 } as const;

/** One colour per event type, the same at every step; exits and `other` in greys. */
const EVENT_COLORS: Record<(typeof KNOWN_EVENTS)[number], string> = {
  app_open: '#5B8FF9',
  view_menu: '#5AD8A6',
  view_product: '#5D7092',
  add_to_cart: '#F6BD16',
  checkout: '#945FB9',
  pay: '#389e0d',
};
const OTHER_COLOR = '#a8b1c2';
const EXIT_COLOR = '#d9d9d9';

function isKnownEvent(event: string): event is (typeof KNOWN_EVENTS)[number] {
  return (KNOWN_EVENTS as readonly string[]).includes(event);
}

export function nodeColor(node: Pick<PathNode, 'kind' | 'event'>): string {
  if (node.kind === 'exit') return EXIT_COLOR;
  if (node.kind === 'other') return OTHER_COLOR;
  if (isKnownEvent(node.event)) return EVENT_COLORS[node.event];
  // Imported data may name other events: a stable colour from the palette.
  let hash = 0;
  for (const ch of node.event) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return color(hash);
}

/** An event's name in the user's language (imported event types without a translation stay as they are). */
export function eventLabel(node: Pick<PathNode, 'kind' | 'event'>, t: TFunction): string {
  if (node.kind === 'exit') return t('paths.events.exit');
  if (node.kind === 'other') return t('paths.events.other');
  return isKnownEvent(node.event) ? t(`paths.events.${node.event}`) : node.event;
}

/** `第 2 步 · 浏览菜单`; an exit names the step it follows (`在第 1 步后离开`). */
export function nodeTitle(node: Pick<PathNode, 'kind' | 'event' | 'step'>, t: TFunction): string {
  if (node.kind === 'exit') return t('paths.exitedAfter', { step: node.step - 1 });
  return t('paths.stepEvent', { step: node.step, event: eventLabel(node, t) });
}

/** Sessions that went on to each step (exits excluded): the base of "share of the previous step". */
export function sessionsAtStep(paths: Paths): Map<number, number> {
  const totals = new Map<number, number>();
  for (const n of paths.nodes)
    if (n.kind !== 'exit') totals.set(n.step, (totals.get(n.step) ?? 0) + n.sessions);
  return totals;
}

/** A node's sessions as a share of the sessions at the step before it (step 1: of all sessions). */
export function shareOfPrevious(node: PathNode, paths: Paths, atStep = sessionsAtStep(paths)): number | null {
  const base = node.step === 1 ? paths.sessions : (atStep.get(node.step - 1) ?? 0);
  return base > 0 ? node.sessions / base : null;
}

export function conversionShare(paths: Paths): number | null {
  return paths.sessions > 0 ? paths.converted / paths.sessions : null;
}

/** Margins and node width of the Sankey, shared with the step labels drawn above it. */
export function sankeyLayout(compact: boolean) {
  return { side: compact ? 4 : 8, nodeWidth: compact ? 8 : 12 };
}

/** Below this width (px) a label would show one or two characters: the chart goes without, a legend names the colours. */
export const MIN_LABEL_WIDTH = 44;

/** Room for a node's label: from its node to the next column (a default while the chart's width is unknown). */
export function sankeyLabelWidth(paths: Paths, compact: boolean, width?: number): number {
  const { side, nodeWidth } = sankeyLayout(compact);
  const lastStep = Math.max(1, ...paths.nodes.map((n) => n.step));
  if (!width) return compact ? 60 : 120;
  const gap = (width - 2 * side - nodeWidth) / Math.max(1, lastStep - 1);
  return Math.max(0, Math.floor(gap - nodeWidth - 8));
}

/** The columns' captions (`第 1 步` …) as CSS positions over the chart: columns are evenly spaced. */
export function stepAxis(
  paths: Paths,
  compact: boolean,
): { step: number; left: string; alignEnd: boolean }[] {
  const { side, nodeWidth } = sankeyLayout(compact);
  const last = Math.max(0, ...paths.nodes.map((n) => n.step));
  return Array.from({ length: last }, (_, i) => {
    const fraction = last > 1 ? i / (last - 1) : 0;
    const alignEnd = last > 1 && i === last - 1;
    const x = `${side}px + (100% - ${2 * side + nodeWidth}px) * ${fraction.toFixed(4)}`;
    return { step: i + 1, left: alignEnd ? `calc(${x} + ${nodeWidth}px)` : `calc(${x})`, alignEnd };
  });
}

/**
 * Step-indexed Sankey: column k holds step k (and the exits after step k − 1), link width = sessions.
 * `width` is the chart's width in px (when known), used to keep labels within their column.
 */
export function buildPathsOption(paths: Paths, ctx: ChartContext & { width?: number }): PathsChartOption {
  const { t, f, compact } = ctx;
  const size = fontSize(ctx);
  const byId = new Map(paths.nodes.map((n) => [n.id, n]));
  const atStep = sessionsAtStep(paths);
  const { side, nodeWidth } = sankeyLayout(compact);
  const lastStep = Math.max(1, ...paths.nodes.map((n) => n.step));
  const labelWidth = sankeyLabelWidth(paths, compact, ctx.width);
  const showLabels = labelWidth >= MIN_LABEL_WIDTH;
  const showCounts = !compact && labelWidth >= 90;
  const minLabelled = paths.sessions * (compact ? MIN_LABELLED_SHARE.compact : MIN_LABELLED_SHARE.regular);

  const share = (node: PathNode) => f.percent(shareOfPrevious(node, paths, atStep));
  const nodeTooltip = (node: PathNode) =>
    [
      tooltipTitle(nodeTitle(node, t)),
      tooltipRow(t('paths.sessions'), f.integer(node.sessions), nodeColor(node)),
      tooltipRow(node.step === 1 ? t('paths.shareOfAll') : t('paths.shareOfPrevious'), share(node)),
    ].join('');

  return {
    textStyle: baseTextStyle(ctx),
    tooltip: {
      ...baseTooltip(ctx),
      trigger: 'item',
      formatter: (params: unknown) => {
        const p = params as { dataType?: string; name?: string; data?: { source?: string; target?: string } };
        if (p.dataType === 'edge') {
          const source = byId.get(p.data?.source ?? '');
          const target = byId.get(p.data?.target ?? '');
          const link = paths.links.find((l) => l.source === source?.id && l.target === target?.id);
          if (!source || !target || !link) return '';
          return [
            tooltipTitle(`${eventLabel(source, t)} → ${eventLabel(target, t)}`),
            tooltipRow(t('paths.sessions'), f.integer(link.sessions), nodeColor(target)),
            tooltipRow(
              t('paths.shareOfPrevious'),
              f.percent(source.sessions > 0 ? link.sessions / source.sessions : null),
            ),
          ].join('');
        }
        const node = byId.get(p.name ?? '');
        return node ? nodeTooltip(node) : '';
      },
    },
    series: [
      {
        id: 'paths',
        type: 'sankey',
        left: side,
        right: side,
        top: 8,
        bottom: 8,
        nodeWidth,
        nodeGap: compact ? 6 : 10,
        nodeAlign: 'left',
        // Keep the order the data gives (funnel order, `other` and exits last) instead of relaxing positions.
        layoutIterations: 0,
        draggable: false,
        emphasis: { focus: 'adjacency' },
        lineStyle: { color: 'gradient', opacity: 0.28, curveness: 0.5 },
        label: {
          fontSize: size,
          color: COLORS.text,
          width: labelWidth,
          overflow: 'truncate',
          formatter: (params: unknown) => {
            const node = byId.get((params as { name?: string }).name ?? '');
            if (!node) return '';
            const name = eventLabel(node, t);
            return showCounts ? `${name} ${f.compact(node.sessions)}` : name;
          },
        },
        labelLayout: { hideOverlap: true },
        data: orderNodes(paths.nodes).map((n) => ({
          name: n.id,
          depth: n.step - 1,
          value: n.sessions,
          itemStyle: { color: nodeColor(n), borderWidth: 0 },
          label: {
            show: showLabels && n.sessions >= minLabelled,
            // The last column's labels go inside the chart, left of their nodes.
            ...(n.step === lastStep && lastStep > 1 ? { position: 'left' as const } : {}),
          },
        })),
        links: paths.links.map((l) => ({ source: l.source, target: l.target, value: l.sessions })),
      },
    ],
  };
}

/** The kinds of node drawn, once each, in funnel order (the legend shown when labels do not fit). */
export function legendNodes(paths: Paths): Pick<PathNode, 'kind' | 'event'>[] {
  const seen = new Map<string, Pick<PathNode, 'kind' | 'event'>>();
  for (const n of orderNodes(paths.nodes.map((node) => ({ ...node, step: 0 }))))
    seen.set(`${n.kind}:${n.event}`, { kind: n.kind, event: n.event });
  return [...seen.values()];
}

/** Within a step: known events in funnel order, then other events by sessions, then `other`, then the exit. */
export function orderNodes(nodes: readonly PathNode[]): PathNode[] {
  const rank = (n: PathNode) => {
    if (n.kind === 'exit') return 1000;
    if (n.kind === 'other') return 999;
    const known = (KNOWN_EVENTS as readonly string[]).indexOf(n.event);
    return known >= 0 ? known : 100;
  };
  return [...nodes].sort((a, b) => a.step - b.step || rank(a) - rank(b) || b.sessions - a.sessions);
}
