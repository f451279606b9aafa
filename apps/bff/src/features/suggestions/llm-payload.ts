/**
 * What a language model may see of a suggestion: its kind, the rule text, the labelled aggregate figures and
 * the expected effect. It is built from the suggestion alone, which holds no customer-level data, so no
 * customer id, phone, e-mail or name can reach the request (tested).
 */
import { createHash } from 'node:crypto';
import { SEGMENT_LABELS } from '@portrait/shared/segments';
import {
  FIGURE_LABELS,
  type EvidenceFigure,
  type EvidenceScope,
  type Localized,
  type SuggestionType,
} from '@portrait/shared/suggestions';
import type { DraftSuggestion } from './engine-types';
import type { AllowedNumber, NumberCheckContext } from './number-check';
import { count, days, hour, money, percent, ratio, type TextLang } from './text-format';

export type LlmPayload = {
  kind: SuggestionType;
  period: { from: string; to: string };
  stores: 'whole chain' | { count: number };
  target: Localized & { customers: string };
  facts: { label: Localized; value: Localized }[];
  expectedEffect: Localized;
  ruleText: { zh: { title: string; content: string }; en: { title: string; content: string } };
};

export function formatFigure(figure: Pick<EvidenceFigure, 'unit' | 'value'>, lang: TextLang): string {
  const v = figure.value;
  switch (figure.unit) {
    case 'count':
      return count(v);
    case 'cny':
      return money(v, lang);
    case 'share':
      return percent(v);
    case 'change':
      return `${v > 0 ? '+' : v < 0 ? '-' : ''}${percent(Math.abs(v))}`;
    case 'days':
      return days(v);
    case 'ratio':
      return ratio(v);
    case 'hour':
      return hour(v);
  }
}

function targetLabel(draft: DraftSuggestion): Localized {
  const t = draft.target;
  if (t.kind === 'segment') return SEGMENT_LABELS[t.segment];
  const d = t.definition;
  switch (d.rule) {
    case 'repurchase_due':
      return { zh: '已过自身复购周期的客户', en: 'customers past their own repurchase gap' };
    case 'first_to_second':
      return { zh: '只下过一单的新客户', en: 'new customers with one order' };
    case 'cross_sell':
      return {
        zh: `买过「${d.antecedentName}」未买过「${d.consequentName}」的客户`,
        en: `customers who bought ${d.antecedentName} but never ${d.consequentName}`,
      };
    case 'off_peak':
      return { zh: '在低谷时段下过单的客户', en: 'customers who ordered in the lull' };
    case 'platform_only':
      return { zh: '只在外卖平台下单的客户', en: 'customers ordering only on delivery platforms' };
  }
}

export function buildLlmPayload(draft: DraftSuggestion, scope: EvidenceScope): LlmPayload {
  const e = draft.expectedEffect;
  const label = targetLabel(draft);
  return {
    kind: draft.type,
    period: { from: scope.from, to: scope.to },
    stores: scope.stores === null ? 'whole chain' : { count: scope.stores.length },
    target: { ...label, customers: count(draft.targetSize) },
    facts: draft.figures.map((f) => ({
      label: FIGURE_LABELS[f.key],
      value: { zh: formatFigure(f, 'zh'), en: formatFigure(f, 'en') },
    })),
    expectedEffect: {
      zh: `${money(e.low, 'zh')}–${money(e.high, 'zh')}。${e.assumption.zh}`,
      en: `${money(e.low, 'en')}–${money(e.high, 'en')}. ${e.assumption.en}`,
    },
    ruleText: {
      zh: { title: draft.title.zh, content: draft.content.zh },
      en: { title: draft.title.en, content: draft.content.en },
    },
  };
}

/** The numbers a rewrite may cite, the names it may repeat and the days it may name. */
export function numberCheckContext(draft: DraftSuggestion, scope: EvidenceScope): NumberCheckContext {
  const e = draft.expectedEffect;
  const allowed: AllowedNumber[] = [
    ...draft.figures.map((f) => ({ value: f.value, unit: f.unit })),
    { value: draft.targetSize, unit: 'count' },
    { value: draft.valueAtStake, unit: 'cny' },
    { value: e.low, unit: 'cny' },
    { value: e.high, unit: 'cny' },
    { value: e.valuePerResponder, unit: 'cny' },
    { value: e.responders.low, unit: 'count' },
    { value: e.responders.high, unit: 'count' },
    { value: e.responseRate.low, unit: 'share' },
    { value: e.responseRate.high, unit: 'share' },
  ];
  const d = draft.target.kind === 'custom' ? draft.target.definition : null;
  const names = d?.rule === 'cross_sell' ? [d.antecedentName, d.consequentName] : [];
  return { allowed, names, days: [scope.from, scope.to] };
}

/** Identifies the content a rewrite was made for: a changed figure or text means a new rewrite. */
export function textHash(model: string, payload: LlmPayload): string {
  return createHash('sha256').update(JSON.stringify({ model, payload })).digest('hex').slice(0, 32);
}
