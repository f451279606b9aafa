/**
 * The order baskets of the in-memory copy: one entry per completed order with at least one line (an order without
 * lines is in no basket), laid out by store then day like the other tables, with its customer's ordinal (the same
 * ordinals as the `customer_store_days` columns, -1 for an anonymous order) and its distinct products as product
 * ordinals (the `product_store_days` copy's, so names, the database's id order and the amounts line up): CSR, but
 * with one small basket size per order instead of an offset, and each (store, day)'s first order and first line in
 * an index, so a stores × day range is one run of orders and lines per store. On the large demo's 33 products a
 * line is one byte and an order five.
 *
 * Answers: association rules (`basket-rules.ts`) and cross-sell target sizes (`cross-sell-pass.ts`), identical to
 * their SQL (db/queries/suggestion-aggregates.ts, suggestion-targets.ts).
 */
import { escapeCopy } from '../../db/queries/customer-columns';
import type { Period } from '../../db/queries/portrait';
import type { StoreFilter } from '../../db/queries/scope-sql';
import { ordinalOf } from './columns';
import { epochDay, storeOrdinals } from './customer-pass';

type Ordinals = Uint8Array | Uint16Array | Int32Array;

export type BasketColumns = {
  orders: number;
  lines: number;
  storeIndex: Map<string, number>;
  /** The index's first day and its days per store (`span` + 1 entries per store). */
  firstDay: number;
  span: number;
  /** Entry s × (span + 1) + k: the first order (line) of store s on or after day firstDay + k; k = span: its end. */
  orderAt: Int32Array;
  lineAt: Int32Array;
  /** Per order: customer ordinal or -1, and its number of distinct products. */
  customer: Int32Array;
  size: Ordinals;
  /** Per line: product ordinal (`ProductColumns`' ordinals). */
  product: Ordinals;
  bytes: number;
  /** From the first row to the laid-out copy (reading and layout; the load's share of the baskets). */
  readMs: number;
};

/** An unsigned array wide enough for values below `limit`. */
function ordinalsFor(limit: number, n: number): Ordinals {
  if (limit <= 0x100) return new Uint8Array(n);
  return limit <= 0x10000 ? new Uint16Array(n) : new Int32Array(n);
}

function grown<T extends Ordinals | Int32Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a.subarray(0, Math.min(a.length, size)));
  return b;
}

/**
 * Collects the order lines (`orderBasketsSource`: one order's lines together) and lays the orders out by store and
 * day. `customers`: the customer columns' ordinals by key; `productKeys`: the product copy's ids by ordinal. A
 * customer or product the copy does not know (which the derived tables' definitions rule out) makes `finish` give
 * null: the SQL then answers.
 */
