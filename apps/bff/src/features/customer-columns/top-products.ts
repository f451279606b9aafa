/**
 * `topProducts` (db/queries/portrait.ts) answered from the in-memory copy of `product_store_days`, identical to the
 * SQL: per product Σ quantity and Σ revenue (integer cents) over the scope's stores and days, the products with rows
 * ordered by the measure descending and then by product id as the database sorts it (its collation: the rank comes
 * from the database when the copy loads), the first `limit` of them, and the scope's totals for the share. Money is
 * divided by 100 once, the same double as the SQL's exact numeric sum.
 */
import { productNamesQuery, type SnapshotQuery } from '../../db/queries/customer-columns';
import type { Period, ProductFigures, TopProducts } from '../../db/queries/portrait';
import type { StoreFilter } from '../../db/queries/scope-sql';
import { rollupSums, type RollupColumns } from './rollup-columns';

export type ProductColumns = {
  sums: RollupColumns;
  /** By product ordinal (the rollup's key): its place in the database's order of product ids. */
  rank: Int32Array;
  ids: string[];
  names: string[];
  categories: string[];
};

/** The product copy around `sums`, and the snapshot query that fills in its ranks, names and categories. */
export function productColumns(sums: RollupColumns): { columns: ProductColumns; query: SnapshotQuery } {
  const ids = sums.keys.map(([id = '']) => id);
  const columns: ProductColumns = {
    sums,
    rank: new Int32Array(ids.length).fill(-1),
    ids,
    names: [...ids],
    categories: ids.map(() => ''),
  };
  const query = productNamesQuery(ids, (rows) => {
    rows.forEach(([k, , name, category], place) => {
      const i = Number(k);
      columns.rank[i] = place;
      columns.names[i] = String(name);
      columns.categories[i] = String(category);
    });
    if (rows.length !== ids.length || columns.rank.includes(-1))
      throw new Error('product columns: a product without its place in the database order');
  });
  return { columns, query };
}

/** The top `limit` products by `by` with the scope's totals, or null beyond exact integers (the SQL answers). */
export function columnsTopProducts(
  products: ProductColumns,
  p: Period,
  stores: StoreFilter,
  by: 'quantity' | 'revenue',
  limit: number,
): TopProducts | null {
  const sums = rollupSums(products.sums, p, stores);
  if (!sums) return null;
  const { rows, count, cents } = sums;
  const present: number[] = [];
  let totalQuantity = 0;
  let totalCents = 0;
  for (let k = 0; k < rows.length; k++)
    if (rows[k]! > 0) {
      present.push(k);
      totalQuantity += count[k]!;
      totalCents += cents[k]!;
    }
  if (!Number.isSafeInteger(totalQuantity) || !Number.isSafeInteger(totalCents)) return null;
  const measure = by === 'quantity' ? count : cents;
  const { rank, ids, names, categories } = products;
  present.sort((a, b) => {
    const ma = measure[a]!;
    const mb = measure[b]!;
    return ma !== mb ? (mb > ma ? 1 : -1) : rank[a]! - rank[b]!;
  });
  const top: ProductFigures[] = present.slice(0, Math.max(limit, 0)).map((k) => ({
    productId: ids[k]!,
    name: names[k]!,
    category: categories[k]!,
    quantity: count[k]!,
    revenue: cents[k]! / 100,
  }));
  // The SQL reads the totals off its first row: none, none.
  return top.length > 0
    ? { rows: top, totalQuantity, totalRevenue: totalCents / 100 }
    : { rows: [], totalQuantity: 0, totalRevenue: 0 };
}
