/**
 * Converts the UCI Online Retail transactions (../shared/data/online-retail, see its SOURCE.md) into the import
 * format, streaming the gzipped CSV:
 *  - each country becomes one store (`OR-<COUNTRY>`, city = the country, province = its region), since the
 *    retailer sells online only and the country is where its customers are;
 *  - StockCode → product (name = the last non-empty description, price = the most frequent positive price;
 *    postage, fees and manual adjustments are category `fees`, the rest `giftware`);
 *  - CustomerID → customer (id only); an invoice without one is a guest order;
 *  - InvoiceNo → order: UK local time with its real offset (+00:00 GMT, +01:00 BST), channel `online`, type
 *    `delivery`; amount = Σ quantity × price of its lines with quantity > 0, in pence then pounds (the amounts
 *    stay in GBP: the product shows them with ¥);
 *  - a cancellation invoice (C…) is a `cancelled` order whose lines carry |quantity|: it never counts, and the
 *    original sale stays (the data does not say which invoice a cancellation reverses);
 *  - every line becomes an order item as it is; lines with quantity ≤ 0 on a sale (stock write-offs) or a
 *    negative price (bad-debt adjustments) are rejected by the import, with their reason, as the format says.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { csvLine } from '../../demo/csv';
import { csvRecords } from '../csv-records';

export const DEFAULT_SOURCE = path.resolve(
  import.meta.dirname,
  '../../../../../../../shared/data/online-retail/online_retail.csv.gz',
);

const FEE_CODES = new Set([
  'POST',
  'DOT',
  'C2',
  'M',
  'BANK CHARGES',
  'AMAZONFEE',
  'CRUK',
  'S',
  'D',
  'B',
  'PADS',
]);

/** Regions used as the "province" of each country-store. */
const REGIONS: Record<string, string> = {
  'United Kingdom': 'British Isles',
  EIRE: 'British Isles',
  'Channel Islands': 'British Isles',
  Australia: 'Oceania',
  Japan: 'Asia',
  Singapore: 'Asia',
  'Hong Kong': 'Asia',
  'Saudi Arabia': 'Middle East',
  'United Arab Emirates': 'Middle East',
  Israel: 'Middle East',
  Bahrain: 'Middle East',
  Lebanon: 'Middle East',
  USA: 'Americas',
  Canada: 'Americas',
  Brazil: 'Americas',
  RSA: 'Africa',
  Unspecified: 'Unspecified',
  'European Community': 'Europe',
};

export const storeIdOf = (country: string) => `OR-${country.toUpperCase().replace(/[^A-Z0-9]+/g, '-')}`;

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** `2011-06-01 12:00:00` (London wall clock) → `2011-06-01T12:00:00+01:00`. */
export function londonToIso(local: string): string {
  const [d, t = '00:00:00'] = local.trim().split(/[ T]/);
  const asUtc = Date.parse(`${d}T${t}Z`);
  const parts = Object.fromEntries(LONDON.formatToParts(new Date(asUtc)).map((p) => [p.type, p.value]));
  const wall = Date.parse(
    `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}Z`,
  );
  // London is UTC+0 or UTC+1: the wall clock of `asUtc` is ahead of it by the offset in force then.
  const offsetMin = Math.round((wall - asUtc) / 60_000);
  const hh = String(Math.floor(offsetMin / 60)).padStart(2, '0');
  return `${d}T${t}+${hh}:${String(offsetMin % 60).padStart(2, '0')}`;
}

/** Price in thousandths of a pound (the data has at most 3 decimals). */
const milli = (price: string) => Math.round(Number(price) * 1000);
/** quantity × price in pence, rounded half up. */
const pence = (quantity: number, priceMilli: number) => Math.round((quantity * priceMilli) / 10);
const pounds = (p: number) =>
  `${p < 0 ? '-' : ''}${Math.floor(Math.abs(p) / 100)}.${String(Math.abs(p) % 100).padStart(2, '0')}`;

type Invoice = { customer: string; country: string; at: string; cancelled: boolean; amountPence: number };
type Product = { name: string; prices: Map<number, number> };

