import { presetRange, shanghaiDay, type Preset } from '@portrait/shared/dates';
import type { FiltersMeta } from '@portrait/shared/meta';
import type { Scope } from '@portrait/shared/scope';
import { App } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  DEFAULT_PRESET,
  readFilters,
  sanitizeFilters,
  storesWithinCities,
  toScope,
  writeFilters,
  type FilterState,
} from '../utils/url-state';

export type FiltersApi = {
  filters: FilterState;
  scope: Scope;
  /** The day presets count back from: the data's last day (today on an empty database). */
  anchorDay: string;
  setPreset: (preset: Preset) => void;
  setRange: (from: string, to: string) => void;
  setCities: (cities: string[]) => void;
  setStores: (stores: string[]) => void;
  reset: () => void;
  /**
   * False until the URL holds what is shown (the first render after a bare `/` or a link with defaults missing or
   * bad values): the dashboard renders its placeholder meanwhile, so the navigation that writes the URL re-renders
   * that placeholder, not the whole page (≈ 70 ms at 4× CPU). Stays true after, whatever the URL becomes.
   */
  urlSettled: boolean;
};

/** The dashboard filters, kept in the URL (the single source of truth), checked against the metadata. */
export function useFilters(meta: FiltersMeta): FiltersApi {
  const [params, setParams] = useSearchParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const anchorDay = meta.lastDay ?? shanghaiDay(new Date());

  const { state: filters, ignored } = useMemo(
    () => sanitizeFilters(readFilters(params, anchorDay), meta),
    [params, anchorDay, meta],
  );

  // Write what is shown back into the URL (defaults filled in, bad values dropped) so a copied link is exact.
  const normalized = useMemo(() => writeFilters(filters, params).toString(), [filters, params]);
  const urlMatches = normalized === params.toString();
  const [urlSettled, setUrlSettled] = useState(urlMatches);
  if (urlMatches && !urlSettled) setUrlSettled(true);
  useEffect(() => {
    if (!urlMatches) setParams(new URLSearchParams(normalized), { replace: true });
  }, [urlMatches, normalized, setParams]);

  const ignoredText = ignored.join('、');
  useEffect(() => {
    if (ignoredText) void message.warning(t('filters.ignoredValues', { values: ignoredText }));
  }, [ignoredText, message, t]);

  const update = useCallback(
    (patch: (current: FilterState) => FilterState) => {
      setParams((prev) =>
        writeFilters(patch(sanitizeFilters(readFilters(prev, anchorDay), meta).state), prev),
      );
    },
    [setParams, anchorDay, meta],
  );

  const setPreset = useCallback(
    (preset: Preset) => update((s) => ({ ...s, ...presetRange(preset, anchorDay), preset })),
    [update, anchorDay],
  );
  const setRange = useCallback(
    (from: string, to: string) => update((s) => ({ ...s, from, to, preset: 'custom' })),
    [update],
  );
  const setCities = useCallback(
    (cities: string[]) =>
      update((s) => ({ ...s, cities, stores: storesWithinCities(s.stores, cities, meta) })),
    [update, meta],
  );
  const setStores = useCallback((stores: string[]) => update((s) => ({ ...s, stores })), [update]);
  const reset = useCallback(
    () =>
      update(() => ({
        ...presetRange(DEFAULT_PRESET, anchorDay),
        cities: [],
        stores: [],
        preset: DEFAULT_PRESET,
      })),
    [update, anchorDay],
  );

  const scope = useMemo(() => toScope(filters), [filters]);
  return { filters, scope, anchorDay, setPreset, setRange, setCities, setStores, reset, urlSettled };
}
