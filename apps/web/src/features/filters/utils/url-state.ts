import { scopeQuerySchema, type Scope } from '@portrait/shared/scope';
import { DEFAULT_PRESET, PRESETS, presetRange, type Preset } from '@portrait/shared/dates';
import type { FiltersMeta } from '@portrait/shared/meta';

/** A preset, or `custom` for a range picked by hand. */
export type PeriodChoice = Preset | 'custom';
export const PERIOD_CHOICES: readonly PeriodChoice[] = [...PRESETS, 'custom'];
export { DEFAULT_PRESET };

/** The dashboard filters as the URL holds them: `from`, `to`, `city`*, `store`*, `preset`. */
export type FilterState = Scope & { preset: PeriodChoice };

const FILTER_KEYS = ['from', 'to', 'city', 'store', 'preset'] as const;

export function isPreset(value: unknown): value is Preset {
  return typeof value === 'string' && (PRESETS as readonly string[]).includes(value);
}

/** The preset whose range (relative to `anchorDay`) is exactly from..to, else `custom`. */
export function matchPreset(from: string, to: string, anchorDay: string, preferred?: Preset): PeriodChoice {
  const order = preferred ? [preferred, ...PRESETS.filter((p) => p !== preferred)] : PRESETS;
  for (const p of order) {
    const r = presetRange(p, anchorDay);
    if (r.from === from && r.to === to) return p;
  }
  return 'custom';
}

/**
 * Reads the filters from the URL. An explicit valid `from`..`to` wins (a shared link shows the same days);
 * `preset` alone is resolved against `anchorDay` (the data's last day); nothing valid means the last 30 days.
 */
export function readFilters(params: URLSearchParams, anchorDay: string): FilterState {
  const parsed = scopeQuerySchema.safeParse({
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    city: params.getAll('city'),
    store: params.getAll('store'),
  });
  const presetParam = params.get('preset');
  const preset = isPreset(presetParam) ? presetParam : undefined;

  if (parsed.success) {
    const { from, to, city, store } = parsed.data;
    return { from, to, cities: city, stores: store, preset: matchPreset(from, to, anchorDay, preset) };
  }
  // The dates are missing or invalid: keep the lists if they are fine on their own.
  const lists = scopeQuerySchema.safeParse({
    from: anchorDay,
    to: anchorDay,
    city: params.getAll('city'),
    store: params.getAll('store'),
  });
  const cities = lists.success ? lists.data.city : [];
  const stores = lists.success ? lists.data.store : [];
  const chosen = preset ?? DEFAULT_PRESET;
  return { ...presetRange(chosen, anchorDay), cities, stores, preset: chosen };
}

/** Writes the filters into a copy of `base`, keeping unrelated parameters (`by`, …). */
export function writeFilters(
  state: FilterState,
  base: URLSearchParams = new URLSearchParams(),
): URLSearchParams {
  const p = new URLSearchParams(base);
  for (const k of FILTER_KEYS) p.delete(k);
  p.set('preset', state.preset);
  p.set('from', state.from);
  p.set('to', state.to);
  for (const c of state.cities) p.append('city', c);
  for (const s of state.stores) p.append('store', s);
  return p;
}

/**
 * Drops cities and stores the user cannot pick (unknown, or a store outside the chosen cities) and says which.
 */
export function sanitizeFilters(
  state: FilterState,
  meta: Pick<FiltersMeta, 'cities'>,
): { state: FilterState; ignored: string[] } {
  const knownCities = new Set(meta.cities.map((c) => c.name));
  const cities = state.cities.filter((c) => knownCities.has(c));
  const allowedStores = new Set(
    meta.cities
      .filter((c) => cities.length === 0 || cities.includes(c.name))
      .flatMap((c) => c.stores.map((s) => s.id)),
  );
  const stores = state.stores.filter((s) => allowedStores.has(s));
  const ignored = [
    ...state.cities.filter((c) => !knownCities.has(c)),
    ...state.stores.filter((s) => !allowedStores.has(s)),
  ];
  return { state: { ...state, cities, stores }, ignored };
}

/** Stores still allowed once `cities` are chosen (all when none is). */
export function storesWithinCities(
  stores: string[],
  cities: string[],
  meta: Pick<FiltersMeta, 'cities'>,
): string[] {
  if (cities.length === 0) return stores;
  const allowed = new Set(
    meta.cities.filter((c) => cities.includes(c.name)).flatMap((c) => c.stores.map((s) => s.id)),
  );
  return stores.filter((s) => allowed.has(s));
}

export function toScope(state: FilterState): Scope {
  return { from: state.from, to: state.to, cities: state.cities, stores: state.stores };
}
