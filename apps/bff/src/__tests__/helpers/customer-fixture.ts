/** A hand-written chain with full customer records, reservations and service tickets (Customer 360 tests). */
import { shanghaiDay } from '@portrait/shared/dates';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { bumpDataVersion } from '../../db/queries/data-meta';
import { rebuildDerived } from '../../db/queries/derived';
import * as t from '../../db/schema';
import { loadFixtureChain, localToInstant, type FixtureChain } from './fixture-chain';

export type FixtureCustomer = {
  id: string;
  phone?: string | null;
  memberId?: string | null;
  email?: string | null;
  name?: string | null;
  memberLevel?: string | null;
  points?: number | null;
  balance?: number | null;
  /** Local Asia/Shanghai time, e.g. '2025-01-01 10:00'. */
  registeredAt?: string | null;
};

export type FixtureReservation = {
  id: string;
  customerId: string;
  storeId: string;
  at: string;
  partySize: number;
  status: string;
};

export type FixtureTicket = {
  id: string;
  customerId: string;
  storeId: string | null;
  at: string;
  contactType: string;
  category: string;
  resolutionMinutes: number;
  nps: number | null;
};

export type CustomerChain = FixtureChain & {
  customers: FixtureCustomer[];
  reservations?: FixtureReservation[];
  tickets?: FixtureTicket[];
};

const instant = (local: string) => localToInstant(local).toISOString();

export async function loadCustomerChain(database: Database, chain: CustomerChain): Promise<void> {
  await loadFixtureChain(database, chain);
  const { db } = database;
  for (const c of chain.customers) {
    const row = {
      id: c.id,
      phone: c.phone ?? null,
      memberId: c.memberId ?? null,
      email: c.email ?? null,
      name: c.name ?? null,
      memberLevel: c.memberLevel ?? null,
      points: c.points ?? null,
      balance: c.balance === undefined || c.balance === null ? null : c.balance.toFixed(2),
      registeredAt: c.registeredAt ? instant(c.registeredAt) : null,
    };
    await db.insert(t.customers).values(row).onConflictDoUpdate({ target: t.customers.id, set: row });
  }
  if (chain.reservations?.length)
    await db.insert(t.reservations).values(
      chain.reservations.map((r) => ({
        id: r.id,
        customerId: r.customerId,
        storeId: r.storeId,
        reservedFor: instant(r.at),
        partySize: r.partySize,
        status: r.status,
        createdAt: instant(r.at),
      })),
    );
  if (chain.tickets?.length)
    await db.insert(t.serviceTickets).values(
      chain.tickets.map((k) => ({
        id: k.id,
        customerId: k.customerId,
        storeId: k.storeId,
        createdAt: instant(k.at),
        contactType: k.contactType,
        category: k.category,
        resolutionMinutes: k.resolutionMinutes,
        nps: k.nps,
      })),
    );
  await rebuildDerived(db);
  await bumpDataVersion(db);
}

/** Adds a completed order after the load and refreshes derived data like an import would (for cache tests). */
export async function addOrder(
  database: Database,
  o: { id: string; customerId: string; storeId: string; at: string; amount: number },
): Promise<void> {
  const at = localToInstant(o.at);
  await database.db.execute(
    sql`insert into orders (id, customer_id, store_id, ordered_at, day, hour, channel, order_type, amount, status)
        values (${o.id}, ${o.customerId}, ${o.storeId}, ${at.toISOString()}, ${shanghaiDay(at)},
                ${Number(o.at.slice(11, 13))}, 'pos', 'dine_in', ${o.amount.toFixed(2)}, 'completed')`,
  );
}
