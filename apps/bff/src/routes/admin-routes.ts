import { auditQuerySchema, resetPasswordSchema, type AuditPage } from '@portrait/shared/auth';
import { z } from 'zod';
import type { Db } from '../db/client';
import { listAudit } from '../db/queries/audit';
import type { UsersService } from '../features/admin/users-service';
import { parseOrThrow } from '../lib/validate';
import { ADMIN_ONLY, type RouteDef } from './route-table';

const idParam = z.object({ id: z.coerce.number({ error: 'id must be a number' }).int().positive() });

export function adminRoutes(db: Db, users: UsersService): RouteDef[] {
  const access = ADMIN_ONLY;
  return [
    { method: 'get', path: '/api/v1/admin/users', access, handler: () => users.list() },
    {
      method: 'post',
      path: '/api/v1/admin/users',
      access,
      handler: ({ req, viewer }) => users.create(viewer, req.body),
    },
    {
      method: 'put',
      path: '/api/v1/admin/users/:id',
      access,
      handler: ({ req, viewer }) => users.update(viewer, parseOrThrow(idParam, req.params).id, req.body),
    },
    {
      method: 'post',
      path: '/api/v1/admin/users/:id/password',
      access,
      handler: async ({ req, viewer }) => {
        const { id } = parseOrThrow(idParam, req.params);
        const { password } = parseOrThrow(resetPasswordSchema, req.body);
        await users.resetPassword(viewer, id, password);
        return { reset: true };
      },
    },
    {
      method: 'get',
      path: '/api/v1/admin/audit',
      access,
      handler: async ({ req }): Promise<AuditPage> => {
        const q = parseOrThrow(auditQuerySchema, req.query);
        const page = await listAudit(db, {
          action: q.action,
          username: q.username,
          from: q.from,
          to: q.to,
          limit: q.pageSize,
          offset: (q.page - 1) * q.pageSize,
        });
        return {
          total: page.total,
          entries: page.entries.map((e) => ({
            id: e.id,
            at: e.at,
            username: e.username,
            role: e.role,
            ip: e.ip,
            action: e.action as AuditPage['entries'][number]['action'],
            target: e.target,
            detail: (e.detail as Record<string, unknown> | null) ?? null,
          })),
        };
      },
    },
  ];
}
