/**
 * Parsers for the import format's cell values. Each returns the value as the database takes it (a string for
 * COPY) or a `Problem` that says what is wrong with the cell. Timestamps without an offset are Asia/Shanghai.
 */
import { SHANGHAI_OFFSET_MINUTES } from '@portrait/shared/dates';
import type { RejectReason } from '@portrait/shared/imports';

export type Problem = { reason: RejectReason; message: string };
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export type { RejectReason };

const fail = (reason: RejectReason, message: string): { ok: false; problem: Problem } => ({
  ok: false,
  problem: { reason, message },
});
const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

// 2025-06-30, 2025/6/30 · then optionally T or space and 12:34, 12:34:56, 12:34:56.789 · then Z, +08, +0800, +08:00
const INSTANT =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone) return SHANGHAI_OFFSET_MINUTES;
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

/** Epoch milliseconds of an ISO 8601 timestamp; a bare date only when `allowDay` (then midnight). */
export function parseInstant(raw: string, allowDay: boolean): Parsed<number> {
  const m = INSTANT.exec(raw);
  const what = allowDay ? 'a date or date-time' : 'a date-time';
  if (!m) return fail('bad_timestamp', `"${raw}" is not ${what} (ISO 8601, e.g. 2025-06-30T12:34:56+08:00)`);
  const [, ys, ms, ds, hs, mins, ss, frac, zone] = m;
  const [y, mo, d] = [Number(ys), Number(ms), Number(ds)];
  if (!validDate(y, mo, d)) return fail('bad_timestamp', `"${raw}" is not a real date`);
  if (hs === undefined && !allowDay)
    return fail('bad_timestamp', `"${raw}" has no time of day (expected e.g. 2025-06-30T12:34:56)`);
  if (hs === undefined && zone !== undefined) return fail('bad_timestamp', `"${raw}" is not ${what}`);
  const [h, mi, s] = [Number(hs ?? 0), Number(mins ?? 0), Number(ss ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return fail('bad_timestamp', `"${raw}" has an impossible time of day`);
  const offset = offsetMinutes(zone);
  if (Math.abs(offset) > 14 * 60) return fail('bad_timestamp', `"${raw}" has an impossible UTC offset`);
  const millis = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  return ok(Date.UTC(y, mo - 1, d, h, mi, s, millis) - offset * 60_000);
}

/** A calendar day, normalised to YYYY-MM-DD. */
export function parseDay(raw: string): Parsed<string> {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(raw);
  if (!m || !validDate(Number(m[1]), Number(m[2]), Number(m[3])))
    return fail('bad_date', `"${raw}" is not a date (YYYY-MM-DD)`);
  return ok(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`);
}

const DECIMAL = /^[+-]?(?:\d{1,12}(?:\.\d*)?|\.\d+)$/;

export function parseDecimal(raw: string, column: string, min?: number, max?: number): Parsed<string> {
  if (!DECIMAL.test(raw))
    return fail(
      'bad_number',
      `${column} "${raw}" is not a decimal number (e.g. 12.50, no thousands separators)`,
    );
  const n = Number(raw);
  if (min !== undefined && n < min) return fail('bad_number', `${column} ${raw} is below ${min}`);
  if (max !== undefined && n > max) return fail('bad_number', `${column} ${raw} is above ${max}`);
  return ok(raw);
}

export function parseInteger(raw: string, column: string, min?: number, max?: number): Parsed<number> {
  const reason: RejectReason = column === 'quantity' ? 'bad_quantity' : 'bad_number';
  if (!/^[+-]?\d{1,10}$/.test(raw)) return fail(reason, `${column} "${raw}" is not a whole number`);
  const n = Number(raw);
  if (min !== undefined && n < min) return fail(reason, `${column} ${raw} is below ${min}`);
  if (max !== undefined && n > max) return fail(reason, `${column} ${raw} is above ${max}`);
  return ok(n);
}

export const ORDER_TYPES = ['dine_in', 'delivery', 'pickup'] as const;
export const ORDER_STATUSES = ['completed', 'refunded', 'cancelled'] as const;

export function parseChoice(raw: string, column: string, choices: readonly string[]): Parsed<string> {
  const value = raw.toLowerCase();
  if (!choices.includes(value))
    return fail('bad_value', `${column} "${raw}" must be one of ${choices.join(', ')}`);
  return ok(value);
}
