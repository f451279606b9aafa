import { pageQuerySchema, segmentKeySchema } from '@portrait/shared/customers';
import { z } from 'zod';
import type { SegmentCustomersService } from '../features/customers/segment-customers';
import { parseOrThrow } from '../lib/validate';
import { scopeOf } from './portrait-routes';
import { CUSTOMER_ROLES, type RouteDef } from './route-table';

const segmentParam = z.object({ key: segmentKeySchema });
const langQuery = z.object({ lang: z.enum(['zh', 'en'], { error: 'lang must be zh or en' }).default('zh') });

/** Customer-level lists: never for executives; masked for all but admin; every look and export audited. */
export function customerRoutes(segmentCustomers: SegmentCustomersService): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/v1/portrait/segments/:key/customers',
      access: CUSTOMER_ROLES,
      handler: ({ req, viewer }) => {
        const scope = scopeOf(req);
        const { key } = parseOrThrow(segmentParam, req.params);
        const paging = parseOrThrow(pageQuerySchema, { page: req.query.page, pageSize: req.query.pageSize });
        return segmentCustomers.page(viewer, scope, key, paging);
      },
    },
    {
      method: 'get',
      path: '/api/v1/portrait/segments/:key/customers.csv',
      access: CUSTOMER_ROLES,
      handler: async ({ req, res, viewer }) => {
        const scope = scopeOf(req);
        const { key } = parseOrThrow(segmentParam, req.params);
        const { lang } = parseOrThrow(langQuery, { lang: req.query.lang });
        const { filename, csv } = await segmentCustomers.exportCsv(viewer, scope, key, lang);
        res.setHeader('content-type', 'text/csv; charset=utf-8');
        res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
        res.send(csv);
        return null;
      },
    },
  ];
}
