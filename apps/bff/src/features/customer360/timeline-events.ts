import type { TimelineEvent } from '@portrait/shared/customer360';
import { z } from 'zod';
import type { ItemRow } from '../../db/queries/customer360';
import type { TimelineKey, TimelineRow } from '../../db/queries/customer-timeline';
import { badRequest } from '../../lib/errors';

/** The service's own words for titles and descriptions (the seed's contract is Chinese; the web localises). */
const CHANNEL_ZH: Record<string, string> = {
  pos: '门店收银',
  mini_program: '小程序',
  meituan: '美团',
  eleme: '饿了么',
};
const ORDER_TYPE_ZH: Record<string, string> = { dine_in: '堂食', delivery: '外卖', pickup: '自提' };
const STATUS_ZH: Record<string, string> = { completed: '已完成', refunded: '已退款', cancelled: '已取消' };

const yuan = (n: number) => `¥${n.toFixed(2)}`;

export function toTimelineEvent(
  row: TimelineRow,
  storeName: (id: string | null) => string | null,
  items: Map<string, ItemRow[]>,
): TimelineEvent {
  const base = {
    event_id: `${row.eventType}:${row.sourceId}`,
    event_time: row.eventTime,
    status: row.status,
    store_id: row.storeId,
    store_name: storeName(row.storeId),
  };
  switch (row.eventType) {
    case 'order': {
      const channel = row.text1 ?? 'unknown';
      const how = [CHANNEL_ZH[channel] ?? channel, row.text2 ? (ORDER_TYPE_ZH[row.text2] ?? row.text2) : null]
        .filter(Boolean)
        .join(' · ');
      const amount = row.amount ?? 0;
      const status =
        row.status && row.status !== 'completed' ? `（${STATUS_ZH[row.status] ?? row.status}）` : '';
      return {
        ...base,
        event_type: 'order',
        title: `订单 ${row.sourceId}`,
        description: `${how} - ${yuan(amount)}${status}`,
        data: {
          order_id: row.sourceId,
          order_number: row.sourceId,
          channel,
          order_type: row.text2,
          total: amount,
          discount: row.discount ?? 0,
          payment_method: row.text3,
          items: (items.get(row.sourceId) ?? []).map((i) => ({
            product_id: i.productId,
            product_name: i.productName,
            quantity: i.quantity,
            amount: i.amount,
          })),
        },
      };
    }
    case 'reservation':
      return {
        ...base,
        event_type: 'reservation',
        title: row.int1 === null ? '预订' : `预订 - ${row.int1}人`,
        description: `状态: ${row.status ?? '未知'}`,
        data: { reservation_id: row.sourceId, party_size: row.int1, created_at: row.createdAt },
      };
    case 'service_ticket':
      return {
        ...base,
        event_type: 'service_ticket',
        title: `客服工单 · ${row.text2 ?? '其他'}`,
        description: [
          row.text1,
          row.int1 === null ? null : `处理 ${row.int1} 分钟`,
          row.int2 === null ? null : `NPS ${row.int2}`,
        ]
          .filter(Boolean)
          .join(' · '),
        data: {
          ticket_id: row.sourceId,
          contact_type: row.text1,
          category: row.text2,
          resolution_minutes: row.int1,
          nps: row.int2,
        },
      };
    case 'membership':
      return {
        ...base,
        event_type: 'membership',
        title: row.text1 ? '注册会员' : '客户建档',
        description: row.text2 ? `会员等级: ${row.text2}` : row.text1 ? `会员号 ${row.text1}` : '首次登记',
        data: { kind: 'registered', member_id: row.text1, level: row.text2 },
      };
  }
}

// ---------- cursor ----------

const cursorSchema = z.tuple([
  z.literal(1),
  z.string().regex(/^-?\d{1,19}$/),
  z.enum(['order', 'reservation', 'service_ticket', 'membership']),
  z.string().min(1).max(256),
]);

/** Opaque to clients: the sort key of the last event of a page. */
export function encodeCursor(key: TimelineKey): string {
  return Buffer.from(JSON.stringify([1, key.us, key.type, key.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): TimelineKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success)
    throw badRequest('cursor is not valid: pass the next_cursor of the previous timeline page unchanged');
  const [, us, type, id] = result.data;
  return { us, type, id };
}
