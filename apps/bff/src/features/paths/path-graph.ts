/**
 * Turns sessions grouped by their first steps into the Sankey of PRODUCT §4: step-indexed nodes, links between
 * consecutive steps, an explicit exit node after a session's last step, and the rare events of a step merged
 * into one `other` node so the picture stays readable. Pure: tested on hand-written sessions.
 */
import type { PathLink, PathNode, PathNodeKind, Paths, TopPath } from '@portrait/shared/paths';
import type { PathPrefix } from '../../db/queries/paths';

export type PathGraphRules = {
  /** Most events drawn by name in one step; the rest go into `other`. */
  maxEventsPerStep: number;
  /** An event also goes into `other` when fewer than this share of all sessions reach it at that step. */
  minShare: number;
};

export const DEFAULT_RULES: PathGraphRules = { maxEventsPerStep: 6, minShare: 0.01 };

type NodeRef = Omit<PathNode, 'sessions'>;

/** A complete drawn path (step 1 to step N or to its exit) with the sessions that follow it. */
export type DrawnPath = { key: string; nodes: NodeRef[]; sessions: number; converted: number };

export type PathGraph = { paths: Paths; drawn: DrawnPath[] };

export const nodeId = (step: number, kind: PathNodeKind, event: string): string =>
  kind === 'event' ? `${step}:event:${event}` : `${step}:${kind}`;

const nodeRef = (step: number, kind: PathNodeKind, event: string): NodeRef => ({
  id: nodeId(step, kind, event),
  step,
  kind,
  event,
});

/** Per step, the events drawn by name: the most frequent, as long as they are not rare. */
function namedEvents(prefixes: readonly PathPrefix[], steps: number, total: number, rules: PathGraphRules) {
  const named: Set<string>[] = [];
  for (let k = 0; k < steps; k++) {
    const counts = new Map<string, number>();
    for (const p of prefixes) {
      const event = p.path[k];
      if (event !== undefined) counts.set(event, (counts.get(event) ?? 0) + p.sessions);
    }
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const keep = ranked.filter(([, n], i) => i < rules.maxEventsPerStep && n >= rules.minShare * total);
    // One event alone is clearer under its own name than as "other".
    const merged = ranked.length - keep.length;
    named.push(new Set((merged <= 1 ? ranked : keep).map(([event]) => event)));
  }
  return named;
}

const KIND_ORDER: Record<PathNodeKind, number> = { event: 0, other: 1, exit: 2 };

export function buildPathGraph(
  prefixes: readonly PathPrefix[],
  steps: number,
  rules: PathGraphRules = DEFAULT_RULES,
): PathGraph {
  const groups = prefixes.filter((p) => p.sessions > 0 && p.path.length > 0);
  const total = groups.reduce((s, p) => s + p.sessions, 0);
  const converted = groups.reduce((s, p) => s + p.converted, 0);
  const named = namedEvents(groups, steps, total, rules);

  const nodes = new Map<string, PathNode>();
  const links = new Map<string, PathLink>();
  const drawn = new Map<string, DrawnPath>();

  for (const group of groups) {
    const refs: NodeRef[] = group.path.slice(0, steps).map((event, k) => {
      const step = k + 1;
      return named[k]?.has(event) ? nodeRef(step, 'event', event) : nodeRef(step, 'other', 'other');
    });
    if (refs.length < steps) refs.push(nodeRef(refs.length + 1, 'exit', 'exit'));

    refs.forEach((ref, k) => {
      const node = nodes.get(ref.id) ?? { ...ref, sessions: 0 };
      node.sessions += group.sessions;
      nodes.set(ref.id, node);
      const next = refs[k + 1];
      if (!next) return;
      const key = `${ref.id}→${next.id}`;
      const link = links.get(key) ?? { source: ref.id, target: next.id, sessions: 0 };
      link.sessions += group.sessions;
      links.set(key, link);
    });

    const key = refs.map((r) => r.id).join('→');
    const path = drawn.get(key) ?? { key, nodes: refs, sessions: 0, converted: 0 };
    path.sessions += group.sessions;
    path.converted += group.converted;
    drawn.set(key, path);
  }

  const sortedNodes = [...nodes.values()].sort(
    (a, b) =>
      a.step - b.step ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      b.sessions - a.sessions ||
      a.event.localeCompare(b.event),
  );
  const position = new Map(sortedNodes.map((n, i) => [n.id, i]));
  const sortedLinks = [...links.values()].sort(
    (a, b) =>
      (position.get(a.source) ?? 0) - (position.get(b.source) ?? 0) ||
      (position.get(a.target) ?? 0) - (position.get(b.target) ?? 0),
  );
  return {
    paths: { steps, sessions: total, converted, nodes: sortedNodes, links: sortedLinks },
    drawn: [...drawn.values()].sort((a, b) => b.sessions - a.sessions || a.key.localeCompare(b.key)),
  };
}

/** The most followed complete paths through `id`, and how many sessions and distinct paths pass there. */
export function topPathsThrough(
  graph: PathGraph,
  id: string,
  limit: number,
): { node: PathNode; sessions: number; distinctPaths: number; paths: TopPath[] } | null {
  const node = graph.paths.nodes.find((n) => n.id === id);
  if (!node) return null;
  const through = graph.drawn.filter((p) => p.nodes.some((n) => n.id === id));
  return {
    node,
    sessions: through.reduce((s, p) => s + p.sessions, 0),
    distinctPaths: through.length,
    paths: through
      .slice(0, limit)
      .map((p) => ({ nodes: p.nodes, sessions: p.sessions, converted: p.converted })),
  };
}
