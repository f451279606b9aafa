/**
 * An RFM segment's customer list (`segmentCustomers`, db/queries/segment-customers.ts) answered from the in-memory
 * columns, identical to the SQL: the scope's active customers with F = Σ orders, M = Σ revenue (integer cents),
 * their last day and R = `to` − last day, split by the same integer comparisons as `customerFigures`
 * (customer-pass.ts), ordered by M desc and then customer id under the database's collation, which JavaScript
 * cannot reproduce. So the pass sorts by M only and hands back the page's window widened to whole runs of equal M,
 * each run numbered; one primary-key read (`segmentPageDetails`) orders each run by id in the database and cuts the
 * page out of it, with the customers' details. It is personal data: nothing here is kept between questions.
 */
import type { RfmFlags } from '@portrait/shared/segments';
import type { Db } from '../../db/client';
import type { Period } from '../../db/queries/portrait';
import {
  segmentPageDetails,
  toCustomerListRow,
  type SegmentCustomerRow,
} from '../../db/queries/segment-customers';
import type { StoreFilter } from '../../db/queries/scope-sql';
import type { CustomerColumns } from './columns';
import { epochDay, rfmSums, scanOrdersCentsLast, storeOrdinals } from './customer-pass';
import { customerScratch } from './customer-scratch';
import { customerIdOf } from './slipping-columns';

/** One customer of the widened window: id, figures, and the number of its run of equal M (runs in M desc order). */
export type SegmentWindowRow = {
  customerId: string;
  run: number;
  orders: number;
  cents: number;
  lastDay: number;
};

/**
 * The segment's `total` and its rows `offset − skip` … (the page's rows widened to whole runs of equal M, in run
 * order; within a run in no particular order): the page is rows `skip` … `skip + limit − 1` once each run is
 * ordered by customer id. `limit` null: to the end. Null when a sum could leave exact integers (the SQL answers).
 */
export function columnsSegmentWindow(
  columns: CustomerColumns,
  p: Period,
  stores: StoreFilter,
  flags: RfmFlags,
  limit: number | null,
  offset: number,
): { total: number; skip: number; rows: SegmentWindowRow[] } | null {
  const from = epochDay(p.from);
  const to = epochDay(p.to);
  const scratch = customerScratch(columns);
  const { touched, f, m, last } = scratch;
  const n = scanOrdersCentsLast(columns, storeOrdinals(columns, stores), from, to, scratch);
  const sums = rfmSums(touched, n, f, m, last, to);
  if (!sums) return null;
  const { sf, sm, sr } = sums;

  // The members, with the range of their M for the sort key below.
  const members = new Int32Array(n);
  let total = 0;
  let minM = Infinity;
  let maxM = -Infinity;
  for (let k = 0; k < n; k++) {
    const c = touched[k]!;
    if ((to - last[c]!) * n <= sr !== flags.recent) continue;
    if (f[c]! * n >= sf !== flags.frequent) continue;
    if (m[c]! * n >= sm !== flags.valuable) continue;
    members[total++] = c;
    if (m[c]! < minM) minM = m[c]!;
    if (m[c]! > maxM) maxM = m[c]!;
  }
  const start = Math.min(offset, total);
  const end = limit === null ? total : Math.min(offset + limit, total);
  if (start === end) return { total, skip: 0, rows: [] };

  // M desc: one native numeric sort of (maxM − M) × customers + ordinal when that stays exact, else a comparator.
  const list = members.subarray(0, total);
  const width = columns.customers;
  let order: ArrayLike<number>;
  if (Number.isSafeInteger((maxM - minM + 1) * width)) {
    const keys = new Float64Array(total);
    for (let k = 0; k < total; k++) keys[k] = (maxM - m[list[k]!]!) * width + list[k]!;
    keys.sort();
    for (let k = 0; k < total; k++) list[k] = keys[k]! % width;
    order = list;
  } else order = list.sort((a, b) => m[b]! - m[a]!);

  // Widen the page to whole runs of equal M: the database orders each run by id.
  let lo = start;
  while (lo > 0 && m[order[lo - 1]!] === m[order[start]!]) lo--;
  let hi = end;
  while (hi < total && m[order[hi]!] === m[order[end - 1]!]) hi++;
  const rows: SegmentWindowRow[] = [];
  let run = 0;
  for (let k = lo; k < hi; k++) {
    const c = order[k]!;
    if (k > lo && m[c] !== m[order[k - 1]!]) run++;
    rows.push({ customerId: customerIdOf(columns, c), run, orders: f[c]!, cents: m[c]!, lastDay: last[c]! });
  }
  return { total, skip: start - lo, rows };
}

const isoDay = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

/**
 * The page of the segment's list as `segmentCustomers` returns it, from the columns plus one read of the page's
 * details; null when the columns cannot answer (the caller asks the SQL).
 */
export async function columnsSegmentCustomers(
  db: Db,
  columns: CustomerColumns,
  a: { period: Period; stores: StoreFilter; flags: RfmFlags; limit: number | null; offset: number },
): Promise<{ total: number; rows: SegmentCustomerRow[] } | null> {
  const window = columnsSegmentWindow(columns, a.period, a.stores, a.flags, a.limit, a.offset);
  if (!window) return null;
  const byId = new Map(window.rows.map((r) => [r.customerId, r]));
  const details = await segmentPageDetails(
    db,
    window.rows.map((r) => r.customerId),
    window.rows.map((r) => r.run),
    window.skip,
    a.limit,
  );
  const to = epochDay(a.period.to);
  return {
    total: window.total,
    rows: details.map((d) => {
      const r = byId.get(d.customer_id)!;
      return toCustomerListRow({
        ...d,
        f: String(r.orders),
        m: String(r.cents / 100),
        last_day: isoDay(r.lastDay),
        r: to - r.lastDay,
        total: String(window.total),
      });
    }),
  };
}
