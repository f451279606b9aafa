/** The Sankey builder on hand-written groups of sessions: merging rare events into `other`, exits, flow. */
import { describe, expect, it } from 'vitest';
import type { PathPrefix } from '../../../db/queries/paths';
import { buildPathGraph, topPathsThrough } from '../path-graph';

const g = (path: string, sessions: number, converted = 0): PathPrefix => ({
  path: path.split(' '),
  sessions,
  converted,
});

/** Sessions leaving step k (links out of its non-exit nodes) = entering step k + 1 + exits after k. */
function expectFlowConserved(graph: ReturnType<typeof buildPathGraph>['paths']) {
  for (let k = 1; k < graph.steps; k++) {
    const leaving = graph.links
      .filter((l) => graph.nodes.find((n) => n.id === l.source)?.step === k)
      .reduce((s, l) => s + l.sessions, 0);
    const atStep = graph.nodes
      .filter((n) => n.step === k && n.kind !== 'exit')
      .reduce((s, n) => s + n.sessions, 0);
    const next = graph.nodes.filter((n) => n.step === k + 1);
    const entering = next.filter((n) => n.kind !== 'exit').reduce((s, n) => s + n.sessions, 0);
    const exits = next.filter((n) => n.kind === 'exit').reduce((s, n) => s + n.sessions, 0);
    expect(leaving, `step ${k}`).toBe(atStep);
    expect(leaving, `step ${k}`).toBe(entering + exits);
  }
}

describe('buildPathGraph', () => {
  it('When a step has more events than fit, Then the rarest merge into one other node and flows still add up', () => {
    const groups = [
      g('open a', 50),
      g('open b', 30),
      g('open c', 10),
      g('open d x', 5),
      g('open e', 3),
      g('open f', 1),
      g('open g', 1),
    ];
    const { paths } = buildPathGraph(groups, 3, { maxEventsPerStep: 3, minShare: 0 });
    expect(paths.nodes.filter((n) => n.step === 2).map((n) => [n.id, n.sessions])).toEqual([
      ['2:event:a', 50],
      ['2:event:b', 30],
      ['2:event:c', 10],
      ['2:other', 10], // d 5 + e 3 + f 1 + g 1
    ]);
    // The session that went on from d continues from `other`.
    expect(paths.links).toContainEqual({ source: '2:other', target: '3:event:x', sessions: 5 });
    expect(paths.links).toContainEqual({ source: '2:other', target: '3:exit', sessions: 5 });
    expectFlowConserved(paths);
  });

  it('When an event is rarer than the minimum share, Then it merges too, but a lone rare event keeps its name', () => {
    const groups = [g('open a', 900), g('open b', 95), g('open c', 3), g('open d', 2)];
    const merged = buildPathGraph(groups, 2, { maxEventsPerStep: 6, minShare: 0.01 }).paths;
    expect(merged.nodes.filter((n) => n.step === 2).map((n) => n.id)).toEqual([
      '2:event:a',
      '2:event:b',
      '2:other',
    ]);
    const lone = buildPathGraph([g('open a', 900), g('open b', 98), g('open c', 2)], 2).paths;
    expect(lone.nodes.filter((n) => n.step === 2).map((n) => n.id)).toEqual([
      '2:event:a',
      '2:event:b',
      '2:event:c',
    ]);
  });

  it('When sessions end before the last step, Then each flows into the exit node of the next column', () => {
    const { paths } = buildPathGraph([g('open', 4), g('open menu', 3), g('open menu cart pay', 2, 2)], 4);
    expect(paths.nodes.filter((n) => n.kind === 'exit').map((n) => [n.id, n.step, n.sessions])).toEqual([
      ['2:exit', 2, 4],
      ['3:exit', 3, 3],
    ]);
    expect(paths).toMatchObject({ sessions: 9, converted: 2 });
    expect(paths.nodes.filter((n) => n.step === 1).reduce((s, n) => s + n.sessions, 0)).toBe(9);
    expectFlowConserved(paths);
  });

  it('When paths are longer than the steps drawn, Then they are cut there and only paths through a node are listed', () => {
    const graph = buildPathGraph(
      [g('open menu cart', 5, 1), g('open menu product', 3, 3), g('open cart', 2)],
      2,
    );
    expect(Math.max(...graph.paths.nodes.map((n) => n.step))).toBe(2);
    const top = topPathsThrough(graph, '2:event:menu', 10);
    expect(top?.sessions).toBe(8);
    expect(top?.distinctPaths).toBe(1);
    expect(top?.paths).toEqual([
      {
        nodes: [
          { id: '1:event:open', step: 1, kind: 'event', event: 'open' },
          { id: '2:event:menu', step: 2, kind: 'event', event: 'menu' },
        ],
        sessions: 8,
        converted: 4,
      },
    ]);
    expect(topPathsThrough(graph, '2:event:nothing', 10)).toBeNull();
  });

  it('When there are no sessions, Then the graph is empty, not an error', () => {
    expect(buildPathGraph([], 5).paths).toEqual({
      steps: 5,
      sessions: 0,
      converted: 0,
      nodes: [],
      links: [],
    });
  });
});
