/**
 * With LLM_BASE_URL, LLM_API_KEY and LLM_MODEL set, the product asks the model in the background: the
 * suggestions answer at once with the rule text, a passing rewrite replaces it later, a failing one never
 * does, and nothing personal ever reaches the model.
 */
import type { SuggestionsResponse } from '@portrait/shared/suggestions';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { getData, startTestServer, type TestServer } from '../../../__tests__/helpers/http';
import { openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { loadDemo } from '../../demo/load-demo';
import { REWRITE_MARK, startFakeOpenAi } from './fake-openai';

describe('Suggestions rewritten by a language model over HTTP', () => {
  let server: TestServer;
  let database: Database & { dispose: () => Promise<void> };
  let fake: Awaited<ReturnType<typeof startFakeOpenAi>>;

  beforeAll(async () => {
    fake = await startFakeOpenAi({ mode: 'good' });
    database = await openTestDatabase('pglite');
    await loadDemo(database, { size: 'small', seed: 11, endDate: '2025-06-30' });
    server = await startTestServer(database, {
      LLM_BASE_URL: fake.baseUrl,
      LLM_API_KEY: 'test-key',
      LLM_MODEL: 'fake-model',
    });
    // The churn model's first fit regenerates win-back cards when it lands: let it land first.
    await server.models.idle();
  });
  afterAll(async () => {
    await server?.stop();
    await fake?.stop();
    await database?.dispose();
  });

  const path = (from: string, to: string) => `/api/v1/portrait/suggestions?from=${from}&to=${to}`;

  /** Asks until no rewrite is pending (each waits at most the writer's 5 s timeout). */
  async function settled(p: string): Promise<SuggestionsResponse> {
    for (let i = 0; i < 120; i++) {
      const res = await getData<SuggestionsResponse>(server.api, p);
      if (!res.rewriting) return res;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`rewrites of ${p} never settled`);
  }

  it('When a good model is configured, Then the rule text comes first and the rewrite replaces it', async () => {
    fake.setMode('good');
    const first = await getData<SuggestionsResponse>(server.api, path('2025-04-01', '2025-06-30'));
    expect(first.suggestions.length).toBeGreaterThan(0);
    expect(first.rewriting).toBe(true);
    expect(first.suggestions.every((s) => s.writer === 'rules')).toBe(true);

    const done = await settled(path('2025-04-01', '2025-06-30'));
    for (const [i, s] of done.suggestions.entries()) {
      expect(s.writer).toBe('llm');
      expect(s.title.zh).toBe(`${REWRITE_MARK.zh}${first.suggestions[i]?.title.zh}`);
      expect(s.title.en).toBe(`${REWRITE_MARK.en}${first.suggestions[i]?.title.en}`);
    }
    // Regenerating the same content reuses the rewrite: the model is not asked again.
    const asked = fake.state.bodies.length;
    await server.api.request('POST', path('2025-04-01', '2025-06-30'));
    const again = await settled(path('2025-04-01', '2025-06-30'));
    expect(again.suggestions.every((s) => s.writer === 'llm')).toBe(true);
    expect(fake.state.bodies.length).toBe(asked);
  });

  it('When the model invents a number or fails, Then the rule text stays and the reason is kept', async () => {
    fake.setMode('invented');
    const invented = await settled(path('2025-05-01', '2025-06-30'));
    expect(invented.suggestions.length).toBeGreaterThan(0);
    expect(invented.suggestions.every((s) => s.writer === 'rules' && !s.title.zh.startsWith('【'))).toBe(
      true,
    );

    fake.setMode('error');
    const failed = await settled(path('2025-06-01', '2025-06-30'));
    expect(failed.suggestions.every((s) => s.writer === 'rules')).toBe(true);

    const reasons = await queryRows<{ range_from: string; llm_state: string; llm_reason: string }>(
      database.db,
      sql`select range_from::text, llm_state, llm_reason from ai_marketing_suggestions where range_to = '2025-06-30'`,
    );
    const of = (from: string) => reasons.filter((r) => r.range_from === from);
    expect(
      of('2025-05-01').every((r) => r.llm_state === 'rejected' && r.llm_reason.startsWith('invented_number')),
    ).toBe(true);
    expect(
      of('2025-06-01').every((r) => r.llm_state === 'rejected' && r.llm_reason === 'error: HTTP 500'),
    ).toBe(true);
  });

  it('When the model is slow, Then the suggestions still answer at once, and after the timeout keep the rule text', async () => {
    fake.setMode('slow');
    const asked = fake.state.bodies.length;
    const first = await getData<SuggestionsResponse>(server.api, path('2025-06-15', '2025-06-30'));
    expect(first.suggestions.length).toBeGreaterThan(0);
    // The model has the question and has not answered, yet the dashboard gets its suggestions.
    for (let i = 0; i < 40 && fake.state.bodies.length === asked; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(fake.state.bodies.length).toBeGreaterThan(asked);
    const meanwhile = await getData<SuggestionsResponse>(server.api, path('2025-06-15', '2025-06-30'));
    expect(meanwhile.rewriting).toBe(true);
    expect(meanwhile.suggestions.every((s) => s.writer === 'rules')).toBe(true);
    const done = await settled(path('2025-06-15', '2025-06-30'));
    expect(done.suggestions.every((s) => s.writer === 'rules')).toBe(true);
  }, 120_000);

  it('When everything sent to the model is read back, Then no customer id, phone, e-mail or name is in it', async () => {
    const people = await queryRows<{
      id: string;
      phone: string | null;
      email: string | null;
      name: string | null;
    }>(database.db, sql`select id, phone, email, name from customers`);
    const sent = fake.state.bodies.join('\n');
    expect(fake.state.bodies.length).toBeGreaterThan(10);
    for (const p of people) {
      expect(sent).not.toContain(p.id);
      if (p.phone) expect(sent).not.toContain(p.phone);
      if (p.email) expect(sent).not.toContain(p.email);
      // Two-character names can occur inside ordinary words; longer ones cannot by chance.
      if (p.name && [...p.name].length >= 3) expect(sent, p.name).not.toContain(p.name);
    }
    for (const body of fake.state.bodies) {
      const user = (JSON.parse(body) as { messages: { role: string; content: string }[] }).messages[1]
        ?.content;
      expect(Object.keys(JSON.parse(user ?? '{}') as object).sort()).toEqual(
        ['expectedEffect', 'facts', 'kind', 'period', 'ruleText', 'stores', 'target'].sort(),
      );
    }
  });
});
