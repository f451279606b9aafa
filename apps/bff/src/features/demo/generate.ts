/**
 * The deterministic demo-chain generator: same size, seed and end date → the same rows, byte for byte.
 * It streams: rows come out in batches (parents before children) and only one batch is held at a time, so
 * the large size (10M orders) runs in bounded memory. Consumers: `load-demo.ts` (COPY into the database) and
 * `export-csv.ts` (import-format files).
 */
import { RowBuffers } from './buffers';
import { buildChain } from './chain';
import { simulateCustomer } from './customer-history';
import { guestOrdersOfStore } from './guests';
import type { CityRow, DemoBatch, DemoOptions } from './types';

export const DEFAULT_BATCH_ROWS = 30_000;

export function* generateDemo(options: DemoOptions): Generator<DemoBatch> {
  const chain = buildChain(options);
  const out = new RowBuffers(options.batchRows ?? DEFAULT_BATCH_ROWS);

  yield { table: 'cities', rows: chain.cities.map((c): CityRow => ({ ...c })) };
  yield { table: 'stores', rows: chain.stores.map((s) => s.row) };
  yield { table: 'products', rows: chain.products };

  const identifiedByStore = new Float64Array(chain.stores.length);
  for (let i = 0; i < chain.size.customers; i++) {
    simulateCustomer(chain, i, out, identifiedByStore);
    if (out.full) yield* out.drain(false);
  }
  yield* out.drain(false);

  for (const store of chain.stores) {
    for (const _day of guestOrdersOfStore(chain, store, identifiedByStore[store.index] ?? 0, out))
      if (out.full) yield* out.drain(false);
  }
  yield* out.drain(true);
}
