/**
 * Reads what the rules need for one scope: the overview exactly as the dashboard gets it (PortraitService, so
 * evidence figures equal the panels), plus the aggregates of suggestion-aggregates.ts and the sizes of the
 * custom targets (the same SQL that lists their customers). The per-customer figures (segment recency, repurchase
 * gaps, the repurchase_due, first_to_second, off_peak and platform_only sizes) come from the in-memory columns in
 * one pass when they hold the version (customer-columns/suggestion-pass.ts, equal to that SQL), and so do the
 * association rules and the cross-sell sizes (the copy's order baskets: basket-rules.ts, cross-sell-pass.ts);
 * otherwise the SQL, which reads the order lines (the cross-sell sizes of all rules in one read).
 */
import type { Scope } from '@portrait/shared/scope';
import type { SegmentKey } from '@portrait/shared/segments';
import { PLATFORM_CHANNELS } from '@portrait/shared/suggestions';
import type { Db } from '../../db/client';
import type { Period } from '../../db/queries/portrait';
import type { StoreFilter } from '../../db/queries/scope-sql';
import {
  associationRules,
  repurchaseGaps,
  segmentRecency,
  type AssociationRule,
} from '../../db/queries/suggestion-aggregates';
import { CHANNEL_BITS, channelsMask, hourRangeMask } from '../../db/queries/mix-masks';
import { crossSellSummaries, targetSummary } from '../../db/queries/suggestion-targets';
import type { CustomerColumnsService } from '../customer-columns/customer-columns-service';
import type { PortraitService } from '../portrait/portrait-service';
import type { Allowed } from '../portrait/scope-resolver';
import type { ChurnSummary, EngineInput } from './engine-types';
import { ASSOCIATION, CROSS_SELL_MAX, OVERDUE_FACTOR } from './parameters';
import { findOffPeakWindow } from './rules/growth-rules';

/** A model run as the churn provider serves it. */
export type ChurnModelRun = { id: number; asOfDay: string };

/**
 * Issue 8's churn model plugs in here (features/models/churn-provider.ts): the run it serves now (null before
 * the first fit) and whether a fit is running, and a run's per-segment summary for a scope. A new run
 * regenerates a scope's suggestions.
 */
export type ChurnProvider = {
  state: () => Promise<{ run: ChurnModelRun | null; refitting: boolean }>;
  bySegment: (
    run: ChurnModelRun,
    period: Period,
    stores: StoreFilter,
    /** The data version of the question (the in-memory columns answer when they hold it). */
    version?: number,
  ) => Promise<Partial<Record<SegmentKey, ChurnSummary>>>;
};

/** The churn summary of one scope, bound to a run. */
export type ChurnBySegment = (
  period: Period,
  stores: StoreFilter,
) => Promise<Partial<Record<SegmentKey, ChurnSummary>>>;

/** Cross-sell candidates: one rule per unordered pair (the stronger direction), a few more than are shown. */
export function distinctPairs(rules: readonly AssociationRule[], max: number): AssociationRule[] {
  const seen = new Set<string>();
  const out: AssociationRule[] = [];
  for (const rule of rules) {
    const pair = [rule.antecedent, rule.consequent].sort().join('|');
    if (seen.has(pair)) continue;
    seen.add(pair);
    out.push(rule);
    if (out.length >= max) break;
  }
  return out;
}

export async function collectEngineInput(
  deps: {
    db: Db;
    portrait: PortraitService;
    churn?: ChurnBySegment | null | undefined;
    /** The in-memory columns and the data version asked (the per-customer figures in one pass, else SQL). */
    columns?: {
      service: Pick<CustomerColumnsService, 'suggestionFigures' | 'associationRules' | 'crossSell'> &
        Partial<Pick<CustomerColumnsService, 'suggestionScan'>>;
      version: number;
    } | null;
  },
  scope: Scope,
  allowed: Allowed,
  stores: StoreFilter,
): Promise<EngineInput> {
  const { db, portrait } = deps;
  const p: Period = { from: scope.from, to: scope.to };
  // Sequential: PGlite has one connection, and PostgreSQL gains little for a once-per-data-version job.
  // The scope's customers are scanned once, first: the overview's customer pass (when not cached), the
  // suggestions' figures and churn by segment read that scan (customer-columns/suggestion-pass.ts).
  deps.columns?.service.suggestionScan?.(deps.columns.version, p, stores);
  const overview = await portrait.overview(scope, allowed);
  const window = findOffPeakWindow(overview.hourly);
  const platform = channelsMask(PLATFORM_CHANNELS);
  const pass =
    deps.columns?.service.suggestionFigures(deps.columns.version, p, stores, {
      overdueFactor: OVERDUE_FACTOR,
      offPeakHours: window ? hourRangeMask(window.fromHour, window.toHour) : null,
      platformBlocked: platform === null ? null : CHANNEL_BITS & ~platform,
    }) ?? null;
  const recency = pass?.segmentRecency ?? (await segmentRecency(db, p, stores));
  const gaps = pass?.repurchaseGaps ?? (await repurchaseGaps(db, p, stores));
  const overdue =
    pass?.repurchaseDue ??
    (await targetSummary(db, p, stores, { rule: 'repurchase_due', overdueFactor: OVERDUE_FACTOR }));
  const firstToSecond =
    pass?.firstToSecond ?? (await targetSummary(db, p, stores, { rule: 'first_to_second' }));
  // Right after the pass: from the columns, churn reads the customers' F, M and last day the pass left.
  const churn = deps.churn ? await deps.churn(p, stores) : null;

  const mined =
    deps.columns?.service.associationRules(deps.columns.version, p, stores, ASSOCIATION, 12) ??
    (await associationRules(db, p, stores, ASSOCIATION, 12));
  const rules = distinctPairs(mined, CROSS_SELL_MAX + 2);
  const targets =
    deps.columns?.service.crossSell(deps.columns.version, p, stores, rules) ??
    (await crossSellSummaries(db, p, stores, rules));
  const crossSell = rules.map((rule, k) => ({ rule, target: targets[k]! }));

  const offPeak = window
    ? {
        window,
        target:
          pass?.offPeak ??
          (await targetSummary(db, p, stores, {
            rule: 'off_peak',
            fromHour: window.fromHour,
            toHour: window.toHour,
          })),
      }
    : null;
  const platformOnly =
    pass?.platformOnly ??
    (await targetSummary(db, p, stores, { rule: 'platform_only', channels: [...PLATFORM_CHANNELS] }));

  return {
    scope: { from: scope.from, to: scope.to, stores: stores === null ? null : [...stores] },
    overview,
    segmentRecency: recency,
    repurchase: { ...gaps, overdue },
    firstToSecond,
    crossSell,
    offPeak,
    platformOnly,
    churn,
  };
}
