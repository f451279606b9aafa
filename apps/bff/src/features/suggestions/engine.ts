/**
 * The suggestion engine: pure rules over the scope's figures. The same input always gives the same suggestions
 * in the same order (priority, then value at stake, then kind and target), so the output is reproducible.
 */
import { SUGGESTION_PRIORITIES, SUGGESTION_TYPES } from '@portrait/shared/suggestions';
import type { DraftSuggestion, EngineInput } from './engine-types';
import { CROSS_SELL_MAX } from './parameters';
import { channelShift, crossSell, firstToSecond, offPeak } from './rules/growth-rules';
import { repurchaseReminder, vipCare, winback } from './rules/retention-rules';

export function buildSuggestions(input: EngineInput): DraftSuggestion[] {
  const crossSells: DraftSuggestion[] = [];
  for (let i = 0; i < input.crossSell.length && crossSells.length < CROSS_SELL_MAX; i++) {
    const draft = crossSell(input, i);
    if (draft) crossSells.push(draft);
  }
  const drafts = [
    vipCare(input),
    winback(input, 'important_winback'),
    winback(input, 'important_retention'),
    repurchaseReminder(input),
    firstToSecond(input),
    ...crossSells,
    offPeak(input),
    channelShift(input),
  ].filter((d): d is DraftSuggestion => d !== null);
  return drafts.sort(compareDrafts);
}

export function compareDrafts(a: DraftSuggestion, b: DraftSuggestion): number {
  return (
    SUGGESTION_PRIORITIES.indexOf(a.priority) - SUGGESTION_PRIORITIES.indexOf(b.priority) ||
    b.valueAtStake - a.valueAtStake ||
    SUGGESTION_TYPES.indexOf(a.type) - SUGGESTION_TYPES.indexOf(b.type) ||
    a.targetKey.localeCompare(b.targetKey)
  );
}
