import type { Paths } from '@portrait/shared/paths';
import type { SankeySeriesOption } from 'echarts/charts';
import { describe, expect, it } from 'vitest';
import { chartContext } from '../../../testing/chart-context';
import {
  buildPathsOption,
  conversionShare,
  eventLabel,
  legendNodes,
  MIN_LABEL_WIDTH,
  orderNodes,
  sankeyLabelWidth,
  shareOfPrevious,
  stepAxis,
} from '../utils/build-paths-option';

// 10 sessions: all open the app; 6 view the menu, 1 an imported event, 3 leave; of the 6, 4 pay.
const paths: Paths = {
  steps: 3,
  sessions: 10,
  converted: 4,
  nodes: [
    { id: '1:event:app_open', step: 1, kind: 'event', event: 'app_open', sessions: 10 },
    { id: '2:exit', step: 2, kind: 'exit', event: 'exit', sessions: 3 },
    { id: '2:event:scan_qr', step: 2, kind: 'event', event: 'scan_qr', sessions: 1 },
    { id: '2:event:view_menu', step: 2, kind: 'event', event: 'view_menu', sessions: 6 },
    { id: '3:event:pay', step: 3, kind: 'event', event: 'pay', sessions: 4 },
    { id: '3:other', step: 3, kind: 'other', event: 'other', sessions: 2 },
    { id: '3:exit', step: 3, kind: 'exit', event: 'exit', sessions: 1 },
  ],
  links: [
    { source: '1:event:app_open', target: '2:event:view_menu', sessions: 6 },
    { source: '1:event:app_open', target: '2:event:scan_qr', sessions: 1 },
    { source: '1:event:app_open', target: '2:exit', sessions: 3 },
    { source: '2:event:view_menu', target: '3:event:pay', sessions: 4 },
    { source: '2:event:view_menu', target: '3:other', sessions: 2 },
    { source: '2:event:scan_qr', target: '3:exit', sessions: 1 },
  ],
};

const sankey = (option: ReturnType<typeof buildPathsOption>) => {
  const s = (Array.isArray(option.series) ? option.series[0] : option.series) as SankeySeriesOption;
  return s as Omit<SankeySeriesOption, 'data' | 'links'> & {
    data: { name: string; depth: number; value: number; label: { show: boolean; position?: string } }[];
    links: { source: string; target: string; value: number }[];
  };
};

