/** How each generated row maps onto its database table (snake_case columns of `db/schema.ts`). */
import { type CsvValue, csvLine, yuan } from './csv';
import { formatInstant, localDay, localHour } from './time';
import type { DemoBatch, DemoRows, DemoTable } from './types';

type Mapping<T extends DemoTable> = { columns: readonly string[]; values: (row: DemoRows[T]) => CsvValue[] };

const money = (fen: number | null) => (fen === null ? null : yuan(fen));

export const DB_MAPPINGS: { [T in DemoTable]: Mapping<T> } = {
  cities: {
    columns: ['name', 'province', 'lat', 'lng', 'tier'],
    values: (r) => [r.name, r.province, r.lat, r.lng, r.tier],
  },
  stores: {
    columns: ['id', 'name', 'city', 'lat', 'lng', 'opened_on'],
    values: (r) => [r.id, r.name, r.city, r.lat, r.lng, r.openedOn],
  },
  products: {
    columns: ['id', 'name', 'category', 'unit_price'],
    values: (r) => [r.id, r.name, r.category, yuan(r.unitPriceFen)],
  },
  customers: {
    columns: [
      'id',
      'phone',
      'member_id',
      'email',
      'name',
      'gender',
      'birth_year',
      'registered_at',
      'member_level',
      'points',
      'balance',
    ],
    values: (r) => [
      r.id,
      r.phone,
      r.memberId,
      r.email,
      r.name,
      r.gender,
      r.birthYear,
      formatInstant(r.registeredAt),
      r.memberLevel,
      r.points,
      money(r.balanceFen),
    ],
  },
  orders: {
    columns: [
      'id',
      'customer_id',
      'store_id',
      'ordered_at',
      'day',
      'hour',
      'channel',
      'order_type',
      'amount',
      'discount',
      'payment_method',
      'status',
    ],
    values: (r) => [
      r.id,
      r.customerId,
      r.storeId,
      formatInstant(r.orderedAt),
      localDay(r.orderedAt),
      localHour(r.orderedAt),
      r.channel,
      r.orderType,
      yuan(r.amountFen),
      yuan(r.discountFen),
      r.paymentMethod,
      r.status,
    ],
  },
  order_items: {
    columns: ['order_id', 'line_no', 'product_id', 'quantity', 'unit_price', 'amount'],
    values: (r) => [r.orderId, r.lineNo, r.productId, r.quantity, yuan(r.unitPriceFen), yuan(r.amountFen)],
  },
  events: {
    columns: [
      'id',
      'customer_id',
      'session_id',
      'event_type',
      'occurred_at',
      'day',
      'store_id',
      'channel',
      'page',
      'duration_s',
    ],
    values: (r) => [
      r.id,
      r.customerId,
      r.sessionId,
      r.eventType,
      formatInstant(r.occurredAt),
      localDay(r.occurredAt),
      r.storeId,
      r.channel,
      r.page,
      r.durationS,
    ],
  },
  reservations: {
    columns: ['id', 'customer_id', 'store_id', 'reserved_for', 'party_size', 'status', 'created_at'],
    values: (r) => [
      r.id,
      r.customerId,
      r.storeId,
      formatInstant(r.reservedFor),
      r.partySize,
      r.status,
      formatInstant(r.createdAt),
    ],
  },
  service_tickets: {
    columns: [
      'id',
      'customer_id',
      'store_id',
      'created_at',
      'contact_type',
      'category',
      'resolution_minutes',
      'nps',
    ],
    values: (r) => [
      r.id,
      r.customerId,
      r.storeId,
      formatInstant(r.createdAt),
      r.contactType,
      r.category,
      r.resolutionMinutes,
      r.nps,
    ],
  },
};

/** The batch as CSV text without a header, in `DB_MAPPINGS[table].columns` order, ready for COPY. */
export function batchToDbCsv(batch: DemoBatch): string {
  const { values } = DB_MAPPINGS[batch.table] as Mapping<DemoTable>;
  let csv = '';
  for (const row of batch.rows) csv += csvLine(values(row));
  return csv;
}
