/**
 * The customers a suggestion targets, for its stored scope: one page, or every row as CSV. Same rules as the
 * segment lists: never for executives (route policy), a store manager only for their own stores, masked for
 * all but admin, every look and export audited.
 */
import { SEGMENT_FLAGS, SEGMENT_LABELS } from '@portrait/shared/segments';
import type {
  EvidenceScope,
  Localized,
  SuggestionCustomersPage,
  SuggestionTarget,
  SuggestionType,
} from '@portrait/shared/suggestions';
import type { Db } from '../../db/client';
import { getDataVersion } from '../../db/queries/data-meta';
import { targetCustomers } from '../../db/queries/suggestion-targets';
import type { SuggestionRow } from '../../db/queries/suggestions';
import { audit } from '../auth/audit-service';
import type { Viewer } from '../auth/viewer';
import { customersCsv, presentCustomer } from '../customers/segment-customers';
import { segmentList, type ListColumns } from '../customers/segment-list';
import type { SuggestionsService } from './suggestions-service';

/** File names of exports whose target is not a segment. */
const TYPE_LABELS: Record<SuggestionType, Localized> = {
  vip_care: { zh: 'VIP关怀', en: 'vip-care' },
  winback: { zh: '挽回', en: 'win-back' },
  repurchase_reminder: { zh: '复购提醒', en: 'repurchase-reminder' },
  first_to_second: { zh: '新客二单', en: 'second-order' },
  cross_sell: { zh: '交叉销售', en: 'cross-sell' },
  off_peak: { zh: '低谷时段', en: 'off-peak' },
  channel_shift: { zh: '渠道转移', en: 'channel-shift' },
};

async function query(
  db: Db,
  columns: ListColumns,
  row: SuggestionRow,
  page: { limit: number | null; offset: number },
) {
  const scope = (row.evidence as { scope: EvidenceScope }).scope;
  const target = row.target as SuggestionTarget;
  const period = { from: scope.from, to: scope.to };
  if (target.kind !== 'segment') return targetCustomers(db, period, scope.stores, target.definition, page);
  // The list is of the data as it is now (as the SQL's), so the copy must hold the current version.
  const version = columns ? await getDataVersion(db) : 0;
  return segmentList(db, columns, version, {
    period,
    stores: scope.stores,
    flags: SEGMENT_FLAGS[target.segment],
    ...page,
  });
}

function auditDetail(row: SuggestionRow) {
  return {
    suggestion: row.id,
    type: row.type,
    target: row.target,
    scope: (row.evidence as { scope: EvidenceScope }).scope,
  };
}

/**
 * `db` reads (a replica when there is one); the audit rows are written to `primary`. `columns`: segment targets
 * are answered from them when they hold the current data version.
 */
export function createSuggestionCustomersService(
  db: Db,
  suggestions: SuggestionsService,
  primary: Db = db,
  columns: ListColumns = null,
) {
  async function page(
    viewer: Viewer,
    id: number,
    paging: { page: number; pageSize: number },
  ): Promise<SuggestionCustomersPage> {
    const row = await suggestions.forViewer(viewer, id);
    const result = await query(db, columns, row, {
      limit: paging.pageSize,
      offset: (paging.page - 1) * paging.pageSize,
    });
    await audit(primary, viewer, 'view_customer_list', `suggestion:${id}`, {
      ...auditDetail(row),
      page: paging.page,
      rows: result.rows.length,
    });
    return {
      suggestionId: id,
      total: result.total,
      page: paging.page,
      pageSize: paging.pageSize,
      customers: result.rows.map((r) => presentCustomer(viewer, r)),
    };
  }

  async function exportCsv(viewer: Viewer, id: number, lang: 'zh' | 'en') {
    const row = await suggestions.forViewer(viewer, id);
    const result = await query(db, columns, row, { limit: null, offset: 0 });
    await audit(primary, viewer, 'export', `suggestion:${id}`, {
      ...auditDetail(row),
      rows: result.rows.length,
      format: 'csv',
    });
    const target = row.target as SuggestionTarget;
    const label =
      target.kind === 'segment'
        ? SEGMENT_LABELS[target.segment][lang]
        : TYPE_LABELS[row.type as SuggestionType][lang];
    return {
      filename: `${label}_${row.rangeFrom}_${row.rangeTo}.csv`,
      csv: customersCsv(
        result.rows.map((r) => presentCustomer(viewer, r)),
        lang,
      ),
    };
  }

  return { page, exportCsv };
}
export type SuggestionCustomersService = ReturnType<typeof createSuggestionCustomersService>;
