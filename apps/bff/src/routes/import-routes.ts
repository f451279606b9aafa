import { pageQuerySchema } from '@portrait/shared/imports';
import { z } from 'zod';
import type { ImportService } from '../features/import/import-service';
import type { QualityService } from '../features/quality/quality-service';
import { parseOrThrow } from '../lib/validate';
import { ADMIN_ONLY, type RouteDef } from './route-table';

const idParam = z.object({ id: z.coerce.number({ error: 'id must be a number' }).int().positive() });
const paging = (query: Record<string, unknown>) =>
  parseOrThrow(pageQuerySchema, { page: query.page, pageSize: query.pageSize });

/** Bringing data in: admins only (rejected rows hold raw, possibly personal, data). */
export function importRoutes(imports: ImportService): RouteDef[] {
  const access = ADMIN_ONLY;
  return [
    {
      method: 'post',
      path: '/api/v1/admin/imports',
      access,
      handler: ({ req, viewer }) => imports.upload(viewer, req),
    },
    {
      method: 'get',
      path: '/api/v1/admin/imports',
      access,
      handler: ({ req }) => {
        const { page, pageSize } = paging(req.query);
        return imports.jobs(page, pageSize);
      },
    },
    {
      method: 'get',
      path: '/api/v1/admin/imports/context',
      access,
      handler: () => imports.context(),
    },
    {
      method: 'get',
      path: '/api/v1/admin/imports/:id',
      access,
      handler: ({ req }) => imports.job(parseOrThrow(idParam, req.params).id),
    },
    {
      method: 'get',
      path: '/api/v1/admin/imports/:id/rejects',
      access,
      handler: ({ req }) => {
        const { page, pageSize } = paging(req.query);
        return imports.rejects(parseOrThrow(idParam, req.params).id, page, pageSize);
      },
    },
    {
      method: 'get',
      path: '/api/v1/admin/imports/:id/rejects.csv',
      access,
      handler: async ({ req, res, viewer }) => {
        await imports.rejectsCsv(viewer, parseOrThrow(idParam, req.params).id, res);
        return null;
      },
    },
    { method: 'get', path: '/api/v1/admin/sync', access, handler: () => imports.syncStatus() },
    { method: 'post', path: '/api/v1/admin/sync', access, handler: ({ viewer }) => imports.syncNow(viewer) },
  ];
}

/** The data-quality report: aggregates and order ids only, for admins and analysts (PRODUCT §5). */
export function qualityRoutes(quality: QualityService): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/v1/data-quality',
      access: ['admin', 'analyst'],
      handler: () => quality.report(),
    },
  ];
}
