/**
 * Customer 360 value, scores, tier, tags, statistics and favourites of crafted customers, against figures worked
 * out by hand (chain-360.ts). The data's last day is 2025-06-30.
 *
 * Whole chain, five customers with orders (c6 has none):
 *        F   M     last day    R (days)
 *   c1   5   200   2025-06-28  2        (o15 refunded: not counted)
 *   c2   1    20   2025-06-30  0
 *   c3   3    90   2025-04-01  90
 *   c4   8   400   2025-06-29  1
 *   c5   2   300   2025-01-10  171
 * c1: F beats 1, 3, 2 → (3 + ½) / 5 = 70 · M beats 20, 90 → 50 · R beats 90, 171 → 50
 *     RFM = 0.35 × 50 + 0.4 × 70 + 0.25 × 50 = 58.0 → 中价值.
 */
import {
  customerProfileSchema,
  customerValueResponseSchema,
  type CustomerProfile,
  type CustomerValueResponse,
} from '@portrait/shared/customer360';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCustomerChain } from '../../../__tests__/helpers/customer-fixture';
import {
  getData,
  getJson,
  startTestServer,
  type Client,
  type TestServer,
} from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { C1_PHONE, CHAIN_360 } from './chain-360';

const PROFILE = '/api/v1/customer360/profile';
const VALUE = '/api/v1/customer360/value';
const byId = (id: string, extra = '') => `customer_identifier=${id}&identifier_type=customer_id${extra}`;

