import { EnvironmentOutlined, ShopOutlined, UndoOutlined } from '@ant-design/icons';
import { rangeLength } from '@portrait/shared/dates';
import type { CityOption, FiltersMeta } from '@portrait/shared/meta';
import { MAX_RANGE_DAYS } from '@portrait/shared/scope';
import { App, Button, Segmented, Select, Tooltip } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../../lib/i18n';
import type { FiltersApi } from '../hooks/use-filters';
import type { DatePart } from './date-range-field';
import { PERIOD_CHOICES, type PeriodChoice } from '../utils/url-state';

const loadDateRangeField = () => import('./date-range-field');
const DateRangeField = lazy(loadDateRangeField);

/**
 * Starts downloading the date pickers once the page is idle after its first render (at most 2 s later), so their
 * download and evaluation do not add to the dashboard's start-up tasks.
 */
export function preloadDateRangeField(): void {
  const load = () => void loadDateRangeField();
  if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 2000 });
  else setTimeout(load, 0);
}

/**
 * Looks like the pickers (same size, same dates) and stands in for them until someone reaches for one: the antd date
 * pickers are a large share of the first render's work on a phone, and most visits never open them. Pointing at it
 * mounts them (so they are ready by the click); a click or Enter mounts them with the chosen picker open and focused.
 */
function DateRangeStandIn({
  from,
  to,
  compact,
  onPrepare,
  onOpen,
}: {
  from: string;
  to: string;
  compact: boolean;
  onPrepare?: () => void;
  onOpen?: (part: DatePart) => void;
}) {
  const { t } = useTranslation();
  const button = (part: DatePart, label: string, text: string, className: string) => (
    <button
      type="button"
      className={className}
      aria-label={`${label} ${text}`}
      data-testid={`date-standin-${part}`}
      // A mouse over it mounts the pickers ahead of the click; a touch must not (the tap would land on nothing).
      onPointerEnter={(event) => event.pointerType === 'mouse' && onPrepare?.()}
      onClick={() => onOpen?.(part)}
    >
      {text}
    </button>
  );
  return compact ? (
    <div className="date-pair">
      {button('from', t('filters.from'), from, 'date-fallback')}
      <span className="date-sep" aria-hidden>
        ~
      </span>
      {button('to', t('filters.to'), to, 'date-fallback')}
    </div>
  ) : (
    button('from', t('filters.period'), `${from} → ${to}`, 'date-fallback range-picker')
  );
}

/** A city as the filter bar writes it: the data's name, or the English one the BFF sent with it. */
const cityLabel = (c: CityOption, lang: 'zh' | 'en') => (lang === 'zh' ? c.name : c.nameEn);

type FilterBarProps = { meta: FiltersMeta; api: FiltersApi; compact: boolean };

