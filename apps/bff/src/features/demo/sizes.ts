/** What each demo size means. Per-customer rates are calibrated so the order totals land near the targets. */
import type { CityTier } from './catalog';
import type { DemoSize } from './types';

export type SizeConfig = {
  /** Length of the period in days, ending on endDate. */
  days: number;
  customers: number;
  /** How many cities of each tier (a prefix of the tier's roll-out order). */
  citiesByTier: Record<CityTier, number>;
  storesPerCityByTier: Record<CityTier, number>;
  /** Mean purchase rate of an active customer, orders per day (individual rates are gamma-distributed). */
  meanDailyRate: number;
  /** Share of orders whose app session was tracked: scales the behaviour events. */
  sessionTracking: number;
};

export const SIZES: Record<DemoSize, SizeConfig> = {
  // ≈ 8 stores in 3 cities, 2,000 customers, 12 months, ~25k orders: fast enough for tests.
  small: {
    days: 365,
    customers: 2_000,
    citiesByTier: { 1: 1, 2: 2, 3: 0, 4: 0 },
    storesPerCityByTier: { 1: 4, 2: 2, 3: 1, 4: 1 },
    meanDailyRate: 0.17,
    sessionTracking: 0.3,
  },
  // ≈ 60 stores in 20 cities, 40,000 customers, 18 months, ~500k orders.
  default: {
    days: 548,
    customers: 40_000,
    citiesByTier: { 1: 4, 2: 10, 3: 4, 4: 2 },
    storesPerCityByTier: { 1: 5, 2: 3, 3: 2, 4: 1 },
    meanDailyRate: 0.145,
    sessionTracking: 0.15,
  },
  // ≈ 500 stores in 68 cities, 1M customers, 18 months, ~10M orders: for PostgreSQL benchmarks.
  large: {
    days: 548,
    customers: 1_000_000,
    citiesByTier: { 1: 4, 2: 20, 3: 24, 4: 20 },
    storesPerCityByTier: { 1: 42, 2: 12, 3: 3, 4: 1 },
    meanDailyRate: 0.105,
    sessionTracking: 0.08,
  },
};

export const DEMO_SIZES: readonly DemoSize[] = ['small', 'default', 'large'];
