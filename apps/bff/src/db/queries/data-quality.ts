/**
 * Data-quality figures (seed 1 §6.2, issue 7): completeness, duplicates, outliers and orphans — over the rows
 * one import brought in (its staging tables, read inside its transaction); the whole data's report reads the same
 * definitions in single passes (data-quality-overall.ts).
 * Outliers: a completed order's amount ≤ 0, or above the far-out fence Q3 + 3 × IQR of all completed
 * orders' amounts (Tukey); an instant in the future; an order before its store's opening day.
 * Only counts and order ids come out: never a phone, a name or an email.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { num, queryRows } from '../sql';

export type AmountNorm = {
  median: number | null;
  q1: number | null;
  q3: number | null;
  fence: number | null;
};

export async function amountNorm(db: Db): Promise<AmountNorm> {
  // The completed amounts' distribution (a few hundred distinct amounts on the large demo) instead of sorting
  // every completed order: the percentiles read from it are percentile_cont's (see percentileCont).
  const rows = await queryRows<{ amount: string; n: string }>(
    db,
    sql`select amount, count(*) as n from orders where status = 'completed' group by amount`,
  );
  return normOf(rows.map((r) => ({ value: Number(r.amount), count: num(r.n) })));
}

/** Median, quartiles and fence of amounts given as distinct values with their counts (any order). */
export function normOf(amounts: { value: number; count: number }[]): AmountNorm {
  // Numbers from numeric text are what percentile_cont's cast to float8 gives (both round correctly); distinct
  // numeric(14,2) amounts stay distinct and in order as float8.
  const sorted = amounts.filter((a) => a.count > 0).sort((x, y) => x.value - y.value);
  const q1 = percentileCont(sorted, 0.25);
  const q3 = percentileCont(sorted, 0.75);
  return { median: percentileCont(sorted, 0.5), q1, q3, fence: farOutFence(q1, q3) };
}

/**
 * percentile_cont(p) over the values `sorted` ascending with their counts, as PostgreSQL computes it (float8:
 * the rows at floor and ceil of p × (n − 1), interpolated as lo + (hi − lo) × fraction).
 */
export function percentileCont(sorted: { value: number; count: number }[], p: number): number | null {
  const n = sorted.reduce((s, v) => s + v.count, 0);
  if (n === 0) return null;
  const at = (row: number) => {
    let seen = 0;
    for (const v of sorted) {
      seen += v.count;
      if (row < seen) return v.value;
    }
    throw new Error('row out of range');
  };
  const pos = p * (n - 1);
  const first = Math.floor(pos);
  const second = Math.ceil(pos);
  const lo = at(first);
  return second > first ? lo + (at(second) - lo) * (pos - first) : lo;
}

/** Tukey's far-out fence Q3 + 3 × IQR, in cents. */
export function farOutFence(q1: number | null, q3: number | null): number | null {
  return q1 === null || q3 === null ? null : Math.round((q3 + 3 * (q3 - q1)) * 100) / 100;
}

export type OrderChecks = {
  orders: number;
  guestOrders: number;
  withoutChannel: number;
  withoutOrderType: number;
  nonPositiveAmount: number;
  aboveNorm: number;
  future: number;
  beforeStoreOpened: number;
  examples: {
    nonPositiveAmount: string[];
    aboveNorm: string[];
    future: string[];
    beforeStoreOpened: string[];
  };
};

/** Order checks over `source` (a table of orders: the orders table, or a job's staged orders). */
async function orderChecks(db: Db, source: SQL, fence: number | null): Promise<OrderChecks> {
  const above = fence === null ? sql`false` : sql`o.amount > ${fence}`;
  const [row] = await queryRows<Record<string, string>>(
    db,
    sql`select count(*) as orders,
          count(*) filter (where o.customer_id is null) as guest_orders,
          count(*) filter (where coalesce(trim(o.channel), '') in ('', 'unknown')) as without_channel,
          count(*) filter (where o.order_type is null) as without_order_type,
          count(*) filter (where coalesce(o.status, 'completed') = 'completed' and o.amount <= 0) as non_positive,
          count(*) filter (where coalesce(o.status, 'completed') = 'completed' and ${above}) as above_norm,
          count(*) filter (where o.ordered_at > now()) as future,
          count(*) filter (where o.day < s.opened_on) as before_opened
        from ${source} o left join stores s on s.id = o.store_id`,
  );
  const counts = {
    orders: num(row?.orders),
    guestOrders: num(row?.guest_orders),
    withoutChannel: num(row?.without_channel),
    withoutOrderType: num(row?.without_order_type),
    nonPositiveAmount: num(row?.non_positive),
    aboveNorm: num(row?.above_norm),
    future: num(row?.future),
    beforeStoreOpened: num(row?.before_opened),
  };
  return { ...counts, examples: await orderExamples(db, source, fence, counts) };
}

/** The first five order ids (by id) failing each outlier check that `counts` found orders for. */
export async function orderExamples(
  db: Db,
  source: SQL,
  fence: number | null,
  counts: Omit<OrderChecks, 'examples'>,
): Promise<OrderChecks['examples']> {
  // No such order: no query (each is a scan of the source).
  const examples = async (count: number, where: SQL) =>
    count === 0
      ? []
      : (
          await queryRows<{ id: string }>(
            db,
            sql`select o.id from ${source} o left join stores s on s.id = o.store_id where ${where}
                order by o.id limit 5`,
          )
        ).map((r) => r.id);
  const completed = sql`coalesce(o.status, 'completed') = 'completed'`;
  const above = fence === null ? sql`false` : sql`o.amount > ${fence}`;
  return {
    nonPositiveAmount: await examples(counts.nonPositiveAmount, sql`${completed} and o.amount <= 0`),
    aboveNorm: await examples(counts.aboveNorm, sql`${completed} and ${above}`),
    future: await examples(counts.future, sql`o.ordered_at > now()`),
    beforeStoreOpened: await examples(counts.beforeStoreOpened, sql`o.day < s.opened_on`),
  };
}

export type CustomerChecks = { customers: number; withoutPhone: number; withoutName: number; stubs: number };

async function customerChecks(db: Db, source: SQL): Promise<CustomerChecks> {
  const [row] = await queryRows<Record<string, string>>(
    db,
    sql`select count(*) as customers,
          count(*) filter (where coalesce(trim(c.phone), '') = '') as without_phone,
          count(*) filter (where coalesce(trim(c.name), '') = '') as without_name,
          count(*) filter (where c.phone is null and c.member_id is null and c.email is null and c.name is null
                             and c.registered_at is null) as stubs
        from ${source} c`,
  );
  return {
    customers: num(row?.customers),
    withoutPhone: num(row?.without_phone),
    withoutName: num(row?.without_name),
    stubs: num(row?.stubs),
  };
}

export type ImportQualityFigures = { norm: AmountNorm; orders: OrderChecks; customers: CustomerChecks };

/** The checks over the rows one import staged and kept (call inside its transaction, after the merge). */
export async function stagedQuality(db: Db): Promise<ImportQualityFigures> {
  const norm = await amountNorm(db);
  return {
    norm,
    orders: await orderChecks(db, sql`import_stage_orders`, norm.fence),
    customers: await customerChecks(db, sql`import_stage_customers`),
  };
}
