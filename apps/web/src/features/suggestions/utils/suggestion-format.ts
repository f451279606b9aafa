import { SEGMENT_LABELS } from '@portrait/shared/segments';
import {
  FIGURE_LABELS,
  type EvidenceFigure,
  type FigureKey,
  type Localized,
  type Suggestion,
  type SuggestionPriority,
  type SuggestionTarget,
} from '@portrait/shared/suggestions';
import type { TFunction } from 'i18next';
import type { Formatters } from '../../../lib/format';
import type { Lang } from '../../../lib/i18n';

export const PRIORITY_COLORS: Record<SuggestionPriority, string> = {
  high: 'red',
  medium: 'orange',
  low: 'blue',
};

export function pick(text: Localized, lang: Lang): string {
  return lang === 'zh-CN' ? text.zh : text.en;
}

export function figureLabel(key: FigureKey, lang: Lang): string {
  return pick(FIGURE_LABELS[key], lang);
}

/** A figure as the evidence table shows it: exact enough to find the same number on the panels. */
export function formatFigure(figure: Pick<EvidenceFigure, 'unit' | 'value'>, f: Formatters): string {
  const v = figure.value;
  switch (figure.unit) {
    case 'count':
      return f.integer(v);
    case 'cny':
      return f.currency(v);
    case 'share':
      return f.percent(v);
    case 'change':
      return `${v > 0 ? '+' : ''}${f.percent(v)}`;
    case 'days':
      return new Intl.NumberFormat(f.lang, { maximumFractionDigits: 1 }).format(v);
    case 'ratio':
      return new Intl.NumberFormat(f.lang, { maximumFractionDigits: 2 }).format(v);
    case 'hour':
      return `${v}:00`;
  }
}

/** Where an overview figure is read: `segments › important_value › count` (paths summed with +). */
export function pathText(paths: readonly (readonly string[])[]): string {
  return paths.map((p) => p.join(' › ')).join(' + ');
}

/** Open suggestions (new or accepted) in the server's priority order, dismissed ones apart. */
export function splitByStatus(list: readonly Suggestion[]): { open: Suggestion[]; dismissed: Suggestion[] } {
  return {
    open: list.filter((s) => s.status !== 'dismissed'),
    dismissed: list.filter((s) => s.status === 'dismissed'),
  };
}

/** Who the suggestion is for, in words. */
export function targetText(target: SuggestionTarget, t: TFunction, lang: Lang): string {
  if (target.kind === 'segment') return pick(SEGMENT_LABELS[target.segment], lang);
  const d = target.definition;
  switch (d.rule) {
    case 'repurchase_due':
      return t('suggestions.customTargets.repurchase_due', { factor: d.overdueFactor });
    case 'first_to_second':
      return t('suggestions.customTargets.first_to_second');
    case 'cross_sell':
      return t('suggestions.customTargets.cross_sell', {
        antecedent: d.antecedentName,
        consequent: d.consequentName,
      });
    case 'off_peak':
      return t('suggestions.customTargets.off_peak', { from: d.fromHour, to: d.toHour + 1 });
    case 'platform_only':
      return t('suggestions.customTargets.platform_only');
  }
}

/** When a decision was taken, in Asia/Shanghai time: 11月24日 20:10 / Nov 24, 20:10. */
export function statusTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, {
    month: lang === 'zh-CN' ? 'long' : 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'Asia/Shanghai',
  }).format(new Date(iso));
}
