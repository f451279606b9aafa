import type { Paths, TopPaths } from '@portrait/shared/paths';
import type { Scope } from '@portrait/shared/scope';
import type { Db } from '../../db/client';
import { pathPrefixes } from '../../db/queries/paths';
import { badRequest } from '../../lib/errors';
import { scopeKey, type ResultCache } from '../../lib/result-cache';
import type { Allowed, ScopeResolver } from '../portrait/scope-resolver';
import { buildPathGraph, topPathsThrough, type PathGraph } from './path-graph';

/** Behaviour paths of a scope; the graph (with its complete paths) is cached per scope and step count. */
export function createPathsService(deps: { db: Db; scopes: ScopeResolver; cache: ResultCache }) {
  const { db, scopes, cache } = deps;

  async function graph(scope: Scope, allowed: Allowed, steps: number): Promise<PathGraph> {
    const { version, stores } = await scopes.resolve(scope, allowed);
    return cache.get(scopeKey(version, `paths:${steps}`, scope, stores), async () =>
      buildPathGraph(await pathPrefixes(db, scope, stores, steps), steps),
    );
  }

  async function paths(scope: Scope, allowed: Allowed, steps: number): Promise<Paths> {
    return (await graph(scope, allowed, steps)).paths;
  }

  async function topPaths(
    scope: Scope,
    allowed: Allowed,
    steps: number,
    node: string,
    limit: number,
  ): Promise<TopPaths> {
    const top = topPathsThrough(await graph(scope, allowed, steps), node, limit);
    if (!top)
      throw badRequest(
        `node ${node} is not in the paths of this scope with steps=${steps}; use an id from /paths`,
      );
    return top;
  }

  return { paths, topPaths };
}
export type PathsService = ReturnType<typeof createPathsService>;