describe('buildPathsOption', () => {
  it('When drawn, Then each node sits in the column of its step and links carry the sessions', () => {
    const s = sankey(buildPathsOption(paths, chartContext('zh-CN')));
    expect(s.data.map((d) => [d.name, d.depth, d.value])).toEqual([
      ['1:event:app_open', 0, 10],
      ['2:event:view_menu', 1, 6],
      ['2:event:scan_qr', 1, 1],
      ['2:exit', 1, 3],
      ['3:event:pay', 2, 4],
      ['3:other', 2, 2],
      ['3:exit', 2, 1],
    ]);
    expect(s.links).toContainEqual({ source: '2:event:view_menu', target: '3:event:pay', value: 4 });
    // The last column's labels go inside, left of their nodes.
    expect(s.data.filter((d) => d.label.position === 'left').map((d) => d.name)).toEqual([
      '3:event:pay',
      '3:other',
      '3:exit',
    ]);
  });

  it('When a node is tiny, Then it goes unlabelled, sooner on a phone', () => {
    const tiny = { ...paths, sessions: 1000 };
    const shown = (compact: boolean) =>
      sankey(buildPathsOption(tiny, chartContext('zh-CN', compact)))
        .data.filter((d) => d.label.show)
        .map((d) => d.name);
    // 2:event:scan_qr has 1 session: 0.1% of 1,000, below both thresholds; 3:exit (1) too; 3:other (2) too.
    expect(shown(false)).toEqual(['1:event:app_open', '2:event:view_menu', '3:event:pay']);
    expect(shown(true)).toEqual([]);
    expect(sankey(buildPathsOption(paths, chartContext('zh-CN', true))).data.every((d) => d.label.show)).toBe(
      true,
    );
  });

  it('When events are named, Then known ones are translated and imported ones shown as they are', () => {
    const { t } = chartContext('zh-CN');
    expect(eventLabel({ kind: 'event', event: 'view_menu' }, t)).toBe('浏览菜单');
    expect(eventLabel({ kind: 'exit', event: 'exit' }, t)).toBe('离开');
    expect(eventLabel({ kind: 'other', event: 'other' }, t)).toBe('其他');
    expect(eventLabel({ kind: 'event', event: 'scan_qr' }, t)).toBe('scan_qr');
    const en = chartContext('en-US').t;
    expect(eventLabel({ kind: 'event', event: 'add_to_cart' }, en)).toBe('Add to cart');
  });

  it('When a node or link is hovered, Then the tooltip gives its sessions and the share of the previous step', () => {
    const option = buildPathsOption(paths, chartContext('zh-CN'));
    const tooltip = (Array.isArray(option.tooltip) ? option.tooltip[0] : option.tooltip) as {
      formatter: (p: unknown) => string;
    };
    const pay = tooltip.formatter({ dataType: 'node', name: '3:event:pay' });
    expect(pay).toContain('第 3 步 · 支付');
    expect(pay).toContain('4');
    expect(pay).toContain('57.1%'); // 4 of the 7 sessions that went on to step 2
    const exit = tooltip.formatter({ dataType: 'node', name: '2:exit' });
    expect(exit).toContain('在第 1 步后离开');
    expect(exit).toContain('30.0%');
    const link = tooltip.formatter({
      dataType: 'edge',
      data: { source: '2:event:view_menu', target: '3:other' },
    });
    expect(link).toContain('浏览菜单 → 其他');
    expect(link).toContain('33.3%'); // 2 of the 6 at 浏览菜单
  });

  it('When shares are computed, Then step 1 is of all sessions and exits do not count as going on', () => {
    const byId = (id: string) => paths.nodes.find((n) => n.id === id)!;
    expect(shareOfPrevious(byId('1:event:app_open'), paths)).toBe(1);
    expect(shareOfPrevious(byId('3:exit'), paths)).toBeCloseTo(1 / 7, 12);
    expect(conversionShare(paths)).toBe(0.4);
    expect(conversionShare({ ...paths, sessions: 0, converted: 0 })).toBeNull();
  });

  it('When nodes are ordered, Then known events follow the funnel, then imported ones, other, and the exit', () => {
    expect(
      orderNodes(paths.nodes)
        .filter((n) => n.step === 2)
        .map((n) => n.id),
    ).toEqual(['2:event:view_menu', '2:event:scan_qr', '2:exit']);
  });

  it('When the chart is narrow, Then labels are cut to the space between columns, without counts', () => {
    const phone = sankey(
      buildPathsOption({ ...paths, steps: 8 }, { ...chartContext('zh-CN', true), width: 360 }),
    );
    const wide = sankey(buildPathsOption(paths, { ...chartContext('zh-CN'), width: 1300 }));
    const label = (s: ReturnType<typeof sankey>) =>
      s.label as { width: number; formatter: (p: unknown) => string };
    expect(label(phone).width).toBeLessThan(label(wide).width);
    expect(label(phone).formatter({ name: '2:event:view_menu' })).toBe('浏览菜单');
    expect(label(wide).formatter({ name: '2:event:view_menu' })).toBe('浏览菜单 6');
  });

  it('When eight steps share a phone, Then names do not fit and the chart goes unlabelled, with a legend instead', () => {
    const eight: Paths = {
      ...paths,
      steps: 8,
      nodes: [...paths.nodes, { id: '8:event:pay', step: 8, kind: 'event', event: 'pay', sessions: 1 }],
    };
    expect(sankeyLabelWidth(eight, true, 360)).toBeLessThan(MIN_LABEL_WIDTH);
    expect(sankeyLabelWidth(eight, false, 1300)).toBeGreaterThan(100);
    const phone = sankey(buildPathsOption(eight, { ...chartContext('zh-CN', true), width: 360 }));
    expect(phone.data.some((d) => d.label.show)).toBe(false);
    expect(legendNodes(eight).map((n) => `${n.kind}:${n.event}`)).toEqual([
      'event:app_open',
      'event:view_menu',
      'event:pay',
      'event:scan_qr',
      'other:other',
      'exit:exit',
    ]);
  });

  it('When the step captions are placed, Then the first is at the left edge and the last aligned to the right', () => {
    const axis = stepAxis(paths, false);
    expect(axis.map((a) => [a.step, a.alignEnd])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(axis[0]?.left).toBe('calc(8px + (100% - 28px) * 0.0000)');
    expect(axis[2]?.left).toBe('calc(8px + (100% - 28px) * 1.0000 + 12px)');
  });
});
