/**
 * Customer search (`/api/v1/customer360/search`): the request, the answer, and how a typed query is read. The seed
 * marks search "in development"; ours reads phones, names, member ids, emails and customer ids.
 */
import { z } from 'zod';
import { optionalText } from './customer360';

export const SEARCH_DEFAULT_LIMIT = 20;
export const SEARCH_MAX_LIMIT = 50;

export const searchQuerySchema = z.object({
  query: z
    .string({ error: 'query is required (part of a name or phone, a member id or an email)' })
    .trim()
    .min(1, 'query is required (part of a name or phone, a member id or an email)')
    .max(64, 'query is longer than 64 characters'),
  store_id: optionalText('store_id', 64),
  limit: z.coerce
    .number({ error: `limit must be a number from 1 to ${SEARCH_MAX_LIMIT}` })
    .int(`limit must be a whole number from 1 to ${SEARCH_MAX_LIMIT}`)
    .min(1, `limit must be from 1 to ${SEARCH_MAX_LIMIT}`)
    .max(SEARCH_MAX_LIMIT, `limit must be at most ${SEARCH_MAX_LIMIT}`)
    .default(SEARCH_DEFAULT_LIMIT),
  page: z.coerce
    .number({ error: 'page must be a number' })
    .int('page must be a whole number')
    .min(1, 'page must be at least 1')
    .max(10_000, 'page must be at most 10000')
    .default(1),
});
export type SearchQuery = z.output<typeof searchQuerySchema>;

export const SEARCH_MATCHES = ['phone', 'member_id', 'email', 'customer_id', 'name'] as const;
export type SearchMatch = (typeof SEARCH_MATCHES)[number];

export const customerSearchResultSchema = z.object({
  customer_id: z.string(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  member_id: z.string().nullable(),
  member_level: z.string().nullable(),
  /** Completed orders and last order day in the stores the viewer may see. */
  total_orders: z.number().int(),
  last_order_day: z.string().nullable(),
  home_store_id: z.string().nullable(),
  home_store_name: z.string().nullable(),
});
export type CustomerSearchResult = z.infer<typeof customerSearchResultSchema>;

export const customerSearchPageSchema = z.object({
  query: z.string(),
  /** What the query was read as. */
  matched_by: z.enum(SEARCH_MATCHES),
  total: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
  customers: z.array(customerSearchResultSchema),
});
export type CustomerSearchPage = z.infer<typeof customerSearchPageSchema>;

// ---------- reading what was typed ----------

/** A phone as typed (`138 1234 8000`, `+86-138-1234-8000`) reduced to its digits, or null when it is not one. */
export function normalizePhone(text: string): string | null {
  const stripped = text.replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(stripped)) return null;
  const digits = stripped.replace(/^\+/, '');
  // A mainland number with the country code: 86 / 0086 + 11 digits.
  const national = digits.replace(/^(?:0086|86)(1\d{10})$/, '$1');
  return national;
}

/** Fewer digits match too many phones to be useful (3 digits: one customer in eight at 1,000,000). */
export const MIN_PHONE_DIGITS = 4;

/** How a search query is read: digits are a phone, M… a member id, …@… an email, C… a customer id, else a name. */
export function classifySearch(query: string): { match: SearchMatch; term: string } {
  const q = query.trim();
  const phone = normalizePhone(q);
  if (phone !== null) return { match: 'phone', term: phone };
  if (q.includes('@')) return { match: 'email', term: q.toLowerCase() };
  if (/^[Mm]\d+$/.test(q)) return { match: 'member_id', term: q.toUpperCase() };
  if (/^[Cc]\d+$/.test(q)) return { match: 'customer_id', term: q.toUpperCase() };
  return { match: 'name', term: q };
}
