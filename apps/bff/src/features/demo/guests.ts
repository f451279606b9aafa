/**
 * Guest orders (no customer id): walk-ins paying at the till and anonymous delivery orders. Each store gets a
 * third as many as its identified orders, so guests are ~25% of all orders, spread over its open days by
 * weekday and season.
 */
import { STREAM, type Chain, type StoreInfo } from './chain';
import type { RowBuffers } from './buffers';
import { CHANNELS, GUEST_CHANNEL_PICKER, isDeliveryChannel } from './order-terms';
import { placeOrder } from './orders';
import { Rng } from './rng';
import { dayTraffic, isWeekend, SEC_PER_DAY } from './time';
import type { Channel } from './types';

export const GUESTS_PER_IDENTIFIED_ORDER = 1 / 3;

/** Generates one store's guest orders into `out`, day by day, yielding after each day so the caller can batch. */
export function* guestOrdersOfStore(
  chain: Chain,
  store: StoreInfo,
  identifiedOrders: number,
  out: RowBuffers,
): Generator<void> {
  const rng = Rng.for(chain.options.seed, STREAM.guests, store.index);
  const { period } = chain;
  const firstDay = Math.max(period.startDayNo, Math.ceil(store.openSec / SEC_PER_DAY));
  const lastDay = period.startDayNo + period.days - 1;
  let totalTraffic = 0;
  for (let d = firstDay; d <= lastDay; d++) totalTraffic += dayTraffic(d);
  if (totalTraffic === 0) return;
  const perTraffic = (identifiedOrders * GUESTS_PER_IDENTIFIED_ORDER) / totalTraffic;

  for (let d = firstDay; d <= lastDay; d++) {
    const weekend = isWeekend(d);
    const count = rng.poisson(perTraffic * dayTraffic(d));
    const plan: { at: number; channel: Channel }[] = [];
    for (let i = 0; i < count; i++) {
      const channel = CHANNELS[GUEST_CHANNEL_PICKER.pick(rng)] as Channel;
      const hour = chain.hours.pick(rng, isDeliveryChannel(channel), 0, weekend);
      plan.push({ at: d * SEC_PER_DAY + hour * 3600 + rng.int(3600), channel });
    }
    plan.sort((a, b) => a.at - b.at);
    for (const { at, channel } of plan)
      placeOrder(rng, out, {
        customerId: null,
        storeId: store.row.id,
        at,
        channel,
        weekend,
        member: false,
        appetite: 1,
      });
    yield;
  }
}
