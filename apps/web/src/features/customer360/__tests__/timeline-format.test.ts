import type { TimelineEvent } from '@portrait/shared/customer360';
import { describe, expect, it } from 'vitest';
import { formatters } from '../../../lib/format';
import { createI18n } from '../../../lib/i18n';
import { describeEvent, groupByDay } from '../utils/timeline-format';

const zh = { t: createI18n('zh-CN').t, f: formatters('zh-CN') };
const en = { t: createI18n('en-US').t, f: formatters('en-US') };

const order: TimelineEvent = {
  event_id: 'order:O1',
  event_type: 'order',
  event_time: '2025-06-28T12:07:26+08:00',
  title: '订单 O1',
  description: '饿了么 · 外卖 - ¥20.00',
  status: 'refunded',
  store_id: 'S3',
  store_name: '北京王府井店',
  data: {
    order_id: 'O1',
    order_number: 'O1',
    channel: 'eleme',
    order_type: 'delivery',
    total: 20,
    discount: 2,
    payment_method: 'wechat',
    items: [
      { product_id: 'P1', product_name: '经典热狗', quantity: 1, amount: 12 },
      { product_id: 'P2', product_name: null, quantity: 2, amount: 8 },
    ],
  },
};

const ticket: TimelineEvent = {
  event_id: 'service_ticket:T1',
  event_type: 'service_ticket',
  event_time: '2025-06-28T09:00:00+08:00',
  title: '客服工单 · 投诉',
  description: '',
  status: null,
  store_id: null,
  store_name: null,
  data: { ticket_id: 'T1', contact_type: '电话', category: '投诉', resolution_minutes: 15, nps: 3 },
};

const joined: TimelineEvent = {
  event_id: 'membership:c1',
  event_type: 'membership',
  event_time: '2025-01-01T10:00:00+08:00',
  title: '注册会员',
  description: '',
  status: null,
  store_id: null,
  store_name: null,
  data: { kind: 'registered', member_id: 'M001', level: '金卡' },
};

describe('Timeline rows', () => {
  it('When a refunded delivery order is shown in Chinese, Then channel, type, store, discount, items and status read right', () => {
    expect(describeEvent(order, zh.t, zh.f)).toEqual({
      id: 'order:O1',
      kind: 'order',
      time: '12:07',
      title: '订单 O1',
      amount: '¥20.00',
      meta: ['饿了么', '外卖', '北京王府井店', '优惠 ¥2.00'],
      items: '经典热狗 ×1、P2 ×2',
      status: { label: '已退款', tone: 'bad' },
    });
  });

  it('When the same order is shown in English, Then the labels are English and data stays as it is', () => {
    const view = describeEvent(order, en.t, en.f);
    expect(view.meta).toEqual(['Ele.me', 'Delivery', '北京王府井店', 'Discount ¥2.00']);
    expect(view.items).toBe('经典热狗 ×1, P2 ×2');
    expect(view.status).toEqual({ label: 'Refunded', tone: 'bad' });
  });

  it('When a completed order is shown, Then no status is added', () => {
    expect(describeEvent({ ...order, status: 'completed' }, zh.t, zh.f).status).toBeNull();
  });

  it('When a complaint scored NPS 3, Then it is a detractor; membership shows level and id', () => {
    expect(describeEvent(ticket, zh.t, zh.f)).toMatchObject({
      title: '客服工单 · 投诉',
      meta: ['电话', '15 分钟解决'],
      status: { label: 'NPS 3', tone: 'bad' },
    });
    expect(describeEvent(joined, en.t, en.f)).toMatchObject({
      title: 'Became a member',
      meta: ['Level: 金卡', 'Member id M001'],
    });
  });

  it('When events are grouped, Then consecutive events of one local day share a heading, newest first', () => {
    const groups = groupByDay([order, ticket, joined]);
    expect(groups.map((g) => [g.day, g.events.length])).toEqual([
      ['2025-06-28', 2],
      ['2025-01-01', 1],
    ]);
  });
});
