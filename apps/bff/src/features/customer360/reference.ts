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
import { storeSetKey } from './store-set';

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
 * Built from one scan per data version and store set (the chain's from `customer_summary`), then kept: every
 * profile after that ranks its customer by binary search.
 */
export function createReferences(db: Db, cache: ResultCache) {
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
      const pairs = await distributionPairs(db, stores, day);
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
