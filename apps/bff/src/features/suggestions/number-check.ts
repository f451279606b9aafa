/**
 * The number check a language model's rewrite must pass (README "Number rule"): every number it writes must
 * be one of the suggestion's own numbers, rounded to the precision it is written with.
 *
 *  - `1,234` · `1234` · `38.5` · `¥38.50` · `¥3.2万` · `1.2亿` · `¥12.3K` · `1.2M` are numbers; 万 ×10⁴, 亿 ×10⁸,
 *    K ×10³, M ×10⁶. A number matches an allowed value v when |number − v| ≤ half a unit of its last written
 *    digit (3.2万 matches 31,500–32,500; 1,234 matches 1,233.5–1,234.5).
 *  - `12.5%` is a percentage: it matches a share or change v when |12.5 − 100·|v|| ≤ 0.05 (signs are words).
 *  - `14:00` is an hour and matches an hour figure; minutes other than :00 never match.
 *  - `2025-04-01` is a day and must be the scope's first or last day.
 *  - Chinese numerals before 成 (tenths) or 倍 (times), e.g. 三成, are checked like 30% and 3.
 *  - Known names (product names, which may contain digits such as 500ml) are removed before checking.
 */
import type { FigureUnit } from '@portrait/shared/suggestions';

export type AllowedNumber = { value: number; unit: FigureUnit };
export type NumberCheckContext = {
  allowed: readonly AllowedNumber[];
  names: readonly string[];
  days: readonly string[];
};
export type NumberCheckResult = { ok: true } | { ok: false; number: string };

const PERCENT_UNITS: readonly FigureUnit[] = ['share', 'change'];
const MULTIPLIERS: Record<string, number> = { 万: 1e4, 亿: 1e8, K: 1e3, k: 1e3, M: 1e6 };
const CHINESE_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

const DAY = /\d{4}-\d{2}-\d{2}/g;
const TIME = /(\d{1,2}):(\d{2})/g;
const CHINESE = /([一二两三四五六七八九十])(成|倍)/g;
const NUMBER = /[¥￥]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(%|％|万|亿|[KkM](?![A-Za-z]))?/g;

const near = (cited: number, value: number, tolerance: number) => Math.abs(cited - value) <= tolerance + 1e-9;

function matchesPercent(cited: number, tolerance: number, allowed: readonly AllowedNumber[]): boolean {
  return allowed.some(
    (a) => PERCENT_UNITS.includes(a.unit) && near(cited, Math.abs(a.value) * 100, tolerance),
  );
}

function matchesPlain(cited: number, tolerance: number, allowed: readonly AllowedNumber[]): boolean {
  return allowed.some((a) => !PERCENT_UNITS.includes(a.unit) && near(cited, Math.abs(a.value), tolerance));
}

export function checkNumbers(input: string, ctx: NumberCheckContext): NumberCheckResult {
  let text = input;
  for (const name of [...ctx.names].sort((a, b) => b.length - a.length)) {
    if (name) text = text.split(name).join(' ');
  }

  for (const day of text.match(DAY) ?? []) if (!ctx.days.includes(day)) return { ok: false, number: day };
  text = text.replace(DAY, ' ');

  for (const m of text.matchAll(TIME)) {
    const h = Number(m[1]);
    const isHour = m[2] === '00' && ctx.allowed.some((a) => a.unit === 'hour' && a.value === h);
    if (!isHour) return { ok: false, number: m[0] };
  }
  text = text.replace(TIME, ' ');

  for (const m of text.matchAll(CHINESE)) {
    const n = CHINESE_DIGITS[m[1] ?? ''] ?? 0;
    const ok = m[2] === '成' ? matchesPercent(n * 10, 5, ctx.allowed) : matchesPlain(n, 0.5, ctx.allowed);
    if (!ok) return { ok: false, number: m[0] };
  }

  for (const m of text.matchAll(NUMBER)) {
    const whole = (m[1] ?? '').replace(/,/g, '');
    const decimals = m[2] ?? '';
    const suffix = m[3] ?? '';
    const written = Number(`${whole}${decimals ? `.${decimals}` : ''}`);
    const halfUnit = 0.5 * 10 ** -decimals.length;
    if (suffix === '%' || suffix === '％') {
      if (!matchesPercent(written, halfUnit, ctx.allowed)) return { ok: false, number: m[0].trim() };
      continue;
    }
    const multiplier = MULTIPLIERS[suffix] ?? 1;
    if (!matchesPlain(written * multiplier, halfUnit * multiplier, ctx.allowed))
      return { ok: false, number: m[0].trim() };
  }
  return { ok: true };
}
