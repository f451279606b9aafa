/**
 * The scopes the dashboard's filter bar offers in one click: the rolling presets today / 7 / 30 / 90 / 365 days
 * (as the filter bar computes them from the data's last day) for the whole chain, each city and each store,
 * plus each store manager's own stores (their whole-chain view). Ordered so the most looked-at answers are
 * ready first. The calendar-month presets are left to the request cache: they change only once a month.
 */
import { presetRange, type Preset } from '@portrait/shared/dates';
import type { Scope } from '@portrait/shared/scope';
import type { StoreRow } from '../../db/queries/meta';

export type PresetScope = { scope: Scope; allowed: readonly string[] | null; label: string };

/** The filter bar's default first, then the other rolling presets. */
export const PRECOMPUTED_PRESETS: readonly Preset[] = ['last30', 'last7', 'today', 'last90', 'last365'];
const PRESET_ORDER = PRECOMPUTED_PRESETS;

export function presetScopes(
  stores: readonly StoreRow[],
  lastDay: string,
  managerStoreSets: readonly string[][] = [],
): PresetScope[] {
  // Bigger cities first: more stores, more people looking at them.
  const storeCount = new Map<string, number>();
  for (const s of stores) storeCount.set(s.city, (storeCount.get(s.city) ?? 0) + 1);
  const cities = [...storeCount.keys()].sort(
    (a, b) => (storeCount.get(b) ?? 0) - (storeCount.get(a) ?? 0) || a.localeCompare(b),
  );
  const ids = stores.map((s) => s.id).sort();
  const out: PresetScope[] = [];
  const add = (preset: Preset, cityList: string[], storeList: string[], allowed: string[] | null) => {
    const range = presetRange(preset, lastDay);
    const who = allowed ? `manager of ${allowed.join(',')}` : (storeList[0] ?? cityList[0] ?? 'chain');
    out.push({
      scope: { ...range, cities: cityList, stores: storeList },
      allowed,
      label: `${preset} ${who}`,
    });
  };
  for (const preset of PRESET_ORDER) add(preset, [], [], null);
  for (const preset of PRESET_ORDER) for (const city of cities) add(preset, [city], [], null);
  for (const set of managerStoreSets) for (const preset of PRESET_ORDER) add(preset, [], [], set);
  for (const preset of PRESET_ORDER) for (const id of ids) add(preset, [], [id], null);
  return out;
}
