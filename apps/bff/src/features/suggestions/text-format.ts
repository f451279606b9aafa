/**
 * How numbers are written in the rule text (Chinese and English). Every number the text shows is an evidence
 * figure written this way, so the number check (number-check.ts) accepts the rule text by construction.
 */
export type TextLang = 'zh' | 'en';

const grouped = (digits: number) =>
  new Intl.NumberFormat('en-US', { minimumFractionDigits: 0, maximumFractionDigits: digits });
const INTEGER = grouped(0);
const ONE = grouped(1);
const TWO = grouped(2);
const MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 1,234 */
export const count = (n: number) => INTEGER.format(n);

/** ¥38.50 below ¥10,000; above it ¥12.35万 (zh) or ¥123.46K / ¥1.23M (en). */
export function money(n: number, lang: TextLang): string {
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  if (abs < 10_000) return `${sign}¥${MONEY.format(abs)}`;
  if (lang === 'zh') {
    return abs >= 1e8 ? `${sign}¥${TWO.format(abs / 1e8)}亿` : `${sign}¥${TWO.format(abs / 1e4)}万`;
  }
  return abs >= 1e6 ? `${sign}¥${TWO.format(abs / 1e6)}M` : `${sign}¥${TWO.format(abs / 1e3)}K`;
}

/** A share 0..1 as 45.2% */
export const percent = (share: number) => `${ONE.format(share * 100)}%`;

/** 9.5 (days) */
export const days = (n: number) => ONE.format(n);

/** 1.57 (lift) */
export const ratio = (n: number) => TWO.format(n);

/** 14:00 */
export const hour = (h: number) => `${h}:00`;
