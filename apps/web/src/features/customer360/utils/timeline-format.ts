import type { TimelineEvent } from '@portrait/shared/customer360';
import type { TFunction } from 'i18next';
import type { Formatters } from '../../../lib/format';

export type Tone = 'good' | 'bad' | 'neutral';

/** What one timeline row shows, in the language on screen (the API's own title is Chinese only). */
export type EventView = {
  id: string;
  kind: TimelineEvent['event_type'];
  /** HH:mm, local (Asia/Shanghai) time. */
  time: string;
  title: string;
  amount: string | null;
  /** Small facts after the title: channel, type, store, contact… */
  meta: string[];
  /** Order items as "经典热狗 ×2、可乐 ×1". */
  items: string | null;
  status: { label: string; tone: Tone } | null;
};

const KNOWN_STATUSES = ['completed', 'refunded', 'cancelled', 'confirmed', 'no_show', 'pending'] as const;
type KnownStatus = (typeof KNOWN_STATUSES)[number];
const isKnownStatus = (s: string): s is KnownStatus => (KNOWN_STATUSES as readonly string[]).includes(s);

const CHANNELS = ['pos', 'mini_program', 'meituan', 'eleme'] as const;
const ORDER_TYPES = ['dine_in', 'delivery', 'pickup'] as const;
type ChannelKey = (typeof CHANNELS)[number] | (typeof ORDER_TYPES)[number];
const isChannelKey = (s: string): s is ChannelKey =>
  (CHANNELS as readonly string[]).includes(s) || (ORDER_TYPES as readonly string[]).includes(s);

/** A channel or order type label, or the raw value for labels the chain invented. */
export function channelLabel(key: string, t: TFunction): string {
  return isChannelKey(key) ? t(`channels.keys.${key}`) : key;
}

function statusView(status: string | null, t: TFunction): EventView['status'] {
  if (!status) return null;
  const label = isKnownStatus(status) ? t(`customer360.timeline.status.${status}`) : status;
  const tone: Tone =
    status === 'refunded' || status === 'cancelled' || status === 'no_show'
      ? 'bad'
      : status === 'completed'
        ? 'good'
        : 'neutral';
  return { label, tone };
}

/** The local calendar day and clock time of an event (its ISO time carries +08:00). */
export const eventDay = (e: Pick<TimelineEvent, 'event_time'>) => e.event_time.slice(0, 10);
const eventClock = (e: Pick<TimelineEvent, 'event_time'>) => e.event_time.slice(11, 16);

export function describeEvent(e: TimelineEvent, t: TFunction, f: Formatters): EventView {
  const base = { id: e.event_id, kind: e.event_type, time: eventClock(e), amount: null, items: null };
  const store = e.store_name ?? e.store_id;
  switch (e.event_type) {
    case 'order': {
      const d = e.data;
      const sep = f.lang === 'zh-CN' ? '、' : ', ';
      return {
        ...base,
        title: t('customer360.timeline.order', { id: d.order_number }),
        amount: f.currency(d.total),
        meta: [
          channelLabel(d.channel, t),
          d.order_type ? channelLabel(d.order_type, t) : null,
          store,
          d.discount > 0 ? t('customer360.timeline.discount', { amount: f.currency(d.discount) }) : null,
        ].filter((x): x is string => !!x),
        items:
          d.items.length > 0
            ? d.items.map((i) => `${i.product_name ?? i.product_id} ×${i.quantity}`).join(sep)
            : null,
        // Completed is the normal case: only say so when it is not.
        status: e.status && e.status !== 'completed' ? statusView(e.status, t) : null,
      };
    }
    case 'reservation':
      return {
        ...base,
        title:
          e.data.party_size === null
            ? t('customer360.timeline.reservationNoSize')
            : t('customer360.timeline.reservation', { count: e.data.party_size }),
        meta: [
          store,
          e.data.created_at
            ? t('customer360.timeline.booked', { day: f.day(e.data.created_at.slice(0, 10)) })
            : null,
        ].filter((x): x is string => !!x),
        status: statusView(e.status, t),
      };
    case 'service_ticket': {
      const nps = e.data.nps;
      return {
        ...base,
        title: e.data.category
          ? t('customer360.timeline.ticket', { category: e.data.category })
          : t('customer360.timeline.ticketNoCategory'),
        meta: [
          e.data.contact_type,
          store,
          e.data.resolution_minutes === null
            ? null
            : t('customer360.timeline.resolved', { minutes: e.data.resolution_minutes }),
        ].filter((x): x is string => !!x),
        // NPS: 9–10 promoters, 0–6 detractors.
        status:
          nps === null
            ? null
            : {
                label: t('customer360.timeline.nps', { score: nps }),
                tone: nps >= 9 ? 'good' : nps <= 6 ? 'bad' : 'neutral',
              },
      };
    }
    case 'membership':
      return {
        ...base,
        title: e.data.member_id ? t('customer360.timeline.registered') : t('customer360.timeline.recorded'),
        meta: [
          e.data.level ? t('customer360.timeline.level', { level: e.data.level }) : null,
          e.data.member_id ? t('customer360.timeline.memberId', { id: e.data.member_id }) : null,
        ].filter((x): x is string => !!x),
        status: null,
      };
  }
}

/** Consecutive events of one local day, in the order given (newest first). */
export function groupByDay<T extends Pick<TimelineEvent, 'event_time'>>(
  events: readonly T[],
): { day: string; events: T[] }[] {
  const groups: { day: string; events: T[] }[] = [];
  for (const e of events) {
    const day = eventDay(e);
    const last = groups[groups.length - 1];
    if (last && last.day === day) last.events.push(e);
    else groups.push({ day, events: [e] });
  }
  return groups;
}