describe.each(databaseKinds())('Customer 360 figures of a hand-checked chain (%s)', (kind) => {
  let server: TestServer;
  let dispose: () => Promise<void>;
  let admin: Client;
  let manager: Client;

  const profile = async (client: Client, query: string) =>
    customerProfileSchema.parse(await getData<CustomerProfile>(client, `${PROFILE}?${query}`));

  beforeAll(async () => {
    const database = await openTestDatabase(kind);
    dispose = database.dispose;
    await loadCustomerChain(database, CHAIN_360);
    server = await startTestServer(database);
    admin = await server.as('admin');
    manager = await server.as('manager');
    expect(server.managerStores).toEqual(['S1', 'S2']);
  });
  afterAll(async () => {
    await server?.stop();
    await dispose?.();
  });

  it('When an analyst types c1’s phone with spaces, Then value, score and tier are the hand-worked ones', async () => {
    const p = await profile(server.api, `customer_identifier=${encodeURIComponent('138 0013 8000')}`);
    expect(p.customer_id).toBe('c1');
    expect(p.as_of).toBe('2025-06-30');
    expect(p.customer_value).toEqual({
      total_spent: 200,
      total_orders: 5,
      avg_order_value: 40,
      customer_lifetime_days: 179, // 2025-01-02 → 2025-06-30
      order_frequency_per_month: 0.84, // 5 × 30 / 179
      rfm_score: 58,
      customer_tier: '中价值',
      customer_tier_key: 'medium',
      first_order_day: '2025-01-02',
      last_order_day: '2025-06-28',
      recency_days: 2,
      activity: 'active',
    });
    expect(p.rfm.population).toBe(5);
    // (200 + 20 + 90 + 400 + 300) / 19 orders
    expect(p.rfm.population_avg_order_value).toBe(53.16);
    expect([p.rfm.r.score, p.rfm.f.score, p.rfm.m.score]).toEqual([50, 70, 50]);
    expect([p.rfm.r.value, p.rfm.f.value, p.rfm.m.value]).toEqual([2, 5, 200]);
    // R buckets 0–7 | 8–14 | 15–30 | 31–60 | 61–90 | 91–180 | …: 0, 1, 2 | | | | 90 | 171
    expect(p.rfm.r.histogram).toEqual([3, 0, 0, 0, 1, 1, 0, 0]);
    // F buckets 1 | 2 | 3–5 | 6–10 | …: 1 | 2 | 3, 5 | 8
    expect(p.rfm.f.histogram).toEqual([1, 1, 2, 1, 0, 0, 0, 0]);
    // M buckets <50 | 50–100 | 100–200 | 200–500 | …: 20 | 90 | | 200, 300, 400
    expect(p.rfm.m.histogram).toEqual([1, 1, 0, 3, 0, 0, 0, 0]);
    expect([p.rfm.r.bucket, p.rfm.f.bucket, p.rfm.m.bucket]).toEqual([0, 2, 3]);
  });

  it('When c1 is profiled, Then the tags are member, level, tier, 预订常客 (3 not cancelled) and active', async () => {
    const p = await profile(server.api, byId('c1'));
    // ¥40 a ticket is under 1.5 × 53.16, and 0.84 orders a month is no habit.
    expect(p.customer_tags).toEqual(['会员', '会员等级:金卡', '中价值', '预订常客', '活跃用户']);
    expect(p.statistics).toEqual({
      total_orders: 5,
      total_reservations: 4,
      total_pos_transactions: 2, // o11, o14 (o15 refunded)
      total_service_tickets: 2,
      total_activities: 13, // 6 orders + 4 reservations + 2 tickets + registration
    });
  });

  it('When c1 is profiled, Then favourites rank products by quantity (revenue breaks ties) and stores by orders', async () => {
    const p = await profile(server.api, byId('c1'));
    expect(p.favorite_products).toEqual([
      { product_id: 'P1', product_name: '经典热狗', category: '热狗', quantity: 7, orders: 4, revenue: 84 },
      { product_id: 'P2', product_name: '可乐', category: '饮品', quantity: 7, orders: 4, revenue: 56 },
      { product_id: 'P3', product_name: '超值套餐', category: '套餐', quantity: 2, orders: 2, revenue: 60 },
    ]);
    expect(p.favorite_stores.map((s) => [s.store_id, s.orders, s.revenue, s.last_order_day])).toEqual([
      ['S1', 3, 130, '2025-06-25'],
      ['S3', 1, 20, '2025-06-28'], // one order each: the later one first
      ['S2', 1, 50, '2025-06-01'],
    ]);
    expect(p.favorite_channels).toEqual([
      { channel: 'pos', orders: 2, share: 0.4 },
      { channel: 'eleme', orders: 1, share: 0.2 },
      { channel: 'meituan', orders: 1, share: 0.2 },
      { channel: 'mini_program', orders: 1, share: 0.2 },
    ]);
    expect(p.recent_orders.map((o) => o.order_id)).toEqual(['o16', 'o15', 'o14', 'o13', 'o12', 'o11']);
    expect(p.recent_orders[0]?.items).toEqual([
      { product_id: 'P1', product_name: '经典热狗', quantity: 1, amount: 12 },
      { product_id: 'P2', product_name: '可乐', quantity: 1, amount: 8 },
    ]);
    expect(p.recent_reservations.map((r) => [r.reservation_id, r.party_size, r.status])).toEqual([
      ['r4', 8, 'confirmed'],
      ['r3', 2, 'cancelled'],
      ['r2', 6, 'completed'],
      ['r1', 4, 'completed'],
    ]);
  });

  it('When c4 buys eight times in 60 days, Then VIP and 高频消费; when c5 stopped in January, Then churn risk', async () => {
    // c4: F beats 4 → 90 · M beats 4 → 90 · R = 1 beats 2, 90, 171 → 70 → 24.5 + 36 + 22.5 = 83.
    const c4 = await profile(server.api, byId('c4'));
    expect(c4.customer_value.rfm_score).toBe(83);
    expect(c4.customer_value.order_frequency_per_month).toBe(4); // 8 × 30 / 60
    expect(c4.customer_tags).toEqual(['VIP', '高频消费', '活跃用户']);
    // c5: F 2 beats 1 → 30 · M 300 beats 3 → 70 · R 171 beats none → 10 → 3.5 + 12 + 17.5 = 33.
    const c5 = await profile(server.api, byId('c5'));
    expect(c5.customer_value.rfm_score).toBe(33);
    expect(c5.customer_value.customer_tier).toBe('流失风险');
    // ¥150 a ticket ≥ 1.5 × 53.16 over two orders.
    expect(c5.customer_tags).toEqual(['会员', '会员等级:普通会员', '流失风险', '高客单价', '流失用户']);
  });

  it('When a registered customer never ordered, Then every figure is zero, the tier low and no activity', async () => {
    const c6 = await profile(server.api, byId('c6'));
    expect(c6.customer_value).toMatchObject({
      total_spent: 0,
      total_orders: 0,
      avg_order_value: null,
      customer_lifetime_days: null,
      rfm_score: 0,
      customer_tier: '低价值',
      recency_days: null,
      activity: null,
    });
    expect(c6.customer_tags).toEqual(['低价值']);
    expect(c6.rfm.f.bucket).toBeNull();
    expect(c6.timeline.map((e) => e.event_id)).toEqual(['membership:c6']);
  });

  it('When the value endpoint is asked, Then it agrees with the profile', async () => {
    const p = await profile(server.api, byId('c1'));
    const v = customerValueResponseSchema.parse(
      await getData<CustomerValueResponse>(server.api, `${VALUE}?${byId('c1')}`),
    );
    expect(v.customer_value).toEqual(p.customer_value);
    expect(v.customer_tags).toEqual(p.customer_tags);
    expect(v.statistics).toEqual(p.statistics);
    expect(v.rfm).toEqual(p.rfm);
  });

  it('When an admin looks c1 up by member id or email (any case), Then it is the same customer, unmasked', async () => {
    const a = await profile(admin, 'customer_identifier=M001&identifier_type=member_id');
    const b = await profile(admin, 'customer_identifier=zhang.san@example.COM&identifier_type=email');
    expect(a.customer_id).toBe('c1');
    expect(b.customer_id).toBe('c1');
    expect(a.member_info).toMatchObject({
      phone: C1_PHONE,
      name: '张三丰',
      email: 'Zhang.San@Example.com',
      member_id: 'M001',
      level: '金卡',
      points: 1500,
      balance: 200,
      registered_at: '2025-01-01T10:00:00+08:00',
      is_member: true,
    });
  });

  it('When an analyst looks, Then phone, email, name and the echoed phone are masked', async () => {
    const p = await profile(server.api, `customer_identifier=${C1_PHONE}`);
    expect(p.customer_identifier).toBe('138****8000');
    expect(p.member_info).toMatchObject({ phone: '138****8000', email: 'Z***@Example.com', name: '张**' });
    expect(JSON.stringify(p)).not.toContain(C1_PHONE);
    expect(JSON.stringify(p)).not.toContain('张三丰');
  });

  it('When the manager of S1 and S2 looks at c1, Then only those stores count, scored against their customers', async () => {
    // S1 + S2: c1 F 4, M 180, last 06-25 (R 5); c2 1, 20, R 0; c3 3, 90, R 90; c4 8, 400, R 1 (c5 never came).
    // c1: F beats 1, 3 → 2.5 / 4 = 62.5 · M beats 20, 90 → 62.5 · R beats 90 → 1.5 / 4 = 37.5
    // RFM = 13.125 + 25 + 15.625 = 53.75 → 53.8.
    const p = await profile(manager, byId('c1'));
    expect(p.customer_value).toMatchObject({
      total_spent: 180,
      total_orders: 4,
      avg_order_value: 45,
      last_order_day: '2025-06-25',
      recency_days: 5,
      rfm_score: 53.8,
      customer_tier: '中价值',
    });
    expect(p.rfm.population).toBe(4);
    expect([p.rfm.r.score, p.rfm.f.score, p.rfm.m.score]).toEqual([37.5, 62.5, 62.5]);
    // Two reservations not cancelled in their stores: no 预订常客.
    expect(p.customer_tags).toEqual(['会员', '会员等级:金卡', '中价值', '活跃用户']);
    expect(p.statistics).toEqual({
      total_orders: 4,
      total_reservations: 3,
      total_pos_transactions: 2,
      total_service_tickets: 1, // t2 has no store: not theirs
      total_activities: 10, // o11–o15, r1–r3, t1, registration
    });
    const stores = new Set(p.timeline.map((e) => e.store_id));
    expect([...stores].sort()).toEqual(['S1', 'S2', null].sort());
    expect(p.timeline.map((e) => e.event_id)).not.toContain('order:o16');
    expect(p.favorite_stores.map((s) => s.store_id)).toEqual(['S1', 'S2']);
  });

  it('When an analyst narrows c1 to S3, Then the figures and the population are S3’s', async () => {
    // S3: c1 F 1, M 20, R 2; c5 F 2, M 300, R 171. c1: F 25 · M 25 · R 75 → 26.25 + 10 + 6.25 = 42.5.
    const p = await profile(server.api, byId('c1', '&store_id=S3'));
    expect(p.store_id).toBe('S3');
    expect(p.customer_value).toMatchObject({ total_orders: 1, total_spent: 20, rfm_score: 42.5 });
    expect(p.rfm.population).toBe(2);
    expect(p.timeline.map((e) => e.event_id)).toEqual(['reservation:r4', 'order:o16', 'membership:c1']);
  });

  it('When the manager asks for a customer who never bought in their stores, Then 404 — no hint it exists', async () => {
    for (const id of ['c5', 'c6']) {
      const res = await getJson(manager, `${PROFILE}?${byId(id)}`);
      expect(res.status, id).toBe(404);
      expect(res.body.error?.message).toBe(
        `no customer with the customer id ${id} who has bought in your stores`,
      );
    }
    const phone = await getJson(manager, `${PROFILE}?customer_identifier=13900000005`);
    expect(phone.body.error?.message).toBe(
      'no customer with the phone 139****0005 who has bought in your stores',
    );
  });

  it('When the manager names a store that is not theirs, Then 403; an unknown store is 400', async () => {
    const foreign = await getJson(manager, `${PROFILE}?${byId('c1', '&store_id=S3')}`);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error?.message).toBe('store S3 is not one of your stores');
    const unknown = await getJson(server.api, `${PROFILE}?${byId('c1', '&store_id=S9')}`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.message).toBe('unknown store: S9');
  });

  const bad: [string, string, number, RegExp][] = [
    ['no identifier', '', 400, /customer_identifier is required/],
    ['a blank identifier', 'customer_identifier=%20%20', 400, /customer_identifier is required/],
    [
      'an unknown identifier type',
      'customer_identifier=c1&identifier_type=wechat',
      400,
      /identifier_type must be one of phone, member_id, email, customer_id/,
    ],
    ['a phone that is not one', 'customer_identifier=abc', 400, /not a phone number/],
    ['a repeated identifier', 'customer_identifier=c1&customer_identifier=c2', 400, /customer_identifier/],
    [
      'an unknown phone',
      'customer_identifier=13700000000',
      404,
      /no customer with the phone 137\*\*\*\*0000$/,
    ],
    [
      'an unknown member id',
      'customer_identifier=M999&identifier_type=member_id',
      404,
      /no customer with the member id M999/,
    ],
  ];
  it.each(bad)(
    'When the request has %s, Then %i with a message that says so',
    async (_what, query, status, message) => {
      for (const path of [PROFILE, VALUE, '/api/v1/customer360/timeline']) {
        const res = await getJson(server.api, `${path}?${query}`);
        expect(res.status, `${path}?${query}`).toBe(status);
        expect(res.body.error?.message).toMatch(message);
      }
    },
  );
});
