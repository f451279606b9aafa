/**
 * The chain for one size and seed: its cities, stores (with opening dates and footfall) and menu. Most stores
 * opened years before the data starts; every fifth opened during the period, so it has no orders before then.
 */
import { addDays } from '@portrait/shared/dates';
import {
  CITIES,
  MENU,
  STORE_LOCATIONS,
  STORE_TRAFFIC_BY_TIER,
  type CityInfo,
  type CityTier,
} from './catalog';
import { HourPickers } from './dayparts';
import { Rng, WeightedPicker } from './rng';
import { SIZES, type SizeConfig } from './sizes';
import { dayStartSec, makePeriod, type Period } from './time';
import type { DemoOptions, LocalSec, ProductRow, StoreRow } from './types';

/** Independent random streams; the numbers only need to differ. */
export const STREAM = {
  stores: 1,
  customers: 2,
  guests: 3,
} as const;

export type StoreInfo = {
  index: number;
  row: StoreRow;
  tier: CityTier;
  openSec: LocalSec;
  /** Relative footfall (tier × a per-store factor). */
  traffic: number;
  /** Indexes of the other stores in the same city. */
  siblings: number[];
};

export type Chain = {
  options: DemoOptions;
  size: SizeConfig;
  period: Period;
  cities: CityInfo[];
  stores: StoreInfo[];
  products: ProductRow[];
  /** Where a new customer's home store is: busy stores and stores open longer attract more. */
  homeStorePicker: WeightedPicker;
  hours: HourPickers;
};

export function chainCities(size: SizeConfig): CityInfo[] {
  const tiers: CityTier[] = [1, 2, 3, 4];
  return tiers.flatMap((tier) => CITIES.filter((c) => c.tier === tier).slice(0, size.citiesByTier[tier]));
}

export function buildChain(options: DemoOptions): Chain {
  const size = SIZES[options.size];
  const period = makePeriod(options.endDate, size.days);
  const cities = chainCities(size);
  const rng = Rng.for(options.seed, STREAM.stores);
  const stores: StoreInfo[] = [];

  for (const city of cities) {
    const count = size.storesPerCityByTier[city.tier];
    const first = stores.length;
    for (let k = 0; k < count; k++) {
      const index = stores.length;
      const openedOn = openingDay(rng, index, period);
      stores.push({
        index,
        row: {
          id: `S${String(index + 1).padStart(3, '0')}`,
          name: storeName(city.name, k),
          city: city.name,
          province: city.province,
          lat: round6(city.lat + rng.normal(0, 0.035)),
          lng: round6(city.lng + rng.normal(0, 0.045)),
          openedOn,
        },
        tier: city.tier,
        openSec: dayStartSec(openedOn),
        traffic: STORE_TRAFFIC_BY_TIER[city.tier] * rng.logNormal(1, 0.25),
        siblings: [],
      });
    }
    const ids = stores.slice(first).map((s) => s.index);
    for (const id of ids) (stores[id] as StoreInfo).siblings = ids.filter((other) => other !== id);
  }

  const periodSec = period.endSec - period.startSec;
  const homeWeights = stores.map((s) => s.traffic * Math.min(1, (period.endSec - s.openSec) / periodSec));
  const products = MENU.map((m) => ({
    id: m.id,
    name: m.name,
    category: m.category,
    unitPriceFen: m.priceFen,
  }));

  return {
    options,
    size,
    period,
    cities,
    stores,
    products,
    homeStorePicker: new WeightedPicker(homeWeights),
    hours: new HourPickers(),
  };
}

function openingDay(rng: Rng, index: number, period: Period): string {
  if (index % 5 === 2) {
    // Opened during the period: between a month in and 70% of the way through.
    const from = 30;
    const to = Math.floor(period.days * 0.7);
    return addDays(period.startDay, rng.between(from, to));
  }
  return addDays(period.startDay, -rng.between(60, 3650));
}

/** `上海人民广场店`; past the list of locations, `上海人民广场2店`. */
function storeName(city: string, k: number): string {
  const location = STORE_LOCATIONS[k % STORE_LOCATIONS.length] as string;
  const round = Math.floor(k / STORE_LOCATIONS.length);
  return `${city}${round === 0 ? location : location.replace(/店$/, `${round + 1}店`)}`;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
