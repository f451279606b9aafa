/**
 * Optional rewrite of a suggestion's title and content by an OpenAI-compatible chat API
 * (`POST {LLM_BASE_URL}/chat/completions`). The model gets aggregates only (llm-payload.ts). Its answer is
 * rejected, and the rule text kept, when it does not arrive within the timeout, fails, is not the JSON asked
 * for, or cites a number that is not one of the suggestion's own (number-check.ts).
 */
import { z } from 'zod';
import type { Localized } from '@portrait/shared/suggestions';
import type { LlmPayload } from './llm-payload';
import { checkNumbers, type NumberCheckContext } from './number-check';

export const LLM_TIMEOUT_MS = 5_000;

export type LlmConfig = { baseUrl: string; apiKey: string; model: string; timeoutMs?: number };

export type RewrittenText = { title: Localized; content: Localized };
export type RewriteRejection = 'timeout' | 'error' | 'invalid_answer' | 'invented_number';
export type RewriteResult =
  { ok: true; text: RewrittenText } | { ok: false; reason: RewriteRejection; detail: string };

const SYSTEM_PROMPT = [
  'You rewrite marketing suggestions for the analysts of a Chinese fast-food chain.',
  'You receive one suggestion as JSON: its rule text in Chinese and English, the facts it rests on and its expected effect.',
  'Rewrite the title and content so they read naturally: the Chinese in fluent simplified Chinese, the English in plain business English.',
  'Keep the same action and the same meaning. Use only numbers that appear in the facts, the expected effect or the rule text, written in Arabic digits exactly as given (you may round them).',
  'Never add any other number, date or percentage. Write days only as YYYY-MM-DD.',
  'Chinese title at most 30 characters, content at most 160; English title at most 80 characters, content at most 400.',
  'Answer with JSON only: {"zh":{"title":"…","content":"…"},"en":{"title":"…","content":"…"}}',
].join('\n');

const part = (max: number) => z.string().trim().min(1).max(max);
const answerSchema = z.object({
  zh: z.object({ title: part(60), content: part(400) }),
  en: z.object({ title: part(160), content: part(800) }),
});

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

/** The request body sent to the chat API (exported so tests can see exactly what leaves the process). */
export function chatRequestBody(model: string, payload: LlmPayload) {
  return {
    model,
    temperature: 0,
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: JSON.stringify(payload) },
    ],
  };
}

function parseAnswer(content: string): z.infer<typeof answerSchema> | null {
  // Models sometimes wrap JSON in a ```json fence.
  const unfenced = content.replace(/^\s*```(?:json)?\s*/i, '').replace(/\s*```\s*$/, '');
  try {
    const parsed = answerSchema.safeParse(JSON.parse(unfenced));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function rewriteSuggestion(
  config: LlmConfig,
  payload: LlmPayload,
  check: NumberCheckContext,
): Promise<RewriteResult> {
  const url = `${config.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const timeoutMs = config.timeoutMs ?? LLM_TIMEOUT_MS;
  let body: unknown;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${config.apiKey}` },
      body: JSON.stringify(chatRequestBody(config.model, payload)),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) return { ok: false, reason: 'error', detail: `HTTP ${res.status}` };
    body = await res.json();
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'TimeoutError' || name === 'AbortError')
      return { ok: false, reason: 'timeout', detail: `no answer within ${timeoutMs} ms` };
    return { ok: false, reason: 'error', detail: err instanceof Error ? err.message : String(err) };
  }

  const completion = completionSchema.safeParse(body);
  const answer = completion.success ? parseAnswer(completion.data.choices[0]?.message.content ?? '') : null;
  if (!answer) return { ok: false, reason: 'invalid_answer', detail: 'not the JSON object asked for' };

  for (const text of [answer.zh.title, answer.zh.content, answer.en.title, answer.en.content]) {
    const result = checkNumbers(text, check);
    if (!result.ok) return { ok: false, reason: 'invented_number', detail: `cites ${result.number}` };
  }
  return {
    ok: true,
    text: {
      title: { zh: answer.zh.title, en: answer.en.title },
      content: { zh: answer.zh.content, en: answer.en.content },
    },
  };
}
