/**
 * AI marketing suggestions (seed 3: `ai_marketing_suggestions`). One row per suggestion of one scope, found again
 * by a stable key (scope + type + target) so that its status survives regeneration.
 */
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

const instant = () => timestamp({ withTimezone: true, mode: 'string' });

export const aiMarketingSuggestions = pgTable(
  'ai_marketing_suggestions',
  {
    id: serial().primaryKey(),
    /** `${scopeKey}|${type}|${targetKey}`: the same suggestion of the same scope, across regenerations. */
    stableKey: text().notNull().unique(),
    /** `${from}|${to}|${storesKey}`. */
    scopeKey: text().notNull(),
    /** '*' for the whole chain, else a hash of the sorted store ids (ids can be many). */
    storesKey: text().notNull(),
    /** The resolved store ids (null = whole chain): who may act on it and whose customers it lists. */
    stores: jsonb().$type<string[] | null>(),
    rangeFrom: date({ mode: 'string' }).notNull(),
    rangeTo: date({ mode: 'string' }).notNull(),
    rangeDays: integer().notNull(),
    type: text().notNull(),
    targetKey: text().notNull(),
    /** False when the latest generation of its scope no longer produced it (kept for its status history). */
    active: boolean().notNull().default(true),
    dataVersion: integer().notNull(),
    priority: text().notNull(),
    valueAtStake: numeric({ precision: 14, scale: 2 }).notNull(),
    target: jsonb().notNull(),
    targetSize: integer().notNull(),
    /** The rule text, {title:{zh,en}, content:{zh,en}}: always kept, shown when no rewrite passed the checks. */
    ruleText: jsonb().notNull(),
    /** Hash of what the language model is given; a rewrite is reused while it is unchanged. */
    textHash: text().notNull(),
    llmText: jsonb(),
    /** none (no model configured) · pending · accepted · rejected */
    llmState: text().notNull().default('none'),
    llmReason: text(),
    expectedEffect: jsonb().notNull(),
    evidence: jsonb().notNull(),
    status: text().notNull().default('new'),
    statusBy: text(),
    statusByUserId: integer(),
    statusAt: instant(),
    generatedAt: instant().notNull(),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    index('ai_marketing_suggestions_scope_idx').on(t.scopeKey),
    index('ai_marketing_suggestions_lineage_idx').on(
      t.storesKey,
      t.type,
      t.targetKey,
      t.rangeDays,
      t.rangeTo,
    ),
  ],
);

/**
 * When each scope was last generated, at which data version and from which churn-model run (a scope may yield
 * no suggestion at all). A refit lands after the data changed, so a new model run regenerates too.
 */
export const aiSuggestionRuns = pgTable('ai_suggestion_runs', {
  scopeKey: text().primaryKey(),
  dataVersion: integer().notNull(),
  generatedAt: instant().notNull(),
  /** The model run (model_runs.id) the win-back figures came from; null without a fit. */
  modelRunId: integer(),
});
