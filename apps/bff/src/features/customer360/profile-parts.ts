import type {
  Customer360Statistics,
  CustomerValue,
  FavoriteChannel,
  FavoriteProduct,
  FavoriteStore,
  RfmBreakdown,
  TimelineEvent,
  CustomerProfile,
} from '@portrait/shared/customer360';
import { TIMELINE_DEFAULT_LIMIT } from '@portrait/shared/customer360';
import { round2 } from '@portrait/shared/customer-value';
import type { Db } from '../../db/client';
import {
  eventCounts,
  favoriteChannels,
  favoriteProducts,
  favoriteStores,
  orderItems,
  recentOrders,
  recentReservations,
  type CustomerRow,
  type EventCounts,
  type ItemRow,
} from '../../db/queries/customer360';
import { customerFigures } from '../../db/queries/customer-summary';
import { timelinePage } from '../../db/queries/customer-timeline';
import type { StoreRow } from '../../db/queries/meta';
import type { StoreFilter } from '../../db/queries/scope-sql';
import type { Reference } from './reference';
import { decodeCursor, encodeCursor, toTimelineEvent } from './timeline-events';
import { valueFigures } from './value-figures';

const RECENT = 10;
const FAVORITE_PRODUCTS = 5;
const FAVORITE_STORES = 3;

/** Everything of a profile that does not depend on who asks (cached; masking and identity come after). */
export type ProfileParts = {
  asOf: string | null;
  customerValue: CustomerValue;
  rfm: RfmBreakdown;
  tags: string[];
  statistics: Customer360Statistics;
  favoriteProducts: FavoriteProduct[];
  favoriteStores: FavoriteStore[];
  favoriteChannels: FavoriteChannel[];
  timeline: TimelineEvent[];
  timelineNextCursor: string | null;
  recentOrders: CustomerProfile['recent_orders'];
  recentReservations: CustomerProfile['recent_reservations'];
  generatedAt: string;
};

export function storeNameOf(stores: readonly StoreRow[]) {
  const byId = new Map(stores.map((s) => [s.id, s.name]));
  return (id: string | null) => (id === null ? null : (byId.get(id) ?? null));
}

function statisticsOf(c: EventCounts): Customer360Statistics {
  return {
    total_orders: c.completedOrders,
    total_reservations: c.reservations,
    total_pos_transactions: c.posCompletedOrders,
    total_service_tickets: c.tickets,
    total_activities: c.orders + c.reservations + c.tickets + c.membership,
  };
}

/** Sequential on purpose: PGlite has one connection, and a profile is a dozen small indexed queries. */
export async function profileParts(
  db: Db,
  input: { customer: CustomerRow; stores: StoreFilter; reference: Reference; storeRows: readonly StoreRow[] },
): Promise<ProfileParts> {
  const { customer, stores, reference } = input;
  const id = customer.id;
  const storeName = storeNameOf(input.storeRows);
  const cityOf = new Map(input.storeRows.map((s) => [s.id, s.city]));

  const figures = await customerFigures(db, id, stores);
  const counts = await eventCounts(db, id, stores);
  const value = valueFigures({
    figures,
    reference,
    isMember: customer.member_id !== null,
    level: customer.member_level,
    activeReservations: counts.activeReservations,
  });
  const page = await timelinePage(db, id, stores, { limit: TIMELINE_DEFAULT_LIMIT, after: null });
  const orders = await recentOrders(db, id, stores, RECENT);
  const orderIds = new Set([
    ...page.rows.filter((r) => r.eventType === 'order').map((r) => r.sourceId),
    ...orders.map((o) => o.id),
  ]);
  const items = await orderItems(db, [...orderIds]);
  const reservations = await recentReservations(db, id, stores, RECENT);
  const products = await favoriteProducts(db, id, stores, FAVORITE_PRODUCTS);
  const favStores = await favoriteStores(db, id, stores, FAVORITE_STORES);
  const channels = await favoriteChannels(db, id, stores);
  const channelTotal = channels.reduce((sum, c) => sum + c.orders, 0);
  const itemsOf = (orderId: string) => (items.get(orderId) ?? []).map(itemJson);
  const lastOfPage = page.rows[page.rows.length - 1];

  return {
    asOf: reference.asOf,
    customerValue: value.customerValue,
    rfm: value.rfm,
    tags: value.tags,
    statistics: statisticsOf(counts),
    favoriteProducts: products.map((p) => ({
      product_id: p.productId,
      product_name: p.productName,
      category: p.category,
      quantity: p.quantity,
      orders: p.orders,
      revenue: round2(p.revenue),
    })),
    favoriteStores: favStores.map((s) => ({
      store_id: s.storeId,
      store_name: storeName(s.storeId),
      city: cityOf.get(s.storeId) ?? null,
      orders: s.orders,
      revenue: round2(s.revenue),
      last_order_day: s.lastDay,
    })),
    favoriteChannels: channels.map((c) => ({
      channel: c.channel,
      orders: c.orders,
      share: channelTotal > 0 ? c.orders / channelTotal : 0,
    })),
    timeline: page.rows.map((r) => toTimelineEvent(r, storeName, items)),
    timelineNextCursor: page.hasMore && lastOfPage ? encodeCursor(lastOfPage.key) : null,
    recentOrders: orders.map((o) => ({
      order_id: o.id,
      ordered_at: o.orderedAt,
      store_id: o.storeId,
      store_name: storeName(o.storeId),
      channel: o.channel,
      order_type: o.orderType,
      amount: o.amount,
      discount: o.discount,
      payment_method: o.paymentMethod,
      status: o.status,
      items: itemsOf(o.id),
    })),
    recentReservations: reservations.map((r) => ({
      reservation_id: r.id,
      reserved_for: r.reservedFor,
      store_id: r.storeId,
      store_name: storeName(r.storeId),
      party_size: r.partySize,
      status: r.status,
      created_at: r.createdAt,
    })),
    generatedAt: new Date().toISOString(),
  };
}

const itemJson = (i: ItemRow) => ({
  product_id: i.productId,
  product_name: i.productName,
  quantity: i.quantity,
  amount: i.amount,
});

/** One page of the timeline endpoint, with the total number of events and the next page's cursor. */
export async function timelineEvents(
  db: Db,
  q: {
    customerId: string;
    stores: StoreFilter;
    limit: number;
    cursor: string | null;
    storeName: (id: string | null) => string | null;
  },
): Promise<{ events: TimelineEvent[]; total: number; nextCursor: string | null }> {
  const after = q.cursor === null ? null : decodeCursor(q.cursor);
  const page = await timelinePage(db, q.customerId, q.stores, { limit: q.limit, after });
  const items = await orderItems(
    db,
    page.rows.filter((r) => r.eventType === 'order').map((r) => r.sourceId),
  );
  const counts = await eventCounts(db, q.customerId, q.stores);
  const last = page.rows[page.rows.length - 1];
  return {
    events: page.rows.map((r) => toTimelineEvent(r, q.storeName, items)),
    total: statisticsOf(counts).total_activities,
    nextCursor: page.hasMore && last ? encodeCursor(last.key) : null,
  };
}
