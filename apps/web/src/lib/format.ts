import type { Lang } from './langs';
import { formatCompact, formatDecimal, formatPercent } from './number-format';

/** Shown wherever a number is missing (no orders, nothing to compare with). */
export const NO_VALUE = '—';

/** Below this magnitude numbers are written out in full; above it 万/亿 (zh) or K/M/B (en). */
export const COMPACT_FROM = 10_000;

export type Formatters = {
  lang: Lang;
  /** 12,345 */
  integer: (n: number | null) => string;
  /** 12.35万 / 12.35K, full digits below 10,000 */
  compact: (n: number | null) => string;
  /** ¥38.50 */
  currency: (n: number | null) => string;
  /** ¥12.35万 / ¥12.35K, ¥8,234 below 10,000 */
  currencyCompact: (n: number | null) => string;
  /** A share 0..1 as 23.4% */
  percent: (share: number | null, digits?: number) => string;
  /** 2024年5月2日 / May 2, 2024 */
  day: (isoDay: string) => string;
  /** 5月2日 / May 2 */
  shortDay: (isoDay: string) => string;
};

const cache = new Map<Lang, Formatters>();

function ok(n: number | null): n is number {
  return n !== null && Number.isFinite(n);
}

function build(lang: Lang): Formatters {
  const sign = (n: number) => (n < 0 ? '-' : '');
  const compact = (n: number | null) => {
    if (!ok(n)) return NO_VALUE;
    return Math.abs(n) < COMPACT_FROM ? formatDecimal(n, 0, 0) : formatCompact(n, lang);
  };

  // Written by hand as Intl.NumberFormat would (lib/number-format.ts): no ICU number data on the first render.
  return {
    lang,
    integer: (n) => (ok(n) ? formatDecimal(n, 0, 0) : NO_VALUE),
    compact,
    currency: (n) => (ok(n) ? `${sign(n)}¥${formatDecimal(Math.abs(n), 2, 2)}` : NO_VALUE),
    currencyCompact: (n) => {
      if (!ok(n)) return NO_VALUE;
      const abs = Math.abs(n);
      return `${sign(n)}¥${abs < COMPACT_FROM ? formatDecimal(abs, 0, 0) : formatCompact(abs, lang)}`;
    },
    percent: (share, digits = 1) => (ok(share) ? formatPercent(share, digits) : NO_VALUE),
    day: (isoDay) => formatDay(isoDay, lang, false),
    shortDay: (isoDay) => formatDay(isoDay, lang, true),
  };
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A calendar day as Intl.DateTimeFormat writes it (dateStyle medium; short: month and day), built by hand: the first
 * DateTimeFormat of a page costs ≈ 60 ms on a phone (its pattern generator), in the render that shows the KPIs.
 * format.test.ts checks both languages against Intl over every day of several years.
 */
function formatDay(isoDay: string, lang: Lang, short: boolean): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  if (lang === 'zh-CN') return short ? `${m}/${d}` : `${y}年${m}月${d}日`;
  const monthDay = `${EN_MONTHS[m - 1]} ${d}`;
  return short ? monthDay : `${monthDay}, ${y}`;
}

export function formatters(lang: Lang): Formatters {
  let f = cache.get(lang);
  if (!f) {
    f = build(lang);
    cache.set(lang, f);
  }
  return f;
}

const AXIS_UNITS: Record<Lang, ReadonlyArray<readonly [number, string]>> = {
  'zh-CN': [
    [1e8, '亿'],
    [1e4, '万'],
  ],
  'en-US': [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ],
};

/**
 * Labels for a value axis whose largest value is `max`: one unit for every tick (0, 0.5万, 1万, 1.5万 rather
 * than 5,000 next to 1万), chosen once from `max`; full digits while `max` stays below 10,000.
 */
export function axisFormatter(max: number, lang: Lang, money = false): (value: number) => string {
  const prefix = money ? '¥' : '';
  const unit =
    Math.abs(max) >= COMPACT_FROM ? AXIS_UNITS[lang].find(([size]) => Math.abs(max) >= size) : undefined;
  const digits = unit ? 2 : 0;
  // Never non-finite on a chart axis; Intl says how such a value reads if one ever comes.
  const fmt = (value: number) =>
    Number.isFinite(value) ? formatDecimal(value, 0, digits) : new Intl.NumberFormat(lang).format(value);
  return (value) => {
    if (!unit || value === 0) return `${prefix}${fmt(value)}`;
    return `${prefix}${fmt(value / unit[0])}${unit[1]}`;
  };
}

/** Visual width of a label: CJK and other wide characters count as 2, the rest as 1. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch) ? 2 : 1;
  return width;
}

function isWide(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x1f300
  );
}

/** Cuts a label to at most `maxWidth` width units (see textWidth), ending in "…" when cut. */
export function truncateLabel(text: string, maxWidth: number): string {
  if (textWidth(text) <= maxWidth) return text;
  let out = '';
  let width = 0;
  for (const ch of text) {
    const w = isWide(ch) ? 2 : 1;
    if (width + w > maxWidth - 1) break;
    out += ch;
    width += w;
  }
  return `${out.trimEnd()}…`;
}

/** Escapes text for the HTML that ECharts tooltips render (names come from imported data). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
