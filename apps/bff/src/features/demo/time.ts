/**
 * Time for the generator. Instants are `LocalSec` — seconds of the Asia/Shanghai wall clock since 1970 — so
 * the day and the hour are plain arithmetic and the ISO form is the wall clock plus a fixed `+08:00` (China has
 * no daylight saving). The demo period is a run of whole Shanghai days ending on `endDate`.
 */
import { addDays, dayToUtcMs, isIsoDay } from '@portrait/shared/dates';
import type { LocalSec } from './types';

export const SEC_PER_DAY = 86_400;

export function dayStartSec(day: string): LocalSec {
  return dayToUtcMs(day) / 1000;
}

// Formatting millions of timestamps is a hot path: cache day strings and two-digit numbers instead of Date.
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const dayStrings = new Map<number, string>();

function dayString(dayNo: number): string {
  let day = dayStrings.get(dayNo);
  if (day === undefined) {
    day = new Date(dayNo * SEC_PER_DAY * 1000).toISOString().slice(0, 10);
    if (dayStrings.size < 100_000) dayStrings.set(dayNo, day);
  }
  return day;
}

/** `2025-06-30T12:34:56+08:00` */
export function formatInstant(t: LocalSec): string {
  const dayNo = Math.floor(t / SEC_PER_DAY);
  const s = Math.floor(t - dayNo * SEC_PER_DAY);
  const hh = TWO_DIGITS[Math.floor(s / 3600)] as string;
  const mm = TWO_DIGITS[Math.floor((s % 3600) / 60)] as string;
  return `${dayString(dayNo)}T${hh}:${mm}:${TWO_DIGITS[s % 60] as string}+08:00`;
}

export function localDay(t: LocalSec): string {
  return dayString(Math.floor(t / SEC_PER_DAY));
}

export function localHour(t: LocalSec): number {
  return Math.floor((((t % SEC_PER_DAY) + SEC_PER_DAY) % SEC_PER_DAY) / 3600);
}

/** Days since 1970-01-01 of a local instant. */
export function dayNumber(t: LocalSec): number {
  return Math.floor(t / SEC_PER_DAY);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(dayNo: number): number {
  return (((dayNo + 4) % 7) + 7) % 7;
}

export function isWeekend(dayNo: number): boolean {
  const d = weekday(dayNo);
  return d === 0 || d === 6;
}

export type Period = {
  startDay: string;
  endDay: string;
  /** First second of the first day. */
  startSec: LocalSec;
  /** First second after the last day (exclusive bound). */
  endSec: LocalSec;
  startDayNo: number;
  days: number;
};

export function makePeriod(endDay: string, days: number): Period {
  if (!isIsoDay(endDay)) throw new Error(`endDate must be a YYYY-MM-DD day, got "${endDay}"`);
  const startDay = addDays(endDay, -(days - 1));
  const startSec = dayStartSec(startDay);
  return {
    startDay,
    endDay,
    startSec,
    endSec: startSec + days * SEC_PER_DAY,
    startDayNo: startSec / SEC_PER_DAY,
    days,
  };
}

// Sun..Sat: Friday evening and the weekend are busier.
const WEEKDAY_TRAFFIC = [1.22, 0.94, 0.95, 0.97, 1.0, 1.1, 1.28];
// Jan..Dec: a Spring-Festival dip in February, a summer high for cold drinks and snacks.
const MONTH_TRAFFIC = [0.97, 0.86, 0.96, 0.99, 1.03, 1.06, 1.12, 1.12, 1.01, 1.05, 0.98, 1.0];
export const MAX_DAY_TRAFFIC = Math.max(...WEEKDAY_TRAFFIC) * Math.max(...MONTH_TRAFFIC);

/** Relative footfall of a day: weekday effect × season. */
export function dayTraffic(dayNo: number): number {
  const month = new Date(dayNo * SEC_PER_DAY * 1000).getUTCMonth();
  return (WEEKDAY_TRAFFIC[weekday(dayNo)] as number) * (MONTH_TRAFFIC[month] as number);
}
