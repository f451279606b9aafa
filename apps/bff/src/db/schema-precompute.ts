/**
 * Dashboard answers computed ahead for the preset scopes (features/precompute), shared by every BFF process.
 * The body is the answer's JSON text, not jsonb: jsonb reorders object keys, and a precomputed answer must be
 * byte-identical to computing it. The data version in the key makes an answer of older data unreachable.
 */
import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const precomputedResults = pgTable(
  'precomputed_results',
  {
    dataVersion: integer().notNull(),
    /** The panel or endpoint: `kpis`, `segments`, `geo`, `paths:5`, … */
    endpoint: text().notNull(),
    /** `${from}|${to}|${stores}` after access control (stores: `*` or the sorted ids, hashed when long). */
    scopeKey: text().notNull(),
    body: text().notNull(),
    computedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.dataVersion, t.endpoint, t.scopeKey] })],
);
