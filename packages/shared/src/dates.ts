/**
 * Calendar-day arithmetic on `YYYY-MM-DD` strings. Days are Asia/Shanghai calendar days (PRODUCT §3);
 * China has no daylight saving, so a day is always UTC+8 and plain UTC date maths on the string is exact.
 */
const MS_PER_DAY = 86_400_000;
export const SHANGHAI_OFFSET_MINUTES = 8 * 60;

export function isIsoDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function dayToUtcMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function utcMsToDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return utcMsToDay(dayToUtcMs(day) + days * MS_PER_DAY);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((dayToUtcMs(b) - dayToUtcMs(a)) / MS_PER_DAY);
}

/** Inclusive length of `from`..`to` in days. */
export function rangeLength(from: string, to: string): number {
  return daysBetween(from, to) + 1;
}

/** The equal-length period that ends the day before `from` (PRODUCT §4 "period change"). */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const len = rangeLength(from, to);
  return { from: addDays(from, -len), to: addDays(from, -1) };
}

/** The Asia/Shanghai calendar day of an instant. */
export function shanghaiDay(instant: Date): string {
  return utcMsToDay(instant.getTime() + SHANGHAI_OFFSET_MINUTES * 60_000);
}

export function shanghaiHour(instant: Date): number {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MINUTES * 60_000).getUTCHours();
}

export const PRESETS = ['today', 'last7', 'last30', 'last90', 'last365', 'thisMonth', 'lastMonth'] as const;
export type Preset = (typeof PRESETS)[number];
/** The period the dashboard opens on (the BFF preloads its KPIs with the page). */
export const DEFAULT_PRESET: Preset = 'last30';

/**
 * The date range of a preset, relative to `today` (the data's last day, so the demo never shows an empty "today").
 */
export function presetRange(preset: Preset, today: string): { from: string; to: string } {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'last90':
      return { from: addDays(today, -89), to: today };
    case 'last365':
      return { from: addDays(today, -364), to: today };
    case 'thisMonth':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'lastMonth': {
      const firstOfThis = `${today.slice(0, 7)}-01`;
      const lastOfPrev = addDays(firstOfThis, -1);
      return { from: `${lastOfPrev.slice(0, 7)}-01`, to: lastOfPrev };
    }
  }
}
