import type { Lang } from './langs';

/**
 * Numbers written by hand exactly as Intl.NumberFormat writes them for zh-CN and en-US (both group by three with
 * ","): the page's first NumberFormat costs ≈ 70 ms on a phone (ICU's number data), in the render that shows the
 * KPIs. Like ICU, a number is rounded half away from zero on its shortest decimal form (1.005 → 1.01, which
 * toFixed gets wrong), never on the binary value. number-format.test.ts compares every function with Intl over
 * edge cases and a sweep of random values in both languages.
 */

/** A non-negative finite number as decimal digits (no leading zeros beyond one) and the point's position. */
type Decimal = { digits: string; point: number };

function toDecimal(abs: number): Decimal {
  const text = abs.toString();
  const e = text.indexOf('e');
  const mantissa = e < 0 ? text : text.slice(0, e);
  const exponent = e < 0 ? 0 : Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  return { digits, point: (dot < 0 ? mantissa.length : dot) + exponent };
}

/** Moves the point: value × 10^by, exactly. */
function shift(d: Decimal, by: number): Decimal {
  return { digits: d.digits, point: d.point + by };
}

/** Rounds half away from zero to `maxFrac` fraction digits, then writes at least `minFrac` of them. */
function fixed(d: Decimal, minFrac: number, maxFrac: number): { int: string; frac: string } {
  // Pad so that the point sits inside the digits and every kept fraction digit exists.
  let digits = d.digits;
  let point = d.point;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  if (digits.length < point + maxFrac + 1) digits = digits.padEnd(point + maxFrac + 1, '0');
  const keep = point + maxFrac;
  let kept = digits.slice(0, keep);
  if (digits.charCodeAt(keep) >= 53 /* '5' */) {
    // Add one unit in the last kept place.
    const chars = kept.split('');
    let i = chars.length - 1;
    while (i >= 0 && chars[i] === '9') chars[i--] = '0';
    if (i >= 0) chars[i] = String(Number(chars[i]) + 1);
    else {
      chars.unshift('1');
      point += 1;
    }
    kept = chars.join('');
  }
  let int = kept.slice(0, point).replace(/^0+(?=\d)/, '');
  let frac = kept.slice(point);
  while (frac.length > minFrac && frac.endsWith('0')) frac = frac.slice(0, -1);
  if (int === '') int = '0';
  return { int, frac };
}

function group(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function signOf(n: number): string {
  return n < 0 || Object.is(n, -0) ? '-' : '';
}

/** `new Intl.NumberFormat(lang, { minimumFractionDigits, maximumFractionDigits }).format(n)`, n finite. */
export function formatDecimal(n: number, minFrac: number, maxFrac: number): string {
  const { int, frac } = fixed(toDecimal(Math.abs(n)), minFrac, maxFrac);
  return `${signOf(n)}${group(int)}${frac ? `.${frac}` : ''}`;
}

/** `new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: d, maximumFractionDigits: d })`. */
export function formatPercent(share: number, digits: number): string {
  const { int, frac } = fixed(shift(toDecimal(Math.abs(share)), 2), digits, digits);
  return `${signOf(share)}${group(int)}${frac ? `.${frac}` : ''}%`;
}

const COMPACT_UNITS: Record<Lang, ReadonlyArray<readonly [exponent: number, unit: string]>> = {
  'zh-CN': [
    [12, '万亿'],
    [8, '亿'],
    [4, '万'],
  ],
  'en-US': [
    [12, 'T'],
    [9, 'B'],
    [6, 'M'],
    [3, 'K'],
  ],
};

/** `new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 2 }).format(n)` for |n| ≥ 10,000. */
export function formatCompact(n: number, lang: Lang): string {
  const d = toDecimal(Math.abs(n));
  // The magnitude (digits before the point, leading zeros aside) picks the unit; a value that rounds up to the
  // next unit (999.995K) is written in it (1M), as ICU does.
  const magnitude = d.point - (d.digits.length - d.digits.replace(/^0+/, '').length) - 1;
  const units = COMPACT_UNITS[lang];
  let index = units.findIndex(([exponent]) => magnitude >= exponent);
  if (index < 0) return formatDecimal(n, 0, 2);
  for (;;) {
    const [exponent, unit] = units[index]!;
    const { int, frac } = fixed(shift(d, -exponent), 0, 2);
    const next = units[index - 1];
    if (next && int.length > next[0] - exponent) {
      index -= 1;
      continue;
    }
    return `${signOf(n)}${int}${frac ? `.${frac}` : ''}${unit}`;
  }
}
