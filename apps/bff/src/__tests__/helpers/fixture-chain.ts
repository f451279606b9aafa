/** Loads a small hand-written chain through the real schema, then builds the derived tables as production does. */
import { shanghaiDay, shanghaiHour } from '@portrait/shared/dates';
import type { Database } from '../../db/client';
import { bumpDataVersion } from '../../db/queries/data-meta';
import { rebuildDerived } from '../../db/queries/derived';
import * as t from '../../db/schema';

export type FixtureOrder = {
  id: string;
  customerId: string | null;
  storeId: string;
  /** Local Asia/Shanghai time, e.g. '2025-03-02 12:30'. */
  at: string;
  amount: number;
  channel?: string;
  orderType?: string | null;
  status?: 'completed' | 'refunded' | 'cancelled';
  items?: { productId: string; quantity: number; amount: number }[];
};

export type FixtureChain = {
  cities: { name: string; province: string }[];
  stores: { id: string; name: string; city: string }[];
  products: { id: string; name: string; category: string }[];
  orders: FixtureOrder[];
};

export function localToInstant(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`);
}

export async function loadFixtureChain(database: Database, chain: FixtureChain): Promise<void> {
  const { db } = database;
  await db.insert(t.cities).values(chain.cities);
  await db.insert(t.stores).values(chain.stores);
  if (chain.products.length > 0) await db.insert(t.products).values(chain.products);
  const customerIds = [...new Set(chain.orders.map((o) => o.customerId).filter((c): c is string => !!c))];
  if (customerIds.length > 0) await db.insert(t.customers).values(customerIds.map((id) => ({ id })));
  await db.insert(t.orders).values(
    chain.orders.map((o) => {
      const at = localToInstant(o.at);
      return {
        id: o.id,
        customerId: o.customerId,
        storeId: o.storeId,
        orderedAt: at.toISOString(),
        day: shanghaiDay(at),
        hour: shanghaiHour(at),
        channel: o.channel ?? 'pos',
        orderType: o.orderType === undefined ? 'dine_in' : o.orderType,
        amount: o.amount.toFixed(2),
        status: o.status ?? 'completed',
      };
    }),
  );
  const items = chain.orders.flatMap((o) =>
    (o.items ?? []).map((item, i) => ({
      orderId: o.id,
      lineNo: i + 1,
      productId: item.productId,
      quantity: item.quantity,
      amount: item.amount.toFixed(2),
    })),
  );
  if (items.length > 0) await db.insert(t.orderItems).values(items);
  await rebuildDerived(db);
  await bumpDataVersion(db);
}
