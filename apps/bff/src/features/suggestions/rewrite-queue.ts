/**
 * Runs language-model rewrites in the background, a few at a time, so that no request ever waits for the
 * model: the rule text is stored and shown at once, and the rewrite replaces it when (and if) it passes.
 * Outcomes are cached by content hash, so identical content is never sent twice in a process.
 */
import type {
  EvidenceFigure,
  EvidenceScope,
  ExpectedEffect,
  Localized,
  SuggestionPriority,
  SuggestionTarget,
  SuggestionType,
} from '@portrait/shared/suggestions';
import { LRUCache } from 'lru-cache';
import type { Db } from '../../db/client';
import { saveRewrite, type SuggestionRow } from '../../db/queries/suggestions';
import type { Logger } from '../../lib/logger';
import type { DraftSuggestion } from './engine-types';
import { buildLlmPayload, numberCheckContext } from './llm-payload';
import { rewriteSuggestion, type LlmConfig, type RewriteResult } from './llm-writer';

const CONCURRENCY = 2;

type RuleText = { title: Localized; content: Localized };
type Evidence = { scope: EvidenceScope; figures: EvidenceFigure[] };

/** A stored row back into the engine's shape (the same content the rewrite was hashed on). */
export function rowToDraft(row: SuggestionRow): { draft: DraftSuggestion; scope: EvidenceScope } {
  const text = row.ruleText as RuleText;
  const evidence = row.evidence as Evidence;
  return {
    scope: evidence.scope,
    draft: {
      type: row.type as SuggestionType,
      targetKey: row.targetKey,
      target: row.target as SuggestionTarget,
      targetSize: row.targetSize,
      priority: row.priority as SuggestionPriority,
      valueAtStake: Number(row.valueAtStake),
      expectedEffect: row.expectedEffect as ExpectedEffect,
      figures: evidence.figures,
      title: text.title,
      content: text.content,
    },
  };
}

export function createRewriteQueue(deps: { db: Db; llm: LlmConfig; logger: Logger }) {
  const { db, llm, logger } = deps;
  const cache = new LRUCache<string, RewriteResult>({ max: 1000 });
  const queued = new Set<number>();
  const waiting: SuggestionRow[] = [];
  let running = 0;
  let idleWaiters: (() => void)[] = [];

  async function rewrite(row: SuggestionRow): Promise<void> {
    const { draft, scope } = rowToDraft(row);
    let result = cache.get(row.textHash);
    if (!result) {
      result = await rewriteSuggestion(llm, buildLlmPayload(draft, scope), numberCheckContext(draft, scope));
      cache.set(row.textHash, result);
    }
    if (!result.ok)
      logger.warn({ suggestion: row.id, reason: result.reason, detail: result.detail }, 'rewrite rejected');
    await saveRewrite(
      db,
      row.id,
      row.textHash,
      result.ok
        ? { state: 'accepted', text: result.text, reason: null }
        : { state: 'rejected', text: null, reason: `${result.reason}: ${result.detail}` },
    );
  }

  function pump(): void {
    while (running < CONCURRENCY && waiting.length > 0) {
      const row = waiting.shift() as SuggestionRow;
      running++;
      void rewrite(row)
        .catch((err: unknown) => logger.error({ err, suggestion: row.id }, 'rewrite failed'))
        .finally(() => {
          running--;
          queued.delete(row.id);
          pump();
        });
    }
    if (running === 0 && waiting.length === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  return {
    /** Queues the rows still waiting for a rewrite (each once, however often it is asked). */
    enqueue(rows: readonly SuggestionRow[]): void {
      for (const row of rows) {
        if (row.llmState !== 'pending' || queued.has(row.id)) continue;
        queued.add(row.id);
        waiting.push(row);
      }
      pump();
    },
    /** Resolves when nothing is queued or running (tests, shutdown). */
    idle(): Promise<void> {
      if (running === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
export type RewriteQueue = ReturnType<typeof createRewriteQueue>;
