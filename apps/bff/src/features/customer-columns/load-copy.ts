/**
 * Reads and lays out one copy of the derived tables (one snapshot, one data version): the same code runs on the
 * main thread (PGlite, or when forced) and in the columns' worker thread (`columns-worker.ts`, PostgreSQL). The
 * copy is plain data — numbers, strings, arrays, Maps and typed arrays, no functions or class instances — so a
 * worker can post it, its typed arrays' buffers transferred (`copyBuffers`), not copied.
 */
import type pg from 'pg';
import type { Db } from '../../db/client';
import {
  type ColumnsSource,
  customerDaysSource,
  customerStoreFirstsSource,
  productStoreDaysSource,
  readColumns,
  storeDayMixSource,
} from '../../db/queries/customer-columns';
import { orderBasketsSource } from '../../db/queries/order-baskets';
import { basketBuilder, type BasketColumns } from './basket-columns';
import { columnsBuilder, type CustomerColumns } from './columns';
import { firstsBuilder, type FirstsColumns } from './firsts';
import { rollupBuilder, type RollupColumns } from './rollup-columns';
import { productColumns, type ProductColumns } from './top-products';

export type ColumnsCopy = {
  version: number;
  columns: CustomerColumns;
  mix: RollupColumns;
  products: ProductColumns;
  firsts: FirstsColumns;
  /** Null when a basket names a customer or product the copy does not know (the SQL answers). */
  baskets: BasketColumns | null;
};

type Add = ReturnType<ColumnsSource['open']>;

/**
 * One table's builder: made when its rows start, finished as soon as they end, so its loading arrays are freed
 * before the next table loads (the load's peak memory is one table's, not all of them).
 */
function collected<T>(make: (rows: number) => { add: Add; finish: () => T }) {
  let building: { add: Add; finish: () => T } | null = null;
  let result: T | null = null;
  return {
    open: (rows: number) => (building = make(rows)).add,
    done: () => {
      result = building?.finish() ?? null;
      building = null;
    },
    result: () => result,
  };
}

/** Loads the copy for the version the database holds now (one snapshot). */
export async function loadCopy(from: Db | pg.Pool): Promise<ColumnsCopy> {
  // The customer ordinals of `customer_store_days`, kept until the baskets (read after it) have used them.
  let customerIndex: Map<string, number> | null = null;
  const days = collected((rows) => {
    const b = columnsBuilder(rows);
    customerIndex = b.customers;
    return b;
  });
  const mixRows = collected(rollupBuilder);
  const productRows = collected((rows) => {
    const b = rollupBuilder(rows);
    return { add: b.add, finish: () => productColumns(b.finish()) };
  });
  const firstsRows = collected(firstsBuilder);
  let basketRows: ReturnType<typeof basketBuilder> | null = null;
  let baskets: BasketColumns | null = null;
  const startBaskets = (rows: number) =>
    (basketRows = basketBuilder(rows, customerIndex ?? new Map(), productRows.result()?.columns.ids ?? []));
  const version = await readColumns(
    from,
    [
      customerDaysSource(days.open, days.done),
      productStoreDaysSource(productRows.open, productRows.done),
      // After the customers and products, whose ordinals its rows take.
      orderBasketsSource(
        (rows) => startBaskets(rows).add,
        (rows) => startBaskets(rows).line,
        () => {
          baskets = basketRows?.finish() ?? null;
          basketRows = null;
          customerIndex = null;
        },
      ),
      storeDayMixSource(mixRows.open, mixRows.done),
      customerStoreFirstsSource(firstsRows.open, firstsRows.done),
    ],
    // In the same snapshot as the rows: the products' names and their order in the database, and the
    // chain's customers per first day.
    () => [productRows.result()?.query, firstsRows.result()?.query].filter((q) => q !== undefined),
  );
  const columns = days.result();
  const mix = mixRows.result();
  const products = productRows.result()?.columns;
  const firsts = firstsRows.result()?.columns;
  if (!columns || !mix || !products || !firsts) throw new Error('customer columns: a table was not read');
  return { version, columns, mix, products, firsts, baskets };
}

/** Every buffer under the copy's typed arrays, each once (a transfer list must not name one twice). */
export function copyBuffers(copy: ColumnsCopy): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const visit = (value: unknown): void => {
    if (ArrayBuffer.isView(value)) buffers.add(value.buffer as ArrayBuffer);
    else if (Array.isArray(value)) return;
    else if (typeof value === 'object' && value !== null && !(value instanceof Map))
      for (const v of Object.values(value)) visit(v);
  };
  visit(copy);
  return [...buffers];
}

/** The copy's size in bytes (status). */
export const copyBytes = (c: ColumnsCopy) =>
  c.columns.bytes + c.mix.bytes + c.products.sums.bytes + c.firsts.bytes + (c.baskets?.bytes ?? 0);
