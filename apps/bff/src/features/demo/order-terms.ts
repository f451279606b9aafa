/**
 * The commercial side of an order: channel, order type, discount, payment method and status, following how
 * the channels really work (Meituan/Ele.me deliver with platform 满减 discounts, POS is dine-in or pickup,
 * the mini-program mixes all three and carries member coupons and stored-value payment).
 */
import { type Rng, WeightedPicker } from './rng';
import type { Channel, OrderStatus, OrderType } from './types';

export const CHANNELS: readonly Channel[] = ['pos', 'mini_program', 'meituan', 'eleme'];
/** Identified customers' average mixes; with ~25% guests (no mini-program) the chain lands near 45/25/18/12. */
export const MEMBER_CHANNEL_MIX = [30, 43, 16, 11];
export const NON_MEMBER_CHANNEL_MIX = [45, 14, 24, 17];
export const GUEST_CHANNEL_PICKER = new WeightedPicker([70, 0, 18, 12]);

/** A customer's own channel habits: a Dirichlet draw around the group's mix, so people differ. */
export function personalChannelPicker(rng: Rng, member: boolean): WeightedPicker {
  const base = member ? MEMBER_CHANNEL_MIX : NON_MEMBER_CHANNEL_MIX;
  const total = base.reduce((a, b) => a + b, 0);
  return new WeightedPicker(base.map((w) => rng.gamma((4 * w) / total) + 1e-9));
}

export function isDeliveryChannel(channel: Channel): boolean {
  return channel === 'meituan' || channel === 'eleme';
}

export function pickOrderType(rng: Rng, channel: Channel, weekend: boolean): OrderType {
  const r = rng.next();
  switch (channel) {
    case 'meituan':
    case 'eleme':
      return r < 0.97 ? 'delivery' : 'pickup';
    case 'pos':
      return r < (weekend ? 0.78 : 0.62) ? 'dine_in' : 'pickup';
    case 'mini_program':
      if (r < 0.22) return 'delivery';
      return r < (weekend ? 0.64 : 0.52) ? 'dine_in' : 'pickup';
  }
}

const COUPONS: readonly (readonly [number, number])[] = [
  [2000, 300],
  [2000, 300],
  [3000, 500],
  [3000, 500],
  [4500, 800],
];

/** Discount in fen: platform 满减 on delivery apps, coupons in the mini-program, member perks at the till. */
export function pickDiscountFen(rng: Rng, subtotalFen: number, channel: Channel, member: boolean): number {
  let discount = 0;
  if (isDeliveryChannel(channel)) {
    if (rng.chance(0.75)) {
      if (subtotalFen >= 6000) discount = 1200;
      else if (subtotalFen >= 3500) discount = 600;
      else if (subtotalFen >= 2000) discount = 300;
    }
  } else if (channel === 'mini_program') {
    // Coupons need a minimum spend: 满20减3, 满30减5, 满45减8.
    const [minimum, value] = rng.pick(COUPONS);
    if (rng.chance(member ? 0.35 : 0.15) && subtotalFen >= minimum) discount = value;
  } else if (member && rng.chance(0.1)) {
    discount = Math.round((subtotalFen * 0.1) / 10) * 10;
  } else if (rng.chance(0.03)) {
    discount = 200;
  }
  // Never more than half the bill: the paid amount stays positive.
  return Math.min(discount, Math.floor(subtotalFen / 2 / 10) * 10);
}

const POS_PAYMENTS = ['wechat', 'alipay', 'cash', 'bank_card', 'member_balance'];
const POS_MEMBER = new WeightedPicker([46, 30, 5, 5, 14]);
const POS_OTHER = new WeightedPicker([52, 34, 8, 6, 0]);

export function pickPaymentMethod(rng: Rng, channel: Channel, member: boolean): string {
  switch (channel) {
    case 'pos':
      return POS_PAYMENTS[(member ? POS_MEMBER : POS_OTHER).pick(rng)] as string;
    case 'mini_program':
      return member && rng.chance(0.15) ? 'member_balance' : 'wechat';
    case 'meituan':
      return rng.chance(0.62) ? 'wechat' : 'alipay';
    case 'eleme':
      return rng.chance(0.7) ? 'alipay' : 'wechat';
  }
}

/** ~2% refunded, ~1% cancelled; delivery goes wrong a little more often. */
export function pickStatus(rng: Rng, channel: Channel): OrderStatus {
  const r = rng.next();
  const delivery = isDeliveryChannel(channel);
  if (r < (delivery ? 0.014 : 0.008)) return 'cancelled';
  if (r < (delivery ? 0.04 : 0.026)) return 'refunded';
  return 'completed';
}
