/**
 * An RFM segment's customer list, from the in-memory columns when they hold the request's data version, else by
 * the SQL (identical answers: segment-columns.ts). Shared by the segment lists and the suggestions' segment targets.
 * Personal data: never cached; the callers mask and audit.
 */
import type { RfmFlags } from '@portrait/shared/segments';
import type { Db } from '../../db/client';
import type { Period } from '../../db/queries/portrait';
import type { StoreFilter } from '../../db/queries/scope-sql';
import { segmentCustomers, type SegmentCustomerRow } from '../../db/queries/segment-customers';
import type { Logger } from '../../lib/logger';
import type { CustomerColumnsService } from '../customer-columns/customer-columns-service';
import { columnsSegmentCustomers } from '../customer-columns/segment-columns';

/** The in-memory columns the lists are answered from (null: always the SQL). */
export type ListColumns = {
  service: Pick<CustomerColumnsService, 'customerRows'>;
  logger?: Logger;
} | null;

export async function segmentList(
  db: Db,
  columns: ListColumns,
  version: number,
  a: { period: Period; stores: StoreFilter; flags: RfmFlags; limit: number | null; offset: number },
): Promise<{ total: number; rows: SegmentCustomerRow[] }> {
  const rows = columns?.service.customerRows(version) ?? null;
  if (rows)
    try {
      const answer = await columnsSegmentCustomers(db, rows, a);
      if (answer) return answer;
    } catch (err) {
      columns?.logger?.warn({ err }, 'segment columns: not answered; the SQL answers');
    }
  return segmentCustomers(db, a.period, a.stores, a.flags, { limit: a.limit, offset: a.offset });
}
