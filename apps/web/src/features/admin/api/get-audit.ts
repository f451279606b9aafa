import { auditPageSchema, type AuditAction, type AuditPage } from '@portrait/shared/auth';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export type AuditQuery = {
  action?: AuditAction;
  username?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
};

export function auditParams(q: AuditQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (q.action) params.set('action', q.action);
  if (q.username) params.set('username', q.username);
  if (q.from) params.set('from', q.from);
  if (q.to) params.set('to', q.to);
  params.set('page', String(q.page));
  params.set('pageSize', String(q.pageSize));
  return params;
}

export function getAudit(q: AuditQuery, signal?: AbortSignal): Promise<AuditPage> {
  return apiGet('/admin/audit', auditPageSchema, { params: auditParams(q), signal });
}

export function auditQueryOptions(q: AuditQuery) {
  return queryOptions({
    queryKey: ['admin', 'audit', q],
    queryFn: ({ signal }) => getAudit(q, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAudit(q: AuditQuery) {
  return useQuery(auditQueryOptions(q));
}
