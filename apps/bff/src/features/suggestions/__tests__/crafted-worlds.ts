/**
 * Small hand-made worlds, one store each, in which exactly one rule's condition holds (store `<KIND>_ON`) or
 * just fails (`<KIND>_OFF`). A store is its own scope, so one database load serves every case. The comments
 * give the figures worked out by hand; the tests assert them.
 */
import type { FixtureChain, FixtureOrder } from '../../../__tests__/helpers/fixture-chain';

export const RANGE = { from: '2025-03-01', to: '2025-03-31' };

type Line = { productId: string; quantity: number; amount: number };

function world(store: string) {
  const orders: FixtureOrder[] = [];
  let n = 0;
  const add = (
    customer: string | null,
    at: string,
    amount: number,
    extra: { channel?: string; orderType?: string; items?: Line[] } = {},
  ) => {
    n += 1;
    orders.push({
      id: `${store}-o${n}`,
      customerId: customer === null ? null : `${store}-${customer}`,
      storeId: store,
      at,
      amount,
      ...extra,
    });
  };
  return { orders, add };
}

const range = (count: number) => Array.from({ length: count }, (_, i) => i + 1);
const day = (d: number) => `2025-03-${String(d).padStart(2, '0')}`;

/**
 * VIP care. ON: 5 VIPs with 4 × ¥100 on 03-27..30, 10 one-off ¥20 customers on 03-02. n = 15, mean F = 2,
 * mean M = 146.67, mean R = 19.67 → 5 important-value customers with ¥2,000 of ¥2,200 (90.9 %).
 * OFF: the same with 4 VIPs (below the minimum of 5 customers).
 */
function vip(store: string, vips: number) {
  const w = world(store);
  for (const v of range(vips)) for (const d of [27, 28, 29, 30]) w.add(`v${v}`, `${day(d)} 12:00`, 100);
  for (const c of range(10)) w.add(`c${c}`, `${day(2)} 12:00`, 20);
  return w.orders;
}

/**
 * Win-back. ON: 6 lapsed big spenders (one ¥300 order on 03-02 → 重要挽留), 6 lapsed regulars (4 × ¥100 on
 * 03-01..04 → 重要保持), 12 recent small buyers (3 × ¥10 on 03-29..31 → 一般价值). Shares of ¥4,560: 39.5 %
 * and 52.6 %; mean recency 29 and 27 days. OFF: 4 of each kind (below the minimum).
 */
function winback(store: string, each: number) {
  const w = world(store);
  for (const b of range(each)) w.add(`big${b}`, `${day(2)} 12:00`, 300);
  for (const r of range(each)) for (const d of [1, 2, 3, 4]) w.add(`reg${r}`, `${day(d)} 12:00`, 100);
  for (const s of range(12)) for (const d of [29, 30, 31]) w.add(`small${s}`, `${day(d)} 12:00`, 10);
  return w.orders;
}

/**
 * Repurchase reminder. ON: 6 customers ordering on 03-01 and 03-05 (gap 4 days, 26 days since: 26 > 1.5 × 4
 * → overdue). OFF: 6 customers ordering on 03-01, 03-16 and 03-31 (0 days since: never overdue).
 */
function repurchase(store: string, overdue: boolean) {
  const w = world(store);
  const days = overdue ? [1, 5] : [1, 16, 31];
  for (const c of range(6)) for (const d of days) w.add(`c${c}`, `${day(d)} 12:00`, 30);
  return w.orders;
}

/**
 * First-to-second. ON: 6 new customers with one ¥25 order, 2 new with two, and an old customer (first order
 * in February) with one March order: new = 8, one order = 6 (75 %), their revenue ¥150.
 * OFF: 6 new customers with two orders each (none bought only once).
 */
function firstToSecond(store: string, singles: boolean) {
  const w = world(store);
  for (const c of range(6)) {
    w.add(`n${c}`, `${day(10)} 12:00`, 25);
    if (!singles) w.add(`n${c}`, `${day(20)} 12:00`, 25);
  }
  if (singles) for (const c of range(2)) for (const d of [10, 20]) w.add(`r${c}`, `${day(d)} 12:00`, 25);
  w.add('old', '2025-02-10 12:00', 25);
  w.add('old', `${day(12)} 12:00`, 25);
  return w.orders;
}

/**
 * Cross-sell. ON: 25 orders {A,B} (customers x1–x5), 25 {C}, 25 {D}, 10 {A} (w1–w5, two each): N = 85,
 * n(A) = 35, n(B) = 25, n(A∧B) = 25 → support 29.4 %, confidence A→B 71.4 %, lift 85·25/(35·25) = 2.43;
 * 5 customers bought A but never B; B is ¥8 per order.
 * OFF: A and B independent: 25 {A,B}, 25 {A}, 25 {B}, 25 {C} → lift 25·100/(50·50) = 1.
 */
