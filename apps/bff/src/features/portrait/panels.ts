import type { Channels, HourRow, SegmentRow, TopProductRow, TopProductsBy } from '@portrait/shared/portrait';
import { SEGMENT_KEYS, segmentOf } from '@portrait/shared/segments';
import type { Db } from '../../db/client';
import {
  customerFigures,
  topProducts,
  type CustomerFigures,
  type MixSource,
  type Period,
  type TopProductsSource,
} from '../../db/queries/portrait';
import { channelMix, hourlyFigures } from '../../db/queries/portrait-mix';
import type { StoreFilter } from '../../db/queries/scope-sql';
import { round2 } from './kpis';

/** `customerPass`: the period's per-customer figures, shared by the KPIs, segments, hourly and channel panels. */
export async function segmentRows(
  db: Db,
  period: Period,
  stores: StoreFilter,
  customerPass: () => Promise<CustomerFigures> = () => customerFigures(db, period, stores),
): Promise<SegmentRow[]> {
  const { cells } = await customerPass();
  const rows = new Map(SEGMENT_KEYS.map((key) => [key, { key, count: 0, revenue: 0 }]));
  for (const cell of cells) {
    const row = rows.get(segmentOf(cell));
    if (!row) continue;
    row.count += cell.count;
    row.revenue += cell.revenue;
  }
  return [...rows.values()].map((r) => ({ ...r, revenue: round2(r.revenue) }));
}

/** 24 rows, hours without orders filled with zeros. */
export async function hourlyRows(
  db: Db,
  period: Period,
  stores: StoreFilter,
  customerPass: () => Promise<CustomerFigures> = () => customerFigures(db, period, stores),
  mix?: MixSource,
): Promise<HourRow[]> {
  const figures = new Map(
    (await hourlyFigures(db, period, stores, customerPass, mix)).map((f) => [f.hour, f]),
  );
  return Array.from({ length: 24 }, (_, hour) => {
    const f = figures.get(hour);
    return { hour, orders: f?.orders ?? 0, revenue: round2(f?.revenue ?? 0), customers: f?.customers ?? 0 };
  });
}

export async function topProductRows(
  db: Db,
  period: Period,
  stores: StoreFilter,
  by: TopProductsBy,
  products?: TopProductsSource,
): Promise<TopProductRow[]> {
  const { rows, totalQuantity, totalRevenue } = await topProducts(db, period, stores, by, 10, products);
  return rows.map((r) => ({
    ...r,
    revenue: round2(r.revenue),
    share:
      by === 'quantity'
        ? totalQuantity > 0
          ? r.quantity / totalQuantity
          : 0
        : totalRevenue > 0
          ? r.revenue / totalRevenue
          : 0,
  }));
}

export async function channelRows(
  db: Db,
  period: Period,
  stores: StoreFilter,
  customerPass: () => Promise<CustomerFigures> = () => customerFigures(db, period, stores),
  mixSums?: MixSource,
): Promise<Channels> {
  const mix = await channelMix(db, period, stores, customerPass, mixSums);
  const rounded = (rows: typeof mix.byChannel) => rows.map((r) => ({ ...r, revenue: round2(r.revenue) }));
  return { byChannel: rounded(mix.byChannel), byOrderType: rounded(mix.byOrderType) };
}
