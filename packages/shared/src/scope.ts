import { z } from 'zod';
import { isIsoDay, previousPeriod, rangeLength } from './dates';

/** Longest range one request may ask for (PRODUCT §3 allows custom ranges; three years bounds the work). */
export const MAX_RANGE_DAYS = 3 * 365 + 1;
const MAX_LIST_ITEMS = 500;
const MAX_ITEM_LENGTH = 64;

const isoDaySchema = (name: string) =>
  z
    .string({ error: `${name} is required (YYYY-MM-DD)` })
    .refine(isIsoDay, { message: `${name} must be a real calendar date in the form YYYY-MM-DD` });

/** `city=a&city=b` and `city=a,b` both mean [a, b]; blanks are dropped and repeats removed. */
const listParam = (name: string) =>
  z
    .union([z.string(), z.array(z.string())], { error: `${name} must be a string or a list of strings` })
    .optional()
    .transform((value) => {
      const raw = value === undefined ? [] : Array.isArray(value) ? value : [value];
      return [
        ...new Set(
          raw
            .flatMap((v) => v.split(','))
            .map((v) => v.trim())
            .filter((v) => v.length > 0),
        ),
      ];
    })
    .refine((list) => list.length <= MAX_LIST_ITEMS, { message: `at most ${MAX_LIST_ITEMS} ${name} values` })
    .refine((list) => list.every((v) => v.length <= MAX_ITEM_LENGTH), {
      message: `a ${name} value is longer than ${MAX_ITEM_LENGTH} characters`,
    });

/** The scope of every dashboard number (PRODUCT §3), as it arrives in a query string. */
export const scopeQuerySchema = z
  .object({
    from: isoDaySchema('from'),
    to: isoDaySchema('to'),
    city: listParam('city'),
    store: listParam('store'),
  })
  .superRefine((q, ctx) => {
    if (!isIsoDay(q.from) || !isIsoDay(q.to)) return;
    if (q.from > q.to) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: `from (${q.from}) is after to (${q.to})` });
      return;
    }
    if (rangeLength(q.from, q.to) > MAX_RANGE_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `the range ${q.from}..${q.to} is longer than ${MAX_RANGE_DAYS} days`,
      });
    }
  });
export type ScopeQuery = z.input<typeof scopeQuerySchema>;

/** A validated scope: cities and stores are names / ids that exist (checked by the BFF), empty = all. */
export type Scope = { from: string; to: string; cities: string[]; stores: string[] };

export function toScope(q: z.output<typeof scopeQuerySchema>): Scope {
  return { from: q.from, to: q.to, cities: q.city, stores: q.store };
}

export function previousScope(scope: Scope): Scope {
  return { ...scope, ...previousPeriod(scope.from, scope.to) };
}

export const scopeEchoSchema = z.object({
  from: z.string(),
  to: z.string(),
  cities: z.array(z.string()),
  stores: z.array(z.string()),
  previousFrom: z.string(),
  previousTo: z.string(),
});
export type ScopeEcho = z.infer<typeof scopeEchoSchema>;

/** Serialises a scope back into query-string pairs (the web uses it for API calls and for the URL). */
export function scopeToSearchParams(scope: Scope): URLSearchParams {
  const p = new URLSearchParams({ from: scope.from, to: scope.to });
  for (const c of scope.cities) p.append('city', c);
  for (const s of scope.stores) p.append('store', s);
  return p;
}
