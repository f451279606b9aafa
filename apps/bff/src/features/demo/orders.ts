/** Places one order (identified or guest): basket, money, channel terms, and its item rows. */
import { basketSubtotalFen, buildBasket, type BasketLine } from './basket';
import type { RowBuffers } from './buffers';
import {
  isDeliveryChannel,
  pickDiscountFen,
  pickOrderType,
  pickPaymentMethod,
  pickStatus,
} from './order-terms';
import type { Rng } from './rng';
import { localHour } from './time';
import type { Channel, LocalSec, OrderRow } from './types';

export type OrderRequest = {
  customerId: string | null;
  storeId: string;
  at: LocalSec;
  channel: Channel;
  weekend: boolean;
  member: boolean;
  appetite: number;
};

export type PlacedOrder = { order: OrderRow; lines: BasketLine[] };

export function placeOrder(rng: Rng, out: RowBuffers, req: OrderRequest): PlacedOrder {
  const lines = buildBasket(rng, localHour(req.at), isDeliveryChannel(req.channel), req.appetite);
  const subtotal = basketSubtotalFen(lines);
  const discount = pickDiscountFen(rng, subtotal, req.channel, req.member);
  const order: OrderRow = {
    id: out.nextOrderId(),
    customerId: req.customerId,
    storeId: req.storeId,
    orderedAt: req.at,
    channel: req.channel,
    orderType: pickOrderType(rng, req.channel, req.weekend),
    amountFen: subtotal - discount,
    discountFen: discount,
    paymentMethod: pickPaymentMethod(rng, req.channel, req.member),
    status: pickStatus(rng, req.channel),
  };
  out.orders.push(order);
  lines.forEach((line, i) => {
    out.orderItems.push({
      orderId: order.id,
      lineNo: i + 1,
      productId: line.item.id,
      quantity: line.quantity,
      unitPriceFen: line.item.priceFen,
      amountFen: line.item.priceFen * line.quantity,
    });
  });
  return { order, lines };
}
