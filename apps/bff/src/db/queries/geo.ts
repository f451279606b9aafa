/** Figures per province and city (the geographic heatmap) over the derived tables. */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { num, numOrNull, queryRows } from '../sql';
import type { Period } from './portrait';
import { dayBetween, storeIn, type StoreFilter } from './scope-sql';

/** A store of the scope with the area it counts in (`province` already normalised by the caller). */
export type StoreArea = { storeId: string; city: string; province: string };

export type AreaCustomers = {
  level: 'province' | 'city';
  province: string;
  city: string | null;
  /** Distinct active customers of the area's stores. */
  customers: number;
  /** Σ over them of their paid amount in the area's stores up to `to` (the area's LTV numerator). */
  lifetimeRevenue: number;
};

/**
 * Active customers and their lifetime revenue per city and per province. A province is not the sum of its
 * cities: one customer active in two of its cities counts once, with their spending in both. Areas travel as
 * small integers (grouping on them is much cheaper than on text) and are named again here.
 */
export async function areaCustomers(
  db: Db,
  p: Period,
  areas: readonly StoreArea[],
): Promise<AreaCustomers[]> {
  if (areas.length === 0) return [];
  const cities = [...new Set(areas.map((a) => a.city))];
  const provinces = [...new Set(areas.map((a) => a.province))];
  const cityNo = new Map(cities.map((c, i) => [c, i]));
  const provinceNo = new Map(provinces.map((c, i) => [c, i]));
  const values = sql.join(
    areas.map(
      (a) => sql`(${a.storeId}::text, ${cityNo.get(a.city)}::int, ${provinceNo.get(a.province)}::int)`,
    ),
    sql`, `,
  );
  const rows = await queryRows<{
    level: 'province' | 'city';
    area: number;
    customers: string;
    lifetime: string;
  }>(
    db,
    sql`with area (store_id, city, province) as (values ${values}),
        per_store as (
          select d.store_id, d.customer_id, sum(d.revenue) as lifetime,
                 bool_or(d.day >= ${p.from}::date) as active
          from customer_store_days d
          where d.day <= ${p.to}::date and d.store_id in (select store_id from area)
            and d.customer_id in (
              select customer_id from customer_store_days
              where ${dayBetween(sql`day`, p.from, p.to)} and store_id in (select store_id from area))
          group by d.store_id, d.customer_id
        ),
        per_city as (
          select a.province, a.city, s.customer_id, sum(s.lifetime) as lifetime, bool_or(s.active) as active
          from per_store s join area a on a.store_id = s.store_id
          group by a.province, a.city, s.customer_id
        ),
        per_province as (
          select province, customer_id, sum(lifetime) as lifetime, bool_or(active) as active
          from per_city group by province, customer_id
        )
        select 'city' as level, city as area, count(*) as customers, sum(lifetime) as lifetime
        from per_city where active group by city
        union all
        select 'province' as level, province as area, count(*) as customers, sum(lifetime) as lifetime
        from per_province where active group by province`,
  );
  return rows.map((r) => {
    const area = Number(r.area);
    const city = r.level === 'city' ? (cities[area] ?? null) : null;
    const province =
      r.level === 'province' ? (provinces[area] ?? '') : (areas.find((a) => a.city === city)?.province ?? '');
    return { level: r.level, province, city, customers: num(r.customers), lifetimeRevenue: num(r.lifetime) };
  });
}

/** Completed orders and revenue per store of the scope (guests included); stores without orders are absent. */
export async function storeSales(
  db: Db,
  p: Period,
  stores: StoreFilter,
): Promise<{ storeId: string; orders: number; revenue: number }[]> {
  const rows = await queryRows<{ store_id: string; orders: string; revenue: string }>(
    db,
    sql`select store_id, sum(orders) as orders, sum(revenue) as revenue
        from store_day_mix
        where ${dayBetween(sql`day`, p.from, p.to)} and ${storeIn(sql`store_id`, stores)}
        group by store_id`,
  );
  return rows.map((r) => ({ storeId: r.store_id, orders: num(r.orders), revenue: num(r.revenue) }));
}

/** Each city's coordinates, falling back to the mean of its stores' when the city has none. */
export async function cityPoints(
  db: Db,
  cities: readonly string[],
): Promise<Map<string, { lat: number | null; lng: number | null }>> {
  if (cities.length === 0) return new Map();
  const rows = await queryRows<{ name: string; lat: number | null; lng: number | null }>(
    db,
    sql`select c.name, coalesce(c.lat, avg(s.lat)) as lat, coalesce(c.lng, avg(s.lng)) as lng
        from cities c left join stores s on s.city = c.name
        where c.name in (${sql.join(
          cities.map((c) => sql`${c}`),
          sql`, `,
        )})
        group by c.name, c.lat, c.lng`,
  );
  return new Map(rows.map((r) => [r.name, { lat: numOrNull(r.lat), lng: numOrNull(r.lng) }]));
}
