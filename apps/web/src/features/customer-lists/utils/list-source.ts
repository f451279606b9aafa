import { scopeToSearchParams, type Scope } from '@portrait/shared/scope';
import { SEGMENT_LABELS, type SegmentKey } from '@portrait/shared/segments';
import type { Lang } from '../../../lib/i18n';

/** Whose customers a drawer lists: an RFM segment of a scope, or the target of a stored suggestion. */
export type CustomerListSource =
  { kind: 'segment'; segment: SegmentKey; scope: Scope } | { kind: 'suggestion'; id: number; title: string };

export const PAGE_SIZE = 20;

const API = '/api/v1';

/** The CSV download address (a plain GET: the session cookie authorises it, the BFF audits it). */
export function csvUrl(source: CustomerListSource, lang: Lang): string {
  const l = lang === 'zh-CN' ? 'zh' : 'en';
  if (source.kind === 'suggestion') return `${API}/suggestions/${source.id}/customers.csv?lang=${l}`;
  const params = scopeToSearchParams(source.scope);
  params.set('lang', l);
  return `${API}/portrait/segments/${source.segment}/customers.csv?${params.toString()}`;
}

/** Stable identity of a source, for keys and test ids. */
export function sourceKey(source: CustomerListSource): string {
  return source.kind === 'suggestion' ? `suggestion-${source.id}` : `segment-${source.segment}`;
}

/** The segment's name in the language on screen. */
export function segmentTitle(segment: SegmentKey, lang: Lang): string {
  return SEGMENT_LABELS[segment][lang === 'zh-CN' ? 'zh' : 'en'];
}
