/**
 * One customer's timeline: orders (every status), reservations, service tickets and the registration, newest
 * first, in keyset pages. The order is total — time, then event type, then source id, compared in the "C"
 * collation — so a cursor names exactly one position and pages neither repeat nor skip an event.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { num, numOrNull, queryRows } from '../sql';
import { localIso } from './customer360';
import { storeIn, type StoreFilter } from './scope-sql';

export type TimelineKey = { us: string; type: string; id: string };

export type TimelineRow = {
  key: TimelineKey;
  eventType: 'order' | 'reservation' | 'service_ticket' | 'membership';
  sourceId: string;
  eventTime: string;
  storeId: string | null;
  status: string | null;
  /** order: channel, order type, payment · ticket: contact type, category · membership: member id, level */
  text1: string | null;
  text2: string | null;
  text3: string | null;
  /** order: amount, discount */
  amount: number | null;
  discount: number | null;
  /** reservation: party size · ticket: resolution minutes, NPS */
  int1: number | null;
  int2: number | null;
  /** reservation: when it was made */
  createdAt: string | null;
};

function events(customerId: string, stores: StoreFilter): SQL {
  return sql`
    select 'order'::text as event_type, o.id as source_id, o.ordered_at as at, o.store_id, o.status,
           o.channel as text1, o.order_type as text2, o.payment_method as text3,
           o.amount, o.discount, null::int as int1, null::int as int2, null::timestamptz as created_at
    from orders o where o.customer_id = ${customerId} and ${storeIn(sql`o.store_id`, stores)}
    union all
    select 'reservation', r.id, r.reserved_for, r.store_id, r.status, null, null, null,
           null, null, r.party_size, null, r.created_at
    from reservations r where r.customer_id = ${customerId} and ${storeIn(sql`r.store_id`, stores)}
    union all
    select 'service_ticket', t.id, t.created_at, t.store_id, null, t.contact_type, t.category, null,
           null, null, t.resolution_minutes, t.nps, null
    from service_tickets t where t.customer_id = ${customerId} and ${storeIn(sql`t.store_id`, stores)}
    union all
    select 'membership', c.id, c.registered_at, null, null, c.member_id, c.member_level, null,
           null, null, null, null, null
    from customers c where c.id = ${customerId} and c.registered_at is not null`;
}

/** `limit` events after `after` (exclusive), newest first; one more is read to know whether a next page exists. */
export async function timelinePage(
  db: Db,
  customerId: string,
  stores: StoreFilter,
  page: { limit: number; after: TimelineKey | null },
): Promise<{ rows: TimelineRow[]; hasMore: boolean }> {
  const after = page.after
    ? sql`(us, event_type collate "C", source_id collate "C")
            < (${page.after.us}::bigint, ${page.after.type}::text collate "C", ${page.after.id}::text collate "C")`
    : sql`true`;
  const rows = await queryRows<Record<string, string | number | null>>(
    db,
    sql`with ev as (${events(customerId, stores)}),
        keyed as (select ev.*, (extract(epoch from at) * 1000000)::bigint as us from ev)
        select us::text as us, event_type, source_id, ${localIso(sql`at`)} as event_time, store_id, status,
               text1, text2, text3, amount, discount, int1, int2, ${localIso(sql`created_at`)} as created_at
        from keyed
        where ${after}
        order by us desc, event_type collate "C" desc, source_id collate "C" desc
        limit ${page.limit + 1}`,
  );
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const mapped = rows.slice(0, page.limit).map((r): TimelineRow => ({
    key: { us: String(r.us), type: String(r.event_type), id: String(r.source_id) },
    eventType: r.event_type as TimelineRow['eventType'],
    sourceId: String(r.source_id),
    eventTime: String(r.event_time),
    storeId: text(r.store_id),
    status: text(r.status),
    text1: text(r.text1),
    text2: text(r.text2),
    text3: text(r.text3),
    amount: r.amount === null ? null : num(r.amount),
    discount: r.discount === null ? null : num(r.discount),
    int1: numOrNull(r.int1),
    int2: numOrNull(r.int2),
    createdAt: text(r.created_at),
  }));
  return { rows: mapped, hasMore: rows.length > page.limit };
}
