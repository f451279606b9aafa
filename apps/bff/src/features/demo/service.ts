/**
 * Reservations (party bookings — birthdays, team lunches) and customer-service tickets, at realistic low rates.
 * Tickets follow orders (complaints mostly about delivery) and a complaint makes the customer likelier to leave.
 */
import type { RowBuffers } from './buffers';
import { type Rng, WeightedPicker } from './rng';
import { dayNumber, isWeekend, SEC_PER_DAY } from './time';
import type { LocalSec, OrderRow, ServiceTicketRow } from './types';

/** Share of orders that lead to a ticket. */
const TICKET_RATE = { delivery: 0.009, other: 0.004 };

const CONTACT_TYPES = ['电话', '在线', '门店'] as const;
const CONTACT_DINE_IN = new WeightedPicker([30, 35, 35]);
const CONTACT_OTHER = new WeightedPicker([38, 52, 10]);
const CATEGORIES = ['投诉', '咨询', '建议'] as const;
const CATEGORY_DELIVERY = new WeightedPicker([55, 30, 15]);
const CATEGORY_OTHER = new WeightedPicker([35, 45, 20]);
/** Typical resolution minutes by contact type (log-normal around these medians). */
const RESOLUTION_MEDIAN = { 电话: 12, 在线: 45, 门店: 8 } as const;
/** NPS answers 0..10 by category: complaints score low, questions answered score high. */
const NPS = {
  投诉: new WeightedPicker([8, 6, 8, 10, 10, 10, 9, 7, 5, 3, 2]),
  咨询: new WeightedPicker([1, 0.5, 0.5, 1, 1, 3, 4, 8, 12, 10, 9]),
  建议: new WeightedPicker([1, 0.5, 1, 2, 3, 6, 8, 10, 8, 5, 3]),
};

/** Maybe opens a ticket about an order; returns it so the caller can react to a complaint. */
export function maybeTicket(
  rng: Rng,
  out: RowBuffers,
  order: OrderRow,
  customerId: string,
  endSec: LocalSec,
): ServiceTicketRow | null {
  const delivery = order.orderType === 'delivery';
  if (!rng.chance(delivery ? TICKET_RATE.delivery : TICKET_RATE.other)) return null;
  const createdAt = order.orderedAt + rng.between(600, 2 * SEC_PER_DAY);
  if (createdAt >= endSec) return null;
  const contactType =
    CONTACT_TYPES[(order.orderType === 'dine_in' ? CONTACT_DINE_IN : CONTACT_OTHER).pick(rng)]!;
  const category = CATEGORIES[(delivery ? CATEGORY_DELIVERY : CATEGORY_OTHER).pick(rng)]!;
  const slower = category === '投诉' ? 2.5 : 1;
  const ticket: ServiceTicketRow = {
    id: out.nextTicketId(),
    customerId,
    storeId: order.storeId,
    createdAt,
    contactType,
    category,
    resolutionMinutes: Math.max(1, Math.round(rng.logNormal(RESOLUTION_MEDIAN[contactType] * slower, 0.8))),
    nps: rng.chance(0.7) ? NPS[category].pick(rng) : null,
  };
  out.serviceTickets.push(ticket);
  return ticket;
}

const PARTY_SLOTS = [11.5, 12, 17.5, 18, 18.5, 19];
const PARTY_SIZE = new WeightedPicker([0, 0, 0, 0, 6, 8, 10, 9, 8, 6, 6, 4, 5, 3, 2, 3, 1, 1, 1, 1, 2]);

/**
 * Party bookings for the few customers who book: ~5% book at all, a fifth of them regularly. Bookings fall in
 * the customer's active window, mostly at weekends; a few are still upcoming on the last day.
 */
export function addReservations(
  rng: Rng,
  out: RowBuffers,
  who: { customerId: string; storeId: string; from: LocalSec; to: LocalSec; endSec: LocalSec },
): void {
  if (!rng.chance(0.05)) return;
  const count = rng.chance(0.2) ? rng.between(3, 8) : rng.between(1, 2);
  const horizon = Math.min(who.to + 30 * SEC_PER_DAY, who.endSec + 14 * SEC_PER_DAY);
  if (horizon <= who.from) return;
  for (let i = 0; i < count; i++) {
    let dayNo = dayNumber(who.from + rng.next() * (horizon - who.from));
    // Parties are mostly at weekends: move most weekday draws to the next Saturday.
    if (!isWeekend(dayNo) && rng.chance(0.7)) while (!isWeekend(dayNo)) dayNo++;
    const reservedFor = dayNo * SEC_PER_DAY + Math.round(rng.pick(PARTY_SLOTS) * 3600);
    const createdAt = Math.max(who.from, reservedFor - rng.between(1, 14) * SEC_PER_DAY - rng.int(12 * 3600));
    if (createdAt >= who.endSec || createdAt >= reservedFor) continue;
    out.reservations.push({
      id: out.nextReservationId(),
      customerId: who.customerId,
      storeId: who.storeId,
      reservedFor,
      partySize: PARTY_SIZE.pick(rng),
      status: reservedFor >= who.endSec ? 'confirmed' : pastStatus(rng),
      createdAt,
    });
  }
}

function pastStatus(rng: Rng): 'completed' | 'cancelled' | 'no_show' {
  const r = rng.next();
  return r < 0.8 ? 'completed' : r < 0.92 ? 'cancelled' : 'no_show';
}
