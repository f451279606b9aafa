import { maskPersonal } from '@portrait/shared/masking';
import type { SegmentCustomersPage } from '@portrait/shared/customers';
import type { RiskBandKey } from '@portrait/shared/models';
import type { Scope } from '@portrait/shared/scope';
import { SEGMENT_FLAGS, SEGMENT_LABELS, type SegmentKey } from '@portrait/shared/segments';
import type { Db } from '../../db/client';
import type { SegmentCustomerRow } from '../../db/queries/segment-customers';
import { audit } from '../auth/audit-service';
import { seesPersonalData, type Viewer } from '../auth/viewer';
import type { ScopeResolver } from '../portrait/scope-resolver';
import { round2 } from '../portrait/kpis';
import { toCsv } from './csv';
import { segmentList, type ListColumns } from './segment-list';

const RISK_BAND_ZH: Record<RiskBandKey, string> = { low: '低风险', medium: '中风险', high: '高风险' };

/** Masks personal fields unless the viewer is an admin: the one gate every customer-level response passes. */
export function presentCustomer(viewer: Viewer, row: SegmentCustomerRow): SegmentCustomerRow {
  const shown = { ...row, revenue: round2(row.revenue) };
  return seesPersonalData(viewer) ? shown : maskPersonal(shown);
}

/** The CSV of already presented (masked) customer rows, with a header in the chosen language. */
export function customersCsv(rows: SegmentCustomerRow[], lang: 'zh' | 'en'): string {
  const header =
    lang === 'zh'
      ? [
          '客户ID',
          '姓名',
          '手机',
          '邮箱',
          '会员等级',
          '订单数',
          '消费金额',
          '最近消费日',
          '距今天数',
          '流失风险',
          '风险等级',
        ]
      : [
          'customer_id',
          'name',
          'phone',
          'email',
          'member_level',
          'orders',
          'revenue',
          'last_day',
          'recency_days',
          'churn_risk',
          'risk_band',
        ];
  const body = rows.map((r) => [
    r.customerId,
    r.name,
    r.phone,
    r.email,
    r.memberLevel,
    r.orders,
    r.revenue.toFixed(2),
    r.lastDay,
    r.recencyDays,
    r.churnRisk === null ? '' : r.churnRisk.toFixed(4),
    r.riskBand === null ? '' : lang === 'zh' ? RISK_BAND_ZH[r.riskBand] : r.riskBand,
  ]);
  return toCsv([header, ...body]);
}

/**
 * `db` reads (a replica when there is one); the audit rows are written to `primary`. `columns`: the lists are
 * answered from them when they hold the request's data version.
 */
export function createSegmentCustomersService(
  db: Db,
  scopes: ScopeResolver,
  primary: Db = db,
  columns: ListColumns = null,
) {
  async function page(
    viewer: Viewer,
    scope: Scope,
    segment: SegmentKey,
    paging: { page: number; pageSize: number },
  ): Promise<SegmentCustomersPage> {
    const { version, stores } = await scopes.resolve(scope, viewer.allowedStores);
    const result = await segmentList(db, columns, version, {
      period: scope,
      stores,
      flags: SEGMENT_FLAGS[segment],
      limit: paging.pageSize,
      offset: (paging.page - 1) * paging.pageSize,
    });
    await audit(primary, viewer, 'view_customer_list', segment, {
      scope,
      page: paging.page,
      rows: result.rows.length,
    });
    return {
      segment,
      total: result.total,
      page: paging.page,
      pageSize: paging.pageSize,
      customers: result.rows.map((r) => presentCustomer(viewer, r)),
    };
  }

  async function exportCsv(viewer: Viewer, scope: Scope, segment: SegmentKey, lang: 'zh' | 'en') {
    const { version, stores } = await scopes.resolve(scope, viewer.allowedStores);
    const result = await segmentList(db, columns, version, {
      period: scope,
      stores,
      flags: SEGMENT_FLAGS[segment],
      limit: null,
      offset: 0,
    });
    await audit(primary, viewer, 'export', segment, { scope, rows: result.rows.length, format: 'csv' });
    const rows = result.rows.map((r) => presentCustomer(viewer, r));
    const label = SEGMENT_LABELS[segment][lang];
    return { filename: `${label}_${scope.from}_${scope.to}.csv`, csv: customersCsv(rows, lang) };
  }

  return { page, exportCsv };
}
export type SegmentCustomersService = ReturnType<typeof createSegmentCustomersService>;
