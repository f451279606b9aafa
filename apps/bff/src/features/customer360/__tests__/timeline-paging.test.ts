/**
 * The timeline: newest first, every kind of event, `limit` (default 50, at most 200) and a cursor that pages back
 * without repeating or skipping an event, even when many events share one instant.
 */
import {
  customerProfileSchema,
  timelinePageSchema,
  type CustomerProfile,
  type TimelineEvent,
  type TimelinePage,
} from '@portrait/shared/customer360';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { loadDemo } from '../../demo/load-demo';
import { loadCustomerChain, type CustomerChain } from '../../../__tests__/helpers/customer-fixture';
import { localToInstant } from '../../../__tests__/helpers/fixture-chain';
import {
  getData,
  getJson,
  startTestServer,
  type Client,
  type TestServer,
} from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';

const TIMELINE = '/api/v1/customer360/timeline';
const NOON = '2025-05-05 12:00';

/** c7: orders, bookings, a ticket and the registration, nine of them at the same instant. */
const TIED: CustomerChain = {
  cities: [{ name: '上海', province: '上海市' }],
  stores: [{ id: 'S1', name: '上海人民广场店', city: '上海' }],
  products: [{ id: 'P1', name: '经典热狗', category: '热狗' }],
  orders: [
    ...['o7a', 'o7b', 'o7c', 'o7d', 'o7e'].map((id) => ({
      id,
      customerId: 'c7',
      storeId: 'S1',
      at: NOON,
      amount: 10,
    })),
    ...['2025-05-01 08:00', '2025-05-06 09:30', '2025-06-01 12:00', '2025-04-01 12:00'].map((at, i) => ({
      id: `o7${i}`,
      customerId: 'c7',
      storeId: 'S1',
      at,
      amount: 20,
      status: i === 1 ? ('cancelled' as const) : ('completed' as const),
    })),
  ],
  customers: [{ id: 'c7', phone: '13700000007', registeredAt: NOON }],
  reservations: [
    { id: 'r7a', customerId: 'c7', storeId: 'S1', at: NOON, partySize: 4, status: 'completed' },
    { id: 'r7b', customerId: 'c7', storeId: 'S1', at: NOON, partySize: 2, status: 'completed' },
    { id: 'r7c', customerId: 'c7', storeId: 'S1', at: '2025-05-20 18:00', partySize: 6, status: 'confirmed' },
  ],
  tickets: [
    {
      id: 't7a',
      customerId: 'c7',
      storeId: 'S1',
      at: NOON,
      contactType: '电话',
      category: '投诉',
      resolutionMinutes: 5,
      nps: 2,
    },
  ],
};

type Key = { ms: number; type: string; id: string };
/** Newest first; ties by event type, then id, both in code-point order (the "C" collation). */
const newestFirst = (a: Key, b: Key) =>
  b.ms - a.ms || (a.type < b.type ? 1 : a.type > b.type ? -1 : 0) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

