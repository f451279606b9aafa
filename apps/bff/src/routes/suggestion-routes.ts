import type { Role } from '@portrait/shared/auth';
import { pageQuerySchema } from '@portrait/shared/customers';
import { suggestionIdSchema, suggestionStatusRequestSchema } from '@portrait/shared/suggestions';
import { z } from 'zod';
import type { SuggestionCustomersService } from '../features/suggestions/suggestion-customers';
import type { SuggestionsService } from '../features/suggestions/suggestions-service';
import { parseOrThrow } from '../lib/validate';
import { scopeOf } from './portrait-routes';
import { ALL_ROLES, CUSTOMER_ROLES, type RouteDef } from './route-table';

/** Regenerating on demand costs a full analysis: the analysts' (and admins') call. */
const GENERATE_ROLES = ['admin', 'analyst'] as const satisfies readonly Role[];
/** Deciding on a suggestion: those who act on customers; a store manager only within their stores. */
const DECIDE_ROLES = CUSTOMER_ROLES;

const langQuery = z.object({ lang: z.enum(['zh', 'en'], { error: 'lang must be zh or en' }).default('zh') });

/**
 * Suggestions are aggregates (every role reads them); their target lists are customer-level (never executives,
 * masked for all but admin, audited, a store manager only for their stores).
 */
export function suggestionRoutes(
  suggestions: SuggestionsService,
  customers: SuggestionCustomersService,
): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/v1/portrait/suggestions',
      access: ALL_ROLES,
      handler: ({ req, viewer }) => suggestions.list(viewer, scopeOf(req)),
    },
    {
      method: 'post',
      path: '/api/v1/portrait/suggestions',
      access: GENERATE_ROLES,
      handler: ({ req, viewer }) => suggestions.regenerate(viewer, scopeOf(req)),
    },
    {
      method: 'post',
      path: '/api/v1/suggestions/:id/status',
      access: DECIDE_ROLES,
      handler: ({ req, viewer }) => {
        const { id } = parseOrThrow(suggestionIdSchema, req.params);
        const { status } = parseOrThrow(suggestionStatusRequestSchema, req.body ?? {});
        return suggestions.setStatus(viewer, id, status);
      },
    },
    {
      method: 'get',
      path: '/api/v1/suggestions/:id/customers',
      access: CUSTOMER_ROLES,
      handler: ({ req, viewer }) => {
        const { id } = parseOrThrow(suggestionIdSchema, req.params);
        const paging = parseOrThrow(pageQuerySchema, { page: req.query.page, pageSize: req.query.pageSize });
        return customers.page(viewer, id, paging);
      },
    },
    {
      method: 'get',
      path: '/api/v1/suggestions/:id/customers.csv',
      access: CUSTOMER_ROLES,
      handler: async ({ req, res, viewer }) => {
        const { id } = parseOrThrow(suggestionIdSchema, req.params);
        const { lang } = parseOrThrow(langQuery, { lang: req.query.lang });
        const { filename, csv } = await customers.exportCsv(viewer, id, lang);
        res.setHeader('content-type', 'text/csv; charset=utf-8');
        res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
        res.send(csv);
        return null;
      },
    },
  ];
}
