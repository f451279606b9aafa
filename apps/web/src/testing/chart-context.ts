import type { ChartContext } from '../lib/chart';
import { formatters } from '../lib/format';
import { createI18n, type Lang } from '../lib/i18n';

/** The context option builders get in the app, for tests (no React, no DOM). */
export function chartContext(lang: Lang = 'zh-CN', compact = false): ChartContext {
  const i18n = createI18n(lang);
  return { t: i18n.t, f: formatters(lang), compact };
}