function crossSell(store: string, associated: boolean) {
  const w = world(store);
  const A = { productId: 'PA', quantity: 1, amount: 20 };
  const B = { productId: 'PB', quantity: 1, amount: 8 };
  const C = { productId: 'PC', quantity: 1, amount: 15 };
  const D = { productId: 'PD', quantity: 1, amount: 12 };
  const batch = (prefix: string, items: Line[], count: number) => {
    for (const i of range(count)) {
      const amount = items.reduce((s, l) => s + l.amount, 0);
      w.add(`${prefix}${((i - 1) % 5) + 1}`, `${day(((i - 1) % 28) + 1)} 12:00`, amount, { items });
    }
  };
  if (associated) {
    batch('x', [A, B], 25);
    batch('y', [C], 25);
    batch('z', [D], 25);
    batch('w', [A], 10);
  } else {
    batch('x', [A, B], 25);
    batch('w', [A], 25);
    batch('b', [B], 25);
    batch('y', [C], 25);
  }
  return w.orders;
}

/**
 * Off-peak. Orders per hour: 11:12, 12:20 (peak), 13:12, 14:a, 15:b, 16:c, 17:12, 18:20; busy = ≥ 10.
 * ON: 14–16 have 2, 2, 1 orders from 5 customers → the lull 14:00–17:00, 5 orders of 81 (6.2 %).
 * OFF: 14:00 has 2 orders but 15 and 16 have 12: a one-hour dip, shorter than the 2 hours required.
 */
function offPeak(store: string, lull: boolean) {
  const w = world(store);
  const counts: Record<number, number> = lull
    ? { 11: 12, 12: 20, 13: 12, 14: 2, 15: 2, 16: 1, 17: 12, 18: 20 }
    : { 11: 12, 12: 20, 13: 12, 14: 2, 15: 12, 16: 12, 17: 12, 18: 20 };
  let lullCustomer = 0;
  for (const [hour, count] of Object.entries(counts)) {
    for (const i of range(count)) {
      const quiet = Number(hour) >= 14 && Number(hour) <= 16 && count < 10;
      const customer = quiet ? `q${++lullCustomer}` : `r${(i % 10) + 1}`;
      w.add(customer, `${day((i % 28) + 1)} ${hour}:10`, 30);
    }
  }
  return w.orders;
}

/**
 * Channel shift. ON: 6 customers with two Meituan / Ele.me delivery orders each (¥40), 4 POS customers.
 * OFF: the 6 also ordered once at the POS, so none orders only on the platforms.
 */
function channelShift(store: string, platformOnly: boolean) {
  const w = world(store);
  for (const c of range(6)) {
    w.add(`p${c}`, `${day(5)} 12:00`, 40, { channel: 'meituan', orderType: 'delivery' });
    w.add(`p${c}`, `${day(15)} 19:00`, 40, { channel: 'eleme', orderType: 'delivery' });
    if (!platformOnly) w.add(`p${c}`, `${day(25)} 12:00`, 30);
  }
  for (const c of range(4)) w.add(`s${c}`, `${day(8)} 12:00`, 30);
  return w.orders;
}

export const WORLDS = {
  VIP: { on: (s: string) => vip(s, 5), off: (s: string) => vip(s, 4) },
  WINBACK: { on: (s: string) => winback(s, 6), off: (s: string) => winback(s, 4) },
  REPURCHASE: { on: (s: string) => repurchase(s, true), off: (s: string) => repurchase(s, false) },
  FIRST: { on: (s: string) => firstToSecond(s, true), off: (s: string) => firstToSecond(s, false) },
  CROSS: { on: (s: string) => crossSell(s, true), off: (s: string) => crossSell(s, false) },
  OFFPEAK: { on: (s: string) => offPeak(s, true), off: (s: string) => offPeak(s, false) },
  CHANNEL: { on: (s: string) => channelShift(s, true), off: (s: string) => channelShift(s, false) },
} as const;
export type WorldName = keyof typeof WORLDS;

export function craftedChain(): FixtureChain {
  const names = Object.keys(WORLDS) as WorldName[];
  const stores = names.flatMap((n) => [`${n}_ON`, `${n}_OFF`]);
  return {
    cities: [{ name: '杭州', province: '浙江省' }],
    stores: stores.map((id) => ({ id, name: id, city: '杭州' })),
    products: [
      { id: 'PA', name: '招牌热狗', category: '热狗' },
      { id: 'PB', name: '可乐', category: '饮品' },
      { id: 'PC', name: '薯条', category: '小食' },
      { id: 'PD', name: '鸡块', category: '小食' },
    ],
    orders: names.flatMap((n) => [...WORLDS[n].on(`${n}_ON`), ...WORLDS[n].off(`${n}_OFF`)]),
  };
}
