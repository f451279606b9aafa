/**
 * The benchmark's fixed mix of scopes (issue 9): the whole chain, three cities and five stores, each over the
 * filter bar's presets today / 7 / 30 / 90 / 365 days, plus two custom ranges that no preset covers.
 * Cities and stores are picked deterministically: the three cities with most stores, five stores spread
 * evenly over the chain's stores in id order.
 */
import { addDays, presetRange, type Preset } from '@portrait/shared/dates';
import type { FiltersMeta } from '@portrait/shared/meta';

export const BENCH_PRESETS: readonly Preset[] = ['today', 'last7', 'last30', 'last90', 'last365'];
export const ENDPOINTS = ['overview', 'geo', 'paths', 'suggestions'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];
export type Level = 'chain' | 'city' | 'store';

export type BenchScope = {
  level: Level;
  /** The preset, or `custom-N`. */
  period: string;
  from: string;
  to: string;
  city?: string;
  store?: string;
};

export const isCustom = (s: BenchScope) => s.period.startsWith('custom');

export function scopeQuery(s: BenchScope): string {
  const q = new URLSearchParams({ from: s.from, to: s.to });
  if (s.city) q.set('city', s.city);
  if (s.store) q.set('store', s.store);
  return q.toString();
}

export const scopeLabel = (s: BenchScope) =>
  `${s.level}${s.city ? ` ${s.city}` : ''}${s.store ? ` ${s.store}` : ''} ${s.period} ${s.from}..${s.to}`;

export function benchMix(meta: FiltersMeta): BenchScope[] {
  const last = meta.lastDay;
  if (!last) throw new Error('the database holds no orders');
  const cities = [...meta.cities]
    .sort((a, b) => b.stores.length - a.stores.length || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((c) => c.name);
  const ids = meta.cities.flatMap((c) => c.stores.map((s) => s.id)).sort();
  const stores = [0, 1, 2, 3, 4].map((i) => ids[Math.floor((i * ids.length) / 5)] ?? ids[0] ?? '');
  const places: Pick<BenchScope, 'level' | 'city' | 'store'>[] = [
    { level: 'chain' },
    ...cities.map((city) => ({ level: 'city' as const, city })),
    ...stores.map((store) => ({ level: 'store' as const, store })),
  ];
  // Two ranges a user picks by hand: a quarter ending two weeks ago and five months of last year.
  const customs = [
    { period: 'custom-1', from: addDays(last, -103), to: addDays(last, -14) },
    { period: 'custom-2', from: addDays(last, -400), to: addDays(last, -250) },
  ];
  const out: BenchScope[] = [];
  for (const place of places) {
    for (const preset of BENCH_PRESETS) out.push({ ...place, period: preset, ...presetRange(preset, last) });
    for (const c of customs) out.push({ ...place, ...c });
  }
  return out;
}
