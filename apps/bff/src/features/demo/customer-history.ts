/**
 * One identified customer's life in the data (a BG/NBD-like process): they register (new customers keep
 * arriving), buy as a Poisson process at their own rate — thinned by weekday and season — mostly at their home
 * store, and after each purchase silently drop out with their own probability. Their app sessions, tickets and
 * party bookings hang off the same timeline.
 */
import { STREAM, type Chain, type StoreInfo } from './chain';
import type { RowBuffers } from './buffers';
import { customerRow, drawProfile, type CustomerProfile } from './customer-profile';
import { CHANNELS, isDeliveryChannel } from './order-terms';
import { placeOrder } from './orders';
import { Rng } from './rng';
import { addReservations, maybeTicket } from './service';
import { addBrowsingSession, addPayingSession, type SessionContext } from './sessions';
import { dayNumber, dayTraffic, isWeekend, MAX_DAY_TRAFFIC, SEC_PER_DAY } from './time';
import type { Channel, LocalSec } from './types';

/** Non-paying sessions per order (× tracking share): keeps ~30% of sessions reaching `pay`. */
const BROWSING_PER_ORDER = 0.75;
/** Customers registered before the period are still active at its start with probability exp(−age / this). */
const PRE_PERIOD_SURVIVAL_DAYS = 400;

/**
 * Generates the customer's rows into `out`. `identifiedOrdersByStore` is incremented per order (the guest
 * stream is scaled from it).
 */
export function simulateCustomer(
  chain: Chain,
  index: number,
  out: RowBuffers,
  identifiedOrdersByStore: Float64Array,
): void {
  const rng = Rng.for(chain.options.seed, STREAM.customers, index);
  const p = drawProfile(chain, rng, index);
  const { startSec, endSec } = chain.period;
  const tracking = chain.size.sessionTracking;
  let spentFen = 0;
  let firstAt: LocalSec | null = null;
  let lastAt: LocalSec | null = null;

  const buy = (at: LocalSec, channel: Channel): boolean => {
    const store = storeFor(rng, p, at);
    const weekend = isWeekend(dayNumber(at));
    const { order, lines } = placeOrder(rng, out, {
      customerId: p.id,
      storeId: store.row.id,
      at,
      channel,
      weekend,
      member: p.member,
      appetite: p.appetite,
    });
    identifiedOrdersByStore[store.index] = (identifiedOrdersByStore[store.index] ?? 0) + 1;
    if (order.status === 'completed') spentFen += order.amountFen;
    firstAt ??= at;
    lastAt = at;

    const session: SessionContext = { out, rng, customerId: p.id, storeId: store.row.id };
    if (channel === 'mini_program' && rng.chance(tracking)) addPayingSession(session, at, lines);
    const browsing = rng.poisson(tracking * BROWSING_PER_ORDER);
    for (let i = 0; i < browsing; i++) {
      const start = at + Math.round((rng.next() * 8 - 4) * SEC_PER_DAY);
      if (start > p.registeredAt && start < endSec - 3600)
        addBrowsingSession({ ...session, storeId: p.home.row.id }, start);
    }
    const ticket = maybeTicket(rng, out, order, p.id, endSec);
    // Silent drop-out after the purchase; a complaint makes leaving three times likelier.
    return !rng.chance(Math.min(0.9, p.dropout * (ticket?.category === '投诉' ? 3 : 1)));
  };

  let alive: boolean;
  let t: LocalSec;
  if (p.prePeriod) {
    alive = rng.chance(Math.exp(-(startSec - p.registeredAt) / (PRE_PERIOD_SURVIVAL_DAYS * SEC_PER_DAY)));
    t = startSec;
  } else {
    // New customers register with their first order.
    t = p.registeredAt + rng.between(60, 1200);
    alive = t < endSec && buy(t, pickChannel(rng, p));
  }

  const meanGap = SEC_PER_DAY / p.rate;
  while (alive) {
    t += rng.exponential(meanGap);
    if (t >= endSec) break;
    const dayNo = dayNumber(t);
    if (!rng.chance(dayTraffic(dayNo) / MAX_DAY_TRAFFIC)) continue;
    const channel = pickChannel(rng, p);
    const hour = chain.hours.pick(rng, isDeliveryChannel(channel), p.persona, isWeekend(dayNo));
    const at = dayNo * SEC_PER_DAY + hour * 3600 + rng.int(3600);
    if (at <= p.registeredAt || at >= endSec) continue;
    alive = buy(at, channel);
  }

  if (firstAt !== null && lastAt !== null)
    addReservations(rng, out, {
      customerId: p.id,
      storeId: p.home.row.id,
      from: firstAt,
      to: lastAt,
      endSec,
    });
  out.customers.push(customerRow(chain, rng, p, spentFen));
}

function pickChannel(rng: Rng, p: CustomerProfile): Channel {
  return CHANNELS[p.channelPicker.pick(rng)] as Channel;
}

/** Mostly the home store; sometimes the other store of the city, once it has opened. */
function storeFor(rng: Rng, p: CustomerProfile, at: LocalSec): StoreInfo {
  if (p.alt && p.alt.openSec <= at && rng.chance(p.altShare)) return p.alt;
  return p.home;
}
