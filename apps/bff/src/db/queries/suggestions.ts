/** Storage of generated suggestions (`ai_marketing_suggestions`) and of when each scope was generated. */
import { addDays } from '@portrait/shared/dates';
import { and, asc, desc, eq, gte, inArray, lt, ne, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { aiMarketingSuggestions as t, aiSuggestionRuns as runs } from '../schema';

export type SuggestionRow = typeof t.$inferSelect;
/** What a generation writes; the status columns are the users', never overwritten by a regeneration. */
export type GeneratedSuggestionRow = Omit<
  typeof t.$inferInsert,
  'id' | 'createdAt' | 'active' | 'status' | 'statusBy' | 'statusByUserId' | 'statusAt'
>;

export async function getRun(db: Db, scopeKey: string) {
  const [run] = await db.select().from(runs).where(eq(runs.scopeKey, scopeKey));
  return run ?? null;
}

/**
 * A status carried over from the same suggestion of an earlier, overlapping window of the same length over
 * the same stores (a rolling "last 30 days" keeps what the analyst decided): the window must overlap the new
 * one by at least half its length. Only a decision (accepted / dismissed) carries over.
 */
async function carriedStatus(db: Db, row: GeneratedSuggestionRow) {
  const earliestTo = addDays(row.rangeFrom, Math.ceil(row.rangeDays / 2) - 1);
  const [previous] = await db
    .select({
      status: t.status,
      statusBy: t.statusBy,
      statusByUserId: t.statusByUserId,
      statusAt: t.statusAt,
    })
    .from(t)
    .where(
      and(
        eq(t.storesKey, row.storesKey),
        eq(t.type, row.type),
        eq(t.targetKey, row.targetKey),
        eq(t.rangeDays, row.rangeDays),
        lt(t.rangeTo, row.rangeTo),
        gte(t.rangeTo, earliestTo),
        ne(t.status, 'new'),
      ),
    )
    .orderBy(desc(t.rangeTo), desc(t.statusAt))
    .limit(1);
  return previous ?? null;
}

/**
 * Writes one generation of a scope: new suggestions are inserted (with a carried-over status when there is
 * one), existing ones (same stable key) get the new figures and text but keep their status, and those the
 * generation no longer produced are marked inactive. A rewrite is kept while the text hash is unchanged.
 */
export async function saveGeneration(
  db: Db,
  g: {
    scopeKey: string;
    dataVersion: number;
    modelRunId: number | null;
    generatedAt: string;
    rows: GeneratedSuggestionRow[];
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    const keys = g.rows.map((r) => r.stableKey);
    const existing = new Set(
      keys.length === 0
        ? []
        : (await tx.select({ key: t.stableKey }).from(t).where(inArray(t.stableKey, keys))).map((r) => r.key),
    );
    for (const row of g.rows) {
      const carried = existing.has(row.stableKey) ? null : await carriedStatus(tx as unknown as Db, row);
      const sameText = sql`${t.textHash} = excluded.text_hash`;
      await tx
        .insert(t)
        .values({ ...row, ...(carried ?? {}) })
        .onConflictDoUpdate({
          target: t.stableKey,
          set: {
            active: true,
            dataVersion: sql`excluded.data_version`,
            priority: sql`excluded.priority`,
            valueAtStake: sql`excluded.value_at_stake`,
            target: sql`excluded.target`,
            targetSize: sql`excluded.target_size`,
            ruleText: sql`excluded.rule_text`,
            llmText: sql`case when ${sameText} then ${t.llmText} else excluded.llm_text end`,
            llmState: sql`case when ${sameText} then ${t.llmState} else excluded.llm_state end`,
            llmReason: sql`case when ${sameText} then ${t.llmReason} else excluded.llm_reason end`,
            textHash: sql`excluded.text_hash`,
            expectedEffect: sql`excluded.expected_effect`,
            evidence: sql`excluded.evidence`,
            generatedAt: sql`excluded.generated_at`,
          },
        });
    }
    await tx
      .update(t)
      .set({ active: false })
      .where(
        keys.length === 0
          ? eq(t.scopeKey, g.scopeKey)
          : and(eq(t.scopeKey, g.scopeKey), notInArray(t.stableKey, keys)),
      );
    await tx
      .insert(runs)
      .values({
        scopeKey: g.scopeKey,
        dataVersion: g.dataVersion,
        modelRunId: g.modelRunId,
        generatedAt: g.generatedAt,
      })
      .onConflictDoUpdate({
        target: runs.scopeKey,
        set: { dataVersion: g.dataVersion, modelRunId: g.modelRunId, generatedAt: g.generatedAt },
      });
  });
}

export async function listScopeSuggestions(db: Db, scopeKey: string): Promise<SuggestionRow[]> {
  return db
    .select()
    .from(t)
    .where(and(eq(t.scopeKey, scopeKey), eq(t.active, true)))
    .orderBy(asc(t.id));
}

export async function getSuggestion(db: Db, id: number): Promise<SuggestionRow | null> {
  const [row] = await db.select().from(t).where(eq(t.id, id));
  return row ?? null;
}

export async function updateSuggestionStatus(
  db: Db,
  id: number,
  change: { status: string; by: string; byUserId: number },
): Promise<SuggestionRow | null> {
  const [row] = await db
    .update(t)
    .set({
      status: change.status,
      statusBy: change.by,
      statusByUserId: change.byUserId,
      statusAt: sql`now()`,
    })
    .where(eq(t.id, id))
    .returning();
  return row ?? null;
}

/** Records a rewrite's outcome, unless the suggestion's text changed meanwhile (another hash). */
export async function saveRewrite(
  db: Db,
  id: number,
  hash: string,
  outcome: { state: 'accepted' | 'rejected'; text: unknown; reason: string | null },
): Promise<void> {
  await db
    .update(t)
    .set({ llmState: outcome.state, llmText: outcome.text, llmReason: outcome.reason })
    .where(and(eq(t.id, id), eq(t.textHash, hash)));
}
