/**
 * The hourly and channel panels' figures (PRODUCT §4): orders and revenue from `store_day_mix`, distinct active
 * customers per hour / channel / order type from the period's per-customer pass (`customerFigures`, the masks of
 * `customer_store_days`), so they share the KPIs' and segments' one grouping by customer instead of reading
 * every order of the period.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { num, queryRows } from '../sql';
import { CHANNEL_KEYS, ORDER_TYPE_BIT0, ORDER_TYPE_KEYS } from './mix-masks';
import {
  customerFigures,
  sumOf,
  type CustomerFigures,
  type MixSource,
  type MixSums,
  type Period,
} from './portrait';
import { dayBetween, storeIn, type StoreFilter } from './scope-sql';

type CustomerPass = () => Promise<CustomerFigures>;

export type HourFigures = { hour: number; orders: number; revenue: number; customers: number };

/** `customerPass`: the period's per-customer figures when they are shared with the KPIs and segments. */
export async function hourlyFigures(
  db: Db,
  p: Period,
  stores: StoreFilter,
  customerPass: CustomerPass = () => customerFigures(db, p, stores),
  mix: MixSource = () => null,
): Promise<HourFigures[]> {
  const sums = mix();
  const [rows, { hourCustomers }] = await Promise.all([
    sums
      ? grouped(sums, (s) => s.hour).map(([hour, g]) => ({ hour, ...g }))
      : queryRows<{ hour: number; orders: string; revenue: string }>(
          db,
          sql`select hour, sum(orders) as orders, sum(revenue) as revenue
          from store_day_mix
          where ${dayBetween(sql`day`, p.from, p.to)} and ${storeIn(sql`store_id`, stores)}
          group by hour`,
        ),
    customerPass(),
  ]);
  return rows.map((r) => ({
    hour: Number(r.hour),
    orders: num(r.orders),
    revenue: num(r.revenue),
    customers: hourCustomers[Number(r.hour)] ?? 0,
  }));
}

export type MixFigures = { key: string; orders: number; revenue: number; customers: number };

/** Orders, revenue and distinct customers by channel and by order type (grouping sets over `store_day_mix`). */
export async function channelMix(
  db: Db,
  p: Period,
  stores: StoreFilter,
  customerPass: CustomerPass = () => customerFigures(db, p, stores),
  mix: MixSource = () => null,
): Promise<{ byChannel: MixFigures[]; byOrderType: MixFigures[] }> {
  const sums = mix();
  const [rows, { mixCustomers }] = await Promise.all([
    sums
      ? [
          ...grouped(sums, (s) => s.channel).map(([channel, g]) => ({
            channel,
            order_type: null,
            by_channel: 0,
            ...g,
          })),
          ...grouped(sums, (s) => s.orderType).map(([orderType, g]) => ({
            channel: null,
            order_type: orderType,
            by_channel: 1,
            ...g,
          })),
        ]
      : queryRows<{
          channel: string | null;
          order_type: string | null;
          by_channel: number;
          orders: string;
          revenue: string;
        }>(
          db,
          sql`select channel, order_type, grouping(channel) as by_channel, sum(orders) as orders, sum(revenue) as revenue
          from store_day_mix
          where ${dayBetween(sql`day`, p.from, p.to)} and ${storeIn(sql`store_id`, stores)}
          group by grouping sets ((channel), (order_type))`,
        ),
    customerPass(),
  ]);
  const sales = rows.map((r) => ({
    byChannel: Number(r.by_channel) === 0,
    key: (Number(r.by_channel) === 0 ? r.channel : r.order_type) ?? 'unknown',
    orders: num(r.orders),
    revenue: num(r.revenue),
  }));
  const bitOf = (byChannel: boolean, key: string): number | null => {
    const i = (byChannel ? CHANNEL_KEYS : ORDER_TYPE_KEYS).indexOf(key);
    return i < 0 ? null : byChannel ? i : ORDER_TYPE_BIT0 + i;
  };
  const others = sales.some((s) => bitOf(s.byChannel, s.key) === null)
    ? await otherKeyCustomers(db, p, stores)
    : new Map<string, number>();
  const toMix = (s: (typeof sales)[number]): MixFigures => {
    const bit = bitOf(s.byChannel, s.key);
    const customers = bit === null ? others.get(`${Number(s.byChannel)}:${s.key}`) : mixCustomers[bit];
    return { key: s.key, orders: s.orders, revenue: s.revenue, customers: customers ?? 0 };
  };
  const byOrders = (a: MixFigures, b: MixFigures) => b.orders - a.orders || a.key.localeCompare(b.key);
  return {
    byChannel: sales
      .filter((s) => s.byChannel)
      .map(toMix)
      .sort(byOrders),
    byOrderType: sales
      .filter((s) => !s.byChannel)
      .map(toMix)
      .sort(byOrders),
  };
}

/**
 * The mix sums grouped by `keyOf` as the SQL's rows: orders and revenue (cents ÷ 100 once, the same double as the
 * SQL's exact sum). Throws if a group leaves the exact integers (the per-key sums were checked; their groups are
 * far below 2^53 in practice).
 */
function grouped<K>(
  sums: MixSums,
  keyOf: (s: MixSums[number]) => K,
): [K, { orders: number; revenue: number }][] {
  const groups = new Map<K, MixSums>();
  for (const s of sums) {
    const k = keyOf(s);
    const g = groups.get(k);
    if (g) g.push(s);
    else groups.set(k, [s]);
  }
  return [...groups].map(([k, g]) => {
    const orders = sumOf(g, (s) => s.orders);
    const cents = sumOf(g, (s) => s.cents);
    if (orders === null || cents === null) throw new Error('mix sums beyond exact integers');
    return [k, { orders, revenue: cents / 100 }];
  });
}

const inKeys = (column: SQL, keys: readonly string[]) =>
  sql`${column} in (${sql.join(
    keys.map((k) => sql`${k}`),
    sql`, `,
  )})`;

/**
 * Distinct customers of the channels and order types outside the masks' known keys (they share one "other"
 * bit), keyed `1:<channel>` / `0:<order type>`, from the period's orders with such a key: distinct (key,
 * customer) pairs grouped (hashed) rather than counted with count(distinct).
 */
async function otherKeyCustomers(db: Db, p: Period, stores: StoreFilter): Promise<Map<string, number>> {
  const orderType = sql`coalesce(order_type, 'unknown')`;
  const pairs = (key: SQL, known: readonly string[]) =>
    sql`select ${key} as key, customer_id from orders
        where status = 'completed' and customer_id is not null and not ${inKeys(key, known)}
          and ${dayBetween(sql`day`, p.from, p.to)} and ${storeIn(sql`store_id`, stores)}
        group by 1, 2`;
  const rows = await queryRows<{ by_channel: number; key: string; customers: string }>(
    db,
    sql`select 1 as by_channel, key, count(*) as customers from (${pairs(sql`channel`, CHANNEL_KEYS)}) c group by key
        union all
        select 0, key, count(*) from (${pairs(orderType, ORDER_TYPE_KEYS)}) t group by key`,
  );
  return new Map(rows.map((r) => [`${Number(r.by_channel)}:${r.key}`, num(r.customers)]));
}