export function basketBuilder(
  rows: number,
  customers: Map<string, number>,
  productKeys: readonly string[],
): {
  add: (storeId: string, day: number, ints: Float64Array, key: string) => void;
  finish: () => BasketColumns | null;
} {
  const began = performance.now();
  const productIndex = new Map(productKeys.map((id, k) => [escapeCopy(id), k]));
  const P = productKeys.length;
  let orderCap = Math.max(1024, Math.ceil(rows * 0.6));
  let lineCap = Math.max(1024, Math.ceil(rows * 1.02));
  let store = new Int32Array(orderCap);
  let day = new Int32Array(orderCap);
  let customer = new Int32Array(orderCap);
  let size = new Int32Array(orderCap);
  let product = ordinalsFor(P, lineCap);
  const storeIndex = new Map<string, number>();
  let n = 0;
  let lines = 0;
  let orderId = '';
  let unknown = false;

  function add(s: string, d: number, _ints: Float64Array, key: string) {
    const t1 = key.indexOf('\t');
    const t2 = key.indexOf('\t', t1 + 1);
    if (n === 0 || t1 !== orderId.length || !key.startsWith(orderId)) {
      if (n === orderCap) {
        orderCap = Math.ceil(orderCap * 1.5);
        store = grown(store, orderCap);
        day = grown(day, orderCap);
        customer = grown(customer, orderCap);
        size = grown(size, orderCap);
      }
      orderId = key.slice(0, t1);
      store[n] = ordinalOf(storeIndex, s);
      day[n] = d;
      let c = -1;
      if (t2 > t1 + 1) {
        const found = customers.get(key.slice(t1 + 2, t2));
        if (found === undefined) unknown = true;
        else c = found;
      }
      customer[n] = c;
      size[n] = 0;
      n++;
    }
    const k = productIndex.get(key.slice(t2 + 1));
    if (k === undefined) {
      unknown = true;
      return;
    }
    const first = lines - size[n - 1]!;
    for (let i = first; i < lines; i++) if (product[i] === k) return;
    if (lines === lineCap) product = grown(product, (lineCap = Math.ceil(lineCap * 1.5)));
    product[lines++] = k;
    size[n - 1]!++;
  }

  function finish(): BasketColumns | null {
    if (unknown) return null;
    let minDay = Infinity;
    let maxDay = -Infinity;
    let maxSize = 0;
    for (let i = 0; i < n; i++) {
      minDay = Math.min(minDay, day[i]!);
      maxDay = Math.max(maxDay, day[i]!);
      maxSize = Math.max(maxSize, size[i]!);
    }
    const firstDay = n > 0 ? minDay : 0;
    const span = n > 0 ? maxDay - minDay + 1 : 0;
    const width = span + 1;
    // One stable counting sort by (store, day): `orderAt` is its bucket starts.
    const orderAt = new Int32Array(storeIndex.size * width + 1);
    for (let i = 0; i < n; i++) orderAt[store[i]! * width + day[i]! - firstDay + 1]!++;
    for (let x = 1; x < orderAt.length; x++) orderAt[x]! += orderAt[x - 1]!;
    const next = orderAt.slice();
    const target = new Int32Array(n);
    const placedCustomer = new Int32Array(n);
    const placedSize = ordinalsFor(maxSize + 1, n);
    for (let i = 0; i < n; i++) {
      const to = next[store[i]! * width + day[i]! - firstDay]!++;
      target[i] = to;
      placedCustomer[to] = customer[i]!;
      placedSize[to] = size[i]!;
    }
    const lineStart = new Int32Array(n + 1);
    for (let j = 0; j < n; j++) lineStart[j + 1] = lineStart[j]! + placedSize[j]!;
    const placedProduct = ordinalsFor(P, lines);
    for (let i = 0, from = 0; i < n; i++) {
      const len = size[i]!;
      placedProduct.set(product.subarray(from, from + len), lineStart[target[i]!]!);
      from += len;
    }
    const lineAt = new Int32Array(orderAt.length);
    for (let x = 0; x < orderAt.length; x++) lineAt[x] = lineStart[orderAt[x]!]!;
    const columns: BasketColumns = {
      orders: n,
      lines,
      storeIndex,
      firstDay,
      span,
      orderAt,
      lineAt,
      customer: placedCustomer,
      size: placedSize,
      product: placedProduct,
      bytes: 0,
      readMs: 0,
    };
    columns.readMs = Math.round(performance.now() - began);
    columns.bytes =
      orderAt.byteLength +
      lineAt.byteLength +
      placedCustomer.byteLength +
      placedSize.byteLength +
      placedProduct.byteLength;
    return columns;
  }

  return { add, finish };
}

/** One store's run of the scope: orders [lo, hi), their lines [line, lineEnd). */
export type BasketRun = { lo: number; hi: number; line: number; lineEnd: number };

/** The runs of orders of (period, stores): one per store with orders in the period. */
export function basketRuns(b: BasketColumns, p: Period, stores: StoreFilter): BasketRun[] {
  const from = epochDay(p.from);
  const to = epochDay(p.to);
  const runs: BasketRun[] = [];
  if (from > to || b.orders === 0) return runs;
  const width = b.span + 1;
  const at = (d: number) => Math.min(Math.max(d - b.firstDay, 0), b.span);
  for (const s of storeOrdinals(b, stores)) {
    const start = s * width + at(from);
    const end = s * width + at(to + 1);
    const lo = b.orderAt[start]!;
    const hi = b.orderAt[end]!;
    if (hi > lo) runs.push({ lo, hi, line: b.lineAt[start]!, lineEnd: b.lineAt[end]! });
  }
  return runs;
}
