import type { Overview } from '@portrait/shared/portrait';
import type { SegmentKey } from '@portrait/shared/segments';
import type {
  EvidenceFigure,
  EvidenceScope,
  ExpectedEffect,
  Localized,
  SuggestionPriority,
  SuggestionTarget,
  SuggestionType,
} from '@portrait/shared/suggestions';
import type { SegmentChurn } from '../../db/queries/segment-churn';
import type { AssociationRule, RepurchaseGaps } from '../../db/queries/suggestion-aggregates';
import type { TargetSummary } from '../../db/queries/suggestion-targets';

/** The lull the off-peak rule found in the 24-hour histogram (hours inclusive). */
export type OffPeakWindow = { fromHour: number; toHour: number; peakHour: number };

/**
 * A per-segment churn summary from the churn model (issue 8; db/queries/segment-churn.ts). Optional: the
 * win-back rule runs on RFM recency alone, and with a summary adds the model's figures to its evidence and
 * takes its value at stake from the high-risk customers.
 */
export type ChurnSummary = SegmentChurn;

/** Everything the rules read: the overview of the scope (as the dashboard shows it) and a few aggregates. */
export type EngineInput = {
  scope: EvidenceScope;
  overview: Overview;
  segmentRecency: Partial<Record<SegmentKey, number>>;
  repurchase: RepurchaseGaps & { overdue: TargetSummary };
  firstToSecond: TargetSummary;
  crossSell: { rule: AssociationRule; target: TargetSummary }[];
  offPeak: { window: OffPeakWindow; target: TargetSummary } | null;
  platformOnly: TargetSummary;
  churn?: Partial<Record<SegmentKey, ChurnSummary>> | null;
};

/** A suggestion as the rules produce it, before it is stored (no id, status or timestamps yet). */
export type DraftSuggestion = {
  type: SuggestionType;
  /** Identifies the target within the type (segment key, product pair, hours…): part of the stable key. */
  targetKey: string;
  target: SuggestionTarget;
  targetSize: number;
  priority: SuggestionPriority;
  valueAtStake: number;
  expectedEffect: ExpectedEffect;
  figures: EvidenceFigure[];
  title: Localized;
  content: Localized;
};