/** Period presets, custom range, cities and stores; everything it changes goes into the URL. */
export function FilterBar({ meta, api, compact }: FilterBarProps) {
  const { t, i18n } = useTranslation();
  const textLang = currentLang(i18n) === 'zh-CN' ? 'zh' : 'en';
  const { message } = App.useApp();
  const { filters } = api;
  const [pickerOpen, setPickerOpen] = useState<DatePart | null>(null);
  const [pickerMounted, setPickerMounted] = useState(false);
  const openPicker = (part: DatePart) => {
    setPickerMounted(true);
    setPickerOpen(part);
  };

  const cityOptions = useMemo(
    () =>
      meta.cities.map((c) => ({
        value: c.name,
        label: cityLabel(c, textLang),
      })),
    [meta.cities, textLang],
  );

  const storeOptions = useMemo(
    () =>
      meta.cities
        .filter((c) => filters.cities.length === 0 || filters.cities.includes(c.name))
        .map((c) => ({
          label: t('filters.storesIn', { city: cityLabel(c, textLang), count: c.stores.length }),
          title: cityLabel(c, textLang),
          options: c.stores.map((s) => ({ value: s.id, label: s.name })),
        })),
    [meta.cities, filters.cities, t, textLang],
  );

  const applyRange = (from: string, to: string) => {
    if (from > to) [from, to] = [to, from];
    if (rangeLength(from, to) > MAX_RANGE_DAYS) {
      void message.error(t('filters.rangeTooLong', { days: MAX_RANGE_DAYS }));
      return;
    }
    api.setRange(from, to);
  };

  const onPeriod = (value: PeriodChoice) => {
    if (value === 'custom') openPicker('from');
    else api.setPreset(value);
  };

  const size = compact ? 'large' : 'medium';
  const periodOptions = PERIOD_CHOICES.map((p) => ({
    value: p,
    label: (
      <span data-testid={`preset-${p}`} data-active={filters.preset === p ? 'true' : 'false'}>
        {t(`filters.presets.${p}`)}
      </span>
    ),
  }));

  return (
    <section className="filter-bar" data-testid="filter-bar" aria-label={t('filters.label')}>
      <div className="filter-row filter-period">
        {compact ? (
          // On a phone: all eight choices visible at once, four to a row, thumb-sized.
          <div className="preset-grid" role="radiogroup" aria-label={t('filters.period')}>
            {PERIOD_CHOICES.map((p) => (
              <button
                key={p}
                type="button"
                role="radio"
                aria-checked={filters.preset === p}
                className={filters.preset === p ? 'preset-chip is-active' : 'preset-chip'}
                data-testid={`preset-${p}`}
                data-active={filters.preset === p ? 'true' : 'false'}
                onClick={() => onPeriod(p)}
              >
                {t(`filters.presets.${p}`)}
              </button>
            ))}
          </div>
        ) : (
          <Segmented<PeriodChoice>
            aria-label={t('filters.period')}
            className="preset-segmented"
            options={periodOptions}
            value={filters.preset}
            onChange={onPeriod}
          />
        )}
        {pickerMounted ? (
          // The stand-in stays clickable while the pickers' code loads: a mouse over it mounted them, and a click
          // that lands before their chunk has arrived must still open the chosen picker when it does.
          <Suspense
            fallback={
              <DateRangeStandIn from={filters.from} to={filters.to} compact={compact} onOpen={openPicker} />
            }
          >
            <DateRangeField
              from={filters.from}
              to={filters.to}
              firstDay={meta.firstDay}
              lastDay={api.anchorDay}
              compact={compact}
              open={pickerOpen}
              onOpenChange={setPickerOpen}
              onChange={applyRange}
            />
          </Suspense>
        ) : (
          <DateRangeStandIn
            from={filters.from}
            to={filters.to}
            compact={compact}
            onPrepare={() => setPickerMounted(true)}
            onOpen={openPicker}
          />
        )}
      </div>
      <div className="filter-row filter-place">
        <Select
          data-testid="city-select"
          className="place-select"
          size={size}
          aria-label={t('filters.city')}
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          prefix={<EnvironmentOutlined aria-hidden />}
          placeholder={t('filters.allCities')}
          options={cityOptions}
          value={filters.cities}
          onChange={(v: string[]) => api.setCities(v)}
          showSearch={{ optionFilterProp: 'label' }}
          notFoundContent={t('filters.noMatch')}
        />
        <Select
          data-testid="store-select"
          className="place-select"
          size={size}
          aria-label={t('filters.store')}
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          prefix={<ShopOutlined aria-hidden />}
          placeholder={t('filters.allStores')}
          options={storeOptions}
          value={filters.stores}
          onChange={(v: string[]) => api.setStores(v)}
          showSearch={{ optionFilterProp: 'label' }}
          notFoundContent={t('filters.noMatch')}
        />
        <Tooltip title={t('filters.resetAria')}>
          <Button
            className="reset-button"
            size={size}
            icon={<UndoOutlined />}
            aria-label={t('filters.resetAria')}
            data-testid="filter-reset"
            onClick={api.reset}
          >
            {compact ? null : t('filters.reset')}
          </Button>
        </Tooltip>
      </div>
    </section>
  );
}
