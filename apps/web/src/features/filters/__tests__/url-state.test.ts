import { describe, expect, it } from 'vitest';
import {
  matchPreset,
  readFilters,
  sanitizeFilters,
  storesWithinCities,
  writeFilters,
  type FilterState,
} from '../utils/url-state';

const LAST_DAY = '2025-06-30';
const meta = {
  cities: [
    {
      name: '上海',
      nameEn: 'Shanghai',
      province: '上海',
      stores: [
        { id: 'S1', name: '南京东路店' },
        { id: 'S2', name: '陆家嘴店' },
      ],
    },
    { name: '北京', nameEn: 'Beijing', province: '北京', stores: [{ id: 'S3', name: '王府井店' }] },
  ],
};

describe('readFilters', () => {
  it('When the URL is empty, Then the last 30 days up to the data’s last day are shown', () => {
    expect(readFilters(new URLSearchParams(), LAST_DAY)).toEqual({
      from: '2025-06-01',
      to: '2025-06-30',
      cities: [],
      stores: [],
      preset: 'last30',
    });
  });

  it('When only a preset is given, Then it is resolved against the data’s last day', () => {
    const state = readFilters(new URLSearchParams('preset=lastMonth'), LAST_DAY);
    expect(state).toMatchObject({ from: '2025-05-01', to: '2025-05-31', preset: 'lastMonth' });
  });

  it('When explicit dates are given, Then they win and the matching preset is highlighted', () => {
    const state = readFilters(new URLSearchParams('from=2025-06-24&to=2025-06-30&preset=custom'), LAST_DAY);
    expect(state).toMatchObject({ from: '2025-06-24', to: '2025-06-30', preset: 'last7' });
  });

  it('When a shared link’s dates no longer match its preset, Then the dates are kept and shown as custom', () => {
    const state = readFilters(new URLSearchParams('preset=last7&from=2025-01-01&to=2025-01-07'), LAST_DAY);
    expect(state).toMatchObject({ from: '2025-01-01', to: '2025-01-07', preset: 'custom' });
  });

  it('When cities and stores repeat, Then they are read as lists without duplicates', () => {
    const state = readFilters(
      new URLSearchParams('from=2025-06-01&to=2025-06-30&city=上海&city=北京&city=上海&store=S1'),
      LAST_DAY,
    );
    expect(state.cities).toEqual(['上海', '北京']);
    expect(state.stores).toEqual(['S1']);
  });

  it('When the dates are invalid or reversed, Then the default range is used and the places kept', () => {
    for (const q of ['from=2025-02-30&to=2025-03-01', 'from=2025-06-30&to=2025-06-01', 'from=yesterday']) {
      const state = readFilters(new URLSearchParams(`${q}&city=上海`), LAST_DAY);
      expect(state).toMatchObject({
        from: '2025-06-01',
        to: '2025-06-30',
        preset: 'last30',
        cities: ['上海'],
      });
    }
  });
});

describe('writeFilters', () => {
  it('When filters are written, Then the URL round-trips and unrelated parameters stay', () => {
    const state: FilterState = {
      from: '2025-06-24',
      to: '2025-06-30',
      cities: ['上海'],
      stores: ['S1', 'S2'],
      preset: 'last7',
    };
    const params = writeFilters(state, new URLSearchParams('by=revenue&city=北京'));
    expect(params.get('by')).toBe('revenue');
    expect(params.getAll('city')).toEqual(['上海']);
    expect(params.getAll('store')).toEqual(['S1', 'S2']);
    expect(params.get('preset')).toBe('last7');
    expect(readFilters(params, LAST_DAY)).toEqual(state);
  });
});

describe('sanitizeFilters', () => {
  const base: FilterState = {
    from: '2025-06-01',
    to: '2025-06-30',
    cities: [],
    stores: [],
    preset: 'last30',
  };

  it('When the URL names an unknown city or store, Then it is dropped and reported', () => {
    const { state, ignored } = sanitizeFilters(
      { ...base, cities: ['上海', '火星'], stores: ['S1', 'S9'] },
      meta,
    );
    expect(state.cities).toEqual(['上海']);
    expect(state.stores).toEqual(['S1']);
    expect(ignored).toEqual(['火星', 'S9']);
  });

  it('When a store lies outside the chosen cities, Then it is dropped', () => {
    const { state } = sanitizeFilters({ ...base, cities: ['北京'], stores: ['S1', 'S3'] }, meta);
    expect(state.stores).toEqual(['S3']);
  });

  it('When cities change, Then only stores within them stay selected', () => {
    expect(storesWithinCities(['S1', 'S3'], ['上海'], meta)).toEqual(['S1']);
    expect(storesWithinCities(['S1', 'S3'], [], meta)).toEqual(['S1', 'S3']);
  });
});

describe('matchPreset', () => {
  it('When a range equals a preset, Then that preset is named; otherwise custom', () => {
    expect(matchPreset('2025-06-30', '2025-06-30', LAST_DAY)).toBe('today');
    expect(matchPreset('2025-06-01', '2025-06-30', LAST_DAY, 'thisMonth')).toBe('thisMonth');
    expect(matchPreset('2025-06-01', '2025-06-30', LAST_DAY)).toBe('last30');
    expect(matchPreset('2025-06-02', '2025-06-30', LAST_DAY)).toBe('custom');
  });
});