export type ConvertStats = {
  lines: number;
  invoices: number;
  customers: number;
  products: number;
  countries: number;
};

/** Writes stores, products, customers, orders and order_items CSVs for the source into `folder`. */
export async function convertOnlineRetail(source: string, folder: string): Promise<ConvertStats> {
  fs.mkdirSync(folder, { recursive: true });
  const items = fs.createWriteStream(path.join(folder, 'order_items.csv'));
  items.write(csvLine(['order_id', 'product_id', 'quantity', 'unit_price', 'amount']));
  const invoices = new Map<string, Invoice>();
  const products = new Map<string, Product>();
  const customers = new Set<string>();
  const countries = new Set<string>();
  let lines = 0;
  let batch = '';

  async function* text() {
    for await (const chunk of fs.createReadStream(source).pipe(createGunzip()))
      yield (chunk as Buffer).toString('utf8');
  }
  let header = true;
  for await (const record of csvRecords(text())) {
    if (header) {
      header = false;
      continue;
    }
    if (record.fields === undefined) throw new Error(`line ${record.line}: ${record.error}`);
    const [
      invoiceNo = '',
      stockCode = '',
      description = '',
      qty = '0',
      date = '',
      price = '0',
      customer = '',
      country = '',
    ] = record.fields;
    lines++;
    const quantity = Number(qty);
    const cancelled = invoiceNo.startsWith('C');
    const priceMilli = milli(price);
    const itemQuantity = cancelled ? Math.abs(quantity) : quantity;
    let invoice = invoices.get(invoiceNo);
    if (!invoice) {
      invoice = { customer, country, at: londonToIso(date), cancelled, amountPence: 0 };
      invoices.set(invoiceNo, invoice);
    }
    const amount = pence(itemQuantity, priceMilli);
    if (itemQuantity > 0) invoice.amountPence += amount;
    if (customer) customers.add(customer);
    countries.add(country);
    const product = products.get(stockCode) ?? { name: stockCode, prices: new Map<number, number>() };
    if (description.trim()) product.name = description.trim();
    if (priceMilli > 0) product.prices.set(priceMilli, (product.prices.get(priceMilli) ?? 0) + 1);
    products.set(stockCode, product);
    batch += csvLine([invoiceNo, stockCode, itemQuantity, price, pounds(amount)]);
    if (batch.length > 1 << 20) {
      if (!items.write(batch)) await once(items, 'drain');
      batch = '';
    }
  }
  items.end(batch);
  await once(items, 'finish');

  const write = (file: string, header: string[], rows: Iterable<(string | number | null)[]>) => {
    let out = csvLine(header);
    for (const r of rows) out += csvLine(r);
    fs.writeFileSync(path.join(folder, file), out);
  };
  write(
    'stores.csv',
    ['store_id', 'store_name', 'city', 'province'],
    [...countries].sort().map((c) => [storeIdOf(c), `Online Retail · ${c}`, c, REGIONS[c] ?? 'Europe']),
  );
  write(
    'products.csv',
    ['product_id', 'product_name', 'category', 'unit_price'],
    [...products.entries()].map(([code, p]) => {
      const common = [...p.prices.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
      return [
        code,
        p.name,
        FEE_CODES.has(code.toUpperCase()) ? 'fees' : 'giftware',
        common === undefined ? null : (common / 1000).toFixed(3),
      ];
    }),
  );
  write(
    'customers.csv',
    ['customer_id'],
    [...customers].sort().map((c) => [c]),
  );
  write(
    'orders.csv',
    ['order_id', 'customer_id', 'store_id', 'ordered_at', 'channel', 'order_type', 'amount', 'status'],
    [...invoices.entries()].map(([no, i]) => [
      no,
      i.customer || null,
      storeIdOf(i.country),
      i.at,
      'online',
      'delivery',
      pounds(i.amountPence),
      i.cancelled ? 'cancelled' : 'completed',
    ]),
  );
  return {
    lines,
    invoices: invoices.size,
    customers: customers.size,
    products: products.size,
    countries: countries.size,
  };
}
