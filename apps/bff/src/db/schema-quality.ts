/**
 * The whole data's quality report (features/quality), computed once per data version in the background and
 * shared by every BFF process and restart. The body is the report's JSON text (as precomputed_results keeps
 * answers): the page reads it as it was computed. Only the newest version's row is kept, and shown as the
 * previous report while the next one is computed.
 */
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const dataQualityReports = pgTable('data_quality_reports', {
  dataVersion: integer().primaryKey(),
  body: text().notNull(),
  computedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});