async function allPages(client: Client, who: string, limit: number): Promise<{ pages: TimelinePage[] }> {
  const pages: TimelinePage[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `${who}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const page = timelinePageSchema.parse(await getData<TimelinePage>(client, `${TIMELINE}?${query}`));
    expect(page.timeline.length).toBeLessThanOrEqual(limit);
    pages.push(page);
    cursor = page.next_cursor;
    if (pages.length > 1000) throw new Error('the cursor never ends');
  } while (cursor);
  return { pages };
}

const ids = (events: TimelineEvent[]) => events.map((e) => e.event_id);

describe.each(databaseKinds())('Timeline order and paging (%s)', (kind) => {
  describe('with ties in time', () => {
    let server: TestServer;
    let dispose: () => Promise<void>;
    const who = 'customer_identifier=c7&identifier_type=customer_id';

    const expected = [
      ...TIED.orders.map((o) => ({ ms: localToInstant(o.at).getTime(), type: 'order', id: o.id })),
      ...(TIED.reservations ?? []).map((r) => ({
        ms: localToInstant(r.at).getTime(),
        type: 'reservation',
        id: r.id,
      })),
      ...(TIED.tickets ?? []).map((t) => ({
        ms: localToInstant(t.at).getTime(),
        type: 'service_ticket',
        id: t.id,
      })),
      { ms: localToInstant(NOON).getTime(), type: 'membership', id: 'c7' },
    ]
      .sort(newestFirst)
      .map((k) => `${k.type}:${k.id}`);

    beforeAll(async () => {
      const database = await openTestDatabase(kind);
      dispose = database.dispose;
      await loadCustomerChain(database, TIED);
      server = await startTestServer(database);
    });
    afterAll(async () => {
      await server?.stop();
      await dispose?.();
    });

    it('When the whole timeline fits one page, Then it is newest first with ties by type then id', async () => {
      const page = await getData<TimelinePage>(server.api, `${TIMELINE}?${who}`);
      expect(ids(page.timeline)).toEqual(expected);
      // 1 June, 20 May, 6 May, then the nine at noon on 5 May, then 1 May and 1 April.
      expect(expected.slice(0, 3)).toEqual(['order:o72', 'reservation:r7c', 'order:o71']);
      expect(expected.slice(3, 12)).toEqual([
        'service_ticket:t7a',
        'reservation:r7b',
        'reservation:r7a',
        'order:o7e',
        'order:o7d',
        'order:o7c',
        'order:o7b',
        'order:o7a',
        'membership:c7',
      ]);
      expect(page.total_events).toBe(expected.length);
      expect(page.next_cursor).toBeNull();
      // The cancelled order is on the timeline, with its status.
      expect(page.timeline.find((e) => e.event_id === 'order:o71')?.status).toBe('cancelled');
    });

    it.each([1, 2, 3, 4, 7])(
      'When paged %i at a time, Then the pages join into the same list, no repeats or gaps',
      async (limit) => {
        const { pages } = await allPages(server.api, who, limit);
        const joined = pages.flatMap((p) => ids(p.timeline));
        expect(joined).toEqual(expected);
        expect(pages.at(-1)?.next_cursor).toBeNull();
        expect(pages.every((p) => p.total_events === expected.length)).toBe(true);
        expect(pages.length).toBe(Math.ceil(expected.length / limit));
      },
    );

    it('When the same cursor is used twice, Then it gives the same page', async () => {
      const first = await getData<TimelinePage>(server.api, `${TIMELINE}?${who}&limit=3`);
      const a = await getData<TimelinePage>(
        server.api,
        `${TIMELINE}?${who}&limit=3&cursor=${first.next_cursor}`,
      );
      const b = await getData<TimelinePage>(
        server.api,
        `${TIMELINE}?${who}&limit=3&cursor=${first.next_cursor}`,
      );
      expect(ids(a.timeline)).toEqual(ids(b.timeline));
      expect(ids(a.timeline)).toEqual(expected.slice(3, 6));
    });

    it.each([
      ['limit=0', /limit must be from 1 to 200/],
      ['limit=201', /limit must be at most 200/],
      ['limit=2.5', /limit must be a whole number/],
      ['limit=many', /limit must be a number/],
      ['cursor=not-a-cursor', /cursor is not valid/],
      [`cursor=${Buffer.from('[1,"1","order"]').toString('base64url')}`, /cursor is not valid/],
      [`cursor=${Buffer.from('[1,"x","order","o7a"]').toString('base64url')}`, /cursor is not valid/],
    ])('When the request has %s, Then 400 says what is wrong', async (extra, message) => {
      const res = await getJson(server.api, `${TIMELINE}?${who}&${extra}`);
      expect(res.status).toBe(400);
      expect(res.body.error?.message).toMatch(message);
    });
  });

  describe('on the small demo chain', () => {
    let server: TestServer;
    let database: Database & { dispose: () => Promise<void> };
    let busiest: string;
    let expected: string[];

    beforeAll(async () => {
      database = await openTestDatabase(kind);
      await loadDemo(database, { size: 'small', seed: 11, endDate: '2025-06-30' });
      server = await startTestServer(database);
      const top = await queryRows<{ customer_id: string }>(
        database.db,
        sql`select customer_id from orders where customer_id is not null
            group by customer_id order by count(*) desc, customer_id limit 1`,
      );
      busiest = top[0]?.customer_id ?? '';
      // Independently: every source row of this customer, sorted here.
      const ms = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::bigint::text`);
      const rows = await queryRows<{ type: string; id: string; ms: string }>(
        database.db,
        sql`select 'order' as type, id, ${ms('ordered_at')} as ms from orders where customer_id = ${busiest}
            union all select 'reservation', id, ${ms('reserved_for')} from reservations where customer_id = ${busiest}
            union all select 'service_ticket', id, ${ms('created_at')} from service_tickets
                      where customer_id = ${busiest}
            union all select 'membership', id, ${ms('registered_at')} from customers
                      where id = ${busiest} and registered_at is not null`,
      );
      expected = rows
        .map((r) => ({ ms: Number(r.ms), type: r.type, id: r.id }))
        .sort(newestFirst)
        .map((k) => `${k.type}:${k.id}`);
      expect(expected.length).toBeGreaterThan(120);
    });
    afterAll(async () => {
      await server?.stop();
      await database?.dispose();
    });

    it('When no limit is given, Then 50 events come, newest first, the same as the profile’s first page', async () => {
      const who = `customer_identifier=${busiest}&identifier_type=customer_id`;
      const page = await getData<TimelinePage>(server.api, `${TIMELINE}?${who}`);
      expect(ids(page.timeline)).toEqual(expected.slice(0, 50));
      const times = page.timeline.map((e) => Date.parse(e.event_time));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const profile = customerProfileSchema.parse(
        await getData<CustomerProfile>(server.api, `/api/v1/customer360/profile?${who}`),
      );
      expect(ids(profile.timeline)).toEqual(ids(page.timeline));
      const next = await getData<TimelinePage>(
        server.api,
        `${TIMELINE}?${who}&cursor=${profile.timeline_next_cursor}`,
      );
      expect(ids(next.timeline)).toEqual(expected.slice(50, 100));
    });

    it('When paged by 200 or by 37, Then both give every event exactly once in the same order', async () => {
      const who = `customer_identifier=${busiest}&identifier_type=customer_id`;
      const big = (await allPages(server.api, who, 200)).pages.flatMap((p) => ids(p.timeline));
      const small = (await allPages(server.api, who, 37)).pages.flatMap((p) => ids(p.timeline));
      expect(big).toEqual(expected);
      expect(small).toEqual(expected);
      expect(new Set(small).size).toBe(small.length);
    });

    it('When an order is on the timeline, Then it carries channel, type, amount and its items', async () => {
      const who = `customer_identifier=${busiest}&identifier_type=customer_id`;
      const page = await getData<TimelinePage>(server.api, `${TIMELINE}?${who}&limit=200`);
      const order = page.timeline.find((e) => e.event_type === 'order');
      if (order?.event_type !== 'order') throw new Error('no order');
      const items = await queryRows<{ n: string; amount: string }>(
        database.db,
        sql`select count(*) as n, sum(amount) as amount from order_items where order_id = ${order.data.order_id}`,
      );
      expect(order.data.items).toHaveLength(Number(items[0]?.n));
      expect(order.data.items.reduce((s, i) => s + i.amount, 0)).toBeCloseTo(Number(items[0]?.amount), 2);
      expect(['pos', 'mini_program', 'meituan', 'eleme']).toContain(order.data.channel);
      expect(order.description).toMatch(/¥\d+\.\d\d/);
    });
  });
});
