/**
 * A six-customer chain for the Customer 360 tests, small enough to work every figure out by hand
 * (hand-checked-profile.test.ts shows the working). The data's last day is 2025-06-30 (a guest order).
 */
import type { CustomerChain } from '../../../__tests__/helpers/customer-fixture';

const P1 = (q: number) => ({ productId: 'P1', quantity: q, amount: 12 * q });
const P2 = (q: number) => ({ productId: 'P2', quantity: q, amount: 8 * q });
const P3 = (q: number) => ({ productId: 'P3', quantity: q, amount: 30 * q });

export const C1_PHONE = '13800138000';

export const CHAIN_360: CustomerChain = {
  cities: [
    { name: '上海', province: '上海市' },
    { name: '北京', province: '北京市' },
  ],
  stores: [
    { id: 'S1', name: '上海人民广场店', city: '上海' },
    { id: 'S2', name: '上海徐家汇店', city: '上海' },
    { id: 'S3', name: '北京王府井店', city: '北京' },
  ],
  products: [
    { id: 'P1', name: '经典热狗', category: '热狗' },
    { id: 'P2', name: '可乐', category: '饮品' },
    { id: 'P3', name: '超值套餐', category: '套餐' },
  ],
  orders: [
    // c1: five completed orders in S1, S2, S3, one refunded.
    { id: 'o11', customerId: 'c1', storeId: 'S1', at: '2025-01-02 12:00', amount: 30, items: [P3(1)] },
    {
      id: 'o12',
      customerId: 'c1',
      storeId: 'S1',
      at: '2025-03-10 18:30',
      amount: 40,
      channel: 'mini_program',
      orderType: 'pickup',
      items: [P1(2), P2(2)],
    },
    {
      id: 'o13',
      customerId: 'c1',
      storeId: 'S2',
      at: '2025-06-01 12:00',
      amount: 50,
      channel: 'meituan',
      orderType: 'delivery',
      items: [P3(1), P1(1), P2(1)],
    },
    { id: 'o14', customerId: 'c1', storeId: 'S1', at: '2025-06-25 19:00', amount: 60, items: [P1(3), P2(3)] },
    {
      id: 'o15',
      customerId: 'c1',
      storeId: 'S1',
      at: '2025-06-26 12:00',
      amount: 99,
      status: 'refunded',
      items: [P3(5)],
    },
    {
      id: 'o16',
      customerId: 'c1',
      storeId: 'S3',
      at: '2025-06-28 12:00',
      amount: 20,
      channel: 'eleme',
      orderType: 'delivery',
      items: [P1(1), P2(1)],
    },
    // c2: one order on the last day.
    { id: 'o21', customerId: 'c2', storeId: 'S1', at: '2025-06-30 09:00', amount: 20 },
    // c3: three orders in S2, the last 90 days before the end.
    { id: 'o31', customerId: 'c3', storeId: 'S2', at: '2025-03-01 12:00', amount: 30 },
    { id: 'o32', customerId: 'c3', storeId: 'S2', at: '2025-03-15 12:00', amount: 30 },
    { id: 'o33', customerId: 'c3', storeId: 'S2', at: '2025-04-01 12:00', amount: 30 },
    // c4: eight weekly-ish orders of ¥50 from 1 May.
    ...['05-01', '05-08', '05-15', '05-22', '05-29', '06-05', '06-12', '06-29'].map((d, i) => ({
      id: `o4${i}`,
      customerId: 'c4',
      storeId: 'S1',
      at: `2025-${d} 12:30`,
      amount: 50,
    })),
    // c5: two big orders in January, in Beijing only.
    { id: 'o51', customerId: 'c5', storeId: 'S3', at: '2025-01-05 18:00', amount: 150 },
    { id: 'o52', customerId: 'c5', storeId: 'S3', at: '2025-01-10 18:00', amount: 150 },
    // A guest: counts for the data's last day, never for a customer.
    { id: 'g1', customerId: null, storeId: 'S1', at: '2025-06-30 20:00', amount: 15 },
  ],
  customers: [
    {
      id: 'c1',
      phone: C1_PHONE,
      memberId: 'M001',
      email: 'Zhang.San@Example.com',
      name: '张三丰',
      memberLevel: '金卡',
      points: 1500,
      balance: 200,
      registeredAt: '2025-01-01 10:00',
    },
    { id: 'c2', phone: '13900000002', name: '李四', registeredAt: '2025-06-30 08:00' },
    { id: 'c3', phone: '13900000003', name: '王五' },
    { id: 'c4', phone: '13900000004', name: '赵六', registeredAt: '2025-04-30 12:00' },
    { id: 'c5', phone: '13900000005', name: '钱七', memberId: 'M005', memberLevel: '普通会员' },
    { id: 'c6', phone: '13900000006', name: '孙八', registeredAt: '2025-05-20 12:00' },
  ],
  reservations: [
    { id: 'r1', customerId: 'c1', storeId: 'S1', at: '2025-02-14 18:00', partySize: 4, status: 'completed' },
    { id: 'r2', customerId: 'c1', storeId: 'S1', at: '2025-05-01 12:00', partySize: 6, status: 'completed' },
    { id: 'r3', customerId: 'c1', storeId: 'S2', at: '2025-06-20 18:00', partySize: 2, status: 'cancelled' },
    { id: 'r4', customerId: 'c1', storeId: 'S3', at: '2025-07-05 18:00', partySize: 8, status: 'confirmed' },
  ],
  tickets: [
    {
      id: 't1',
      customerId: 'c1',
      storeId: 'S2',
      at: '2025-06-02 10:00',
      contactType: '电话',
      category: '投诉',
      resolutionMinutes: 15,
      nps: 3,
    },
    {
      id: 't2',
      customerId: 'c1',
      storeId: null,
      at: '2025-06-29 10:00',
      contactType: '在线',
      category: '咨询',
      resolutionMinutes: 40,
      nps: 9,
    },
  ],
};
