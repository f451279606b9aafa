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
import { escapeCopy, parseCopyInt, unescapeCopy } from '../../db/queries/customer-columns';
import type { Period } from '../../db/queries/portrait';
import type { StoreFilter } from '../../db/queries/scope-sql';
import { ordinalOf } from './columns';
import { epochDay, storeOrdinals } from './customer-pass';

type Ordinals = Uint8Array | Uint16Array | Int32Array;

const TAB = 9;

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

/** FNV-1a of bytes `from`..`to`. */
function hashBytes(b: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h >>> 0;
}

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
  line: (buf: Buffer, start: number, end: number) => void;
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
  let unknown = false;

  /** A new order; `customerKey` '' for an anonymous one. */
  function startOrder(storeId: string, d: number, customerKey: string) {
    if (n === orderCap) {
      orderCap = Math.ceil(orderCap * 1.5);
      store = grown(store, orderCap);
      day = grown(day, orderCap);
      customer = grown(customer, orderCap);
      size = grown(size, orderCap);
    }
    store[n] = ordinalOf(storeIndex, storeId);
    day[n] = d;
    let c = -1;
    if (customerKey !== '') {
      const found = customers.get(customerKey);
      if (found === undefined) unknown = true;
      else c = found;
    }
    customer[n] = c;
    size[n] = 0;
    n++;
  }

  /** A line of the current order: its product (ordinal `k`, undefined: unknown) once. */
  function addProduct(k: number | undefined) {
    if (k === undefined) {
      unknown = true;
      return;
    }
    for (let i = lines - size[n - 1]!; i < lines; i++) if (product[i] === k) return;
    if (lines === lineCap) product = grown(product, (lineCap = Math.ceil(lineCap * 1.5)));
    product[lines++] = k;
    size[n - 1]!++;
  }

  // The rows' path (PGlite): the key is order id, 'c' + customer key or '', product key.
  let orderId = '';
  function add(s: string, d: number, _ints: Float64Array, key: string) {
    const t1 = key.indexOf('\t');
    const t2 = key.indexOf('\t', t1 + 1);
    if (n === 0 || t1 !== orderId.length || !key.startsWith(orderId)) {
      orderId = key.slice(0, t1);
      startOrder(s, d, t2 > t1 + 1 ? key.slice(t1 + 2, t2) : '');
    }
    addProduct(productIndex.get(key.slice(t2 + 1)));
  }

  // The COPY path (PostgreSQL): one text line scanned once in JavaScript, decoding only where needed — the order
  // id is compared as bytes, the product found by a hash of its bytes, and the store, day and customer are read
  // once per order (20.9 M lines, 10.5 M orders on the large demo; a native call per field costs more than this).
  const productBytes = [...productIndex.keys()].map((key) => Buffer.from(key, 'utf8'));
  const productByHash = new Map<number, number[]>();
  productBytes.forEach((bytes, k) => {
    const h = hashBytes(bytes, 0, bytes.length);
    productByHash.set(h, [...(productByHash.get(h) ?? []), k]);
  });
  let lastId = new Uint8Array(64);
  let lastIdLength = -1;
  function line(buf: Buffer, start: number, end: number) {
    let t1 = start;
    while (t1 < end && buf[t1] !== TAB) t1++;
    let t2 = t1 + 1;
    while (t2 < end && buf[t2] !== TAB) t2++;
    let t3 = t2 + 1;
    let same = 0; // 0 while the id's bytes so far match the last order's
    while (t3 < end && buf[t3] !== TAB) {
      if (same === 0 && (t3 - t2 - 1 >= lastIdLength || buf[t3] !== lastId[t3 - t2 - 1])) same = 1;
      t3++;
    }
    let t4 = t3 + 1;
    while (t4 < end && buf[t4] !== TAB) t4++;
    if (t4 >= end) throw new Error('baskets: malformed COPY row');
    const idLength = t3 - t2 - 1;
    if (same !== 0 || idLength !== lastIdLength) {
      if (idLength > lastId.length) lastId = new Uint8Array(idLength * 2);
      for (let i = 0; i < idLength; i++) lastId[i] = buf[t2 + 1 + i]!;
      lastIdLength = idLength;
      const storeRaw = buf.toString('utf8', start, t1);
      const customerKey = t4 > t3 + 1 ? buf.toString('utf8', t3 + 2, t4) : '';
      startOrder(
        storeRaw.includes('\\') ? unescapeCopy(storeRaw) : storeRaw,
        parseCopyInt(buf, t1 + 1, t2),
        customerKey,
      );
    }
    const from = t4 + 1;
    const length = end - from;
    for (const k of productByHash.get(hashBytes(buf, from, end)) ?? []) {
      const bytes = productBytes[k]!;
      if (bytes.length !== length) continue;
      let i = 0;
      while (i < length && bytes[i] === buf[from + i]) i++;
      if (i === length) return addProduct(k);
    }
    unknown = true;
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
      const to = lineStart[target[i]!]!;
      for (let j = 0, len = size[i]!; j < len; j++) placedProduct[to + j] = product[from++]!;
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

  return { add, line, finish };
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
