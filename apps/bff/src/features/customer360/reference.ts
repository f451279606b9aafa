import {
  histogram,
  RFM_BUCKET_MINS,
  valueCounts,
  type RfmKey,
  type ValueCounts,
} from '@portrait/shared/customer-value';
import type { Db } from '../../db/client';
import { distributionPairs } from '../../db/queries/customer-summary';
import { getDataSpan } from '../../db/queries/meta';
import type { StoreFilter } from '../../db/queries/scope-sql';
import type { ResultCache } from '../../lib/result-cache';
import type { CustomerColumns } from '../customer-columns/columns';
import { columnsDistributionPairs } from '../customer-columns/reference-pass';
import { storeSetKey } from './store-set';

/** The in-memory columns' rows when they hold `version` (customer-columns-service `customerRows`), else null. */
export type ColumnRows = (version: number) => CustomerColumns | null;

/** The population a customer is scored against, for one data version and store set. */
export type Reference = {
  /** "Today": the data's last day (null on an empty database). */
  asOf: string | null;
  population: number;
  avgOrderValue: number | null;
  dist: Record<RfmKey, ValueCounts>;
  histograms: Record<RfmKey, number[]>;
};

/**
 * Built from one scan per data version and store set (the chain's from `customer_summary`, a store set's from the
 * in-memory columns when they hold the version, else from `customer_store_days`), then kept: every profile after
 * that ranks its customer by binary search.
 */
export function createReferences(db: Db, cache: ResultCache, columnRows: ColumnRows | null = null) {
  async function asOf(version: number): Promise<string | null> {
    return cache.get(`${version}|as-of`, async () => (await getDataSpan(db)).lastDay);
  }

  async function get(version: number, stores: StoreFilter): Promise<Reference> {
    const day = await asOf(version);
    return cache.get(`${version}|reference|${storeSetKey(stores)}`, async () => {
      if (day === null) {
        const empty = valueCounts([]);
        const zeros = (k: RfmKey) => RFM_BUCKET_MINS[k].map(() => 0);
        return {
          asOf: null,
          population: 0,
          avgOrderValue: null,
          dist: { r: empty, f: empty, m: empty },
          histograms: { r: zeros('r'), f: zeros('f'), m: zeros('m') },
        };
      }
      const copy = stores === null ? null : columnRows?.(version);
      const pairs =
        (copy && stores && columnsDistributionPairs(copy, stores, day)) ??
        (await distributionPairs(db, stores, day));
      const dist = { r: valueCounts(pairs.r), f: valueCounts(pairs.f), m: valueCounts(pairs.m) };
      return {
        asOf: day,
        population: pairs.customers,
        avgOrderValue: pairs.orders > 0 ? pairs.revenue / pairs.orders : null,
        dist,
        histograms: {
          r: histogram(dist.r, RFM_BUCKET_MINS.r),
          f: histogram(dist.f, RFM_BUCKET_MINS.f),
          m: histogram(dist.m, RFM_BUCKET_MINS.m),
        },
      };
    });
  }

  return { asOf, get };
}
export type References = ReturnType<typeof createReferences>;
