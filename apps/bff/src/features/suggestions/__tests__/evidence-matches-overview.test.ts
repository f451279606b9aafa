/**
 * Every number on a suggestion can be traced: an `overview` figure equals the value the dashboard's overview
 * returns for the same scope and user, a `derived` figure is the ratio of the two figures it names, a target's
 * size is its list's total, and the rule text cites no number outside the evidence. On the small demo chain,
 * for the whole chain, a city, a store and a store manager.
 */
import type { Overview } from '@portrait/shared/portrait';
import type {
  EvidenceFigure,
  Suggestion,
  SuggestionCustomersPage,
  SuggestionsResponse,
} from '@portrait/shared/suggestions';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/sql';
import { getData, startTestServer, type Client, type TestServer } from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { loadDemo } from '../../demo/load-demo';
import type { DraftSuggestion } from '../engine-types';
import { numberCheckContext } from '../llm-payload';
import { checkNumbers } from '../number-check';

/** An independent reading of a figure path: object keys, array elements by `key` or `hour`. */
function at(overview: Overview, path: string[]): unknown {
  return path.reduce<unknown>((node, step) => {
    if (Array.isArray(node))
      return node.find((el: Record<string, unknown>) => `${el.key ?? el.hour}` === step);
    return (node as Record<string, unknown> | undefined)?.[step];
  }, overview);
}

function checkFigures(s: Suggestion, overview: Overview) {
  const byKey = new Map(s.evidence.figures.map((f) => [f.key, f]));
  for (const f of s.evidence.figures) {
    const label = `${s.type} ${f.key}`;
    if (f.source === 'overview') {
      const sum = (f.paths ?? []).reduce((acc, p) => acc + Number(at(overview, p)), 0);
      expect(f.paths?.length, label).toBeGreaterThan(0);
      expect(f.value, label).toBeCloseTo(sum, 2);
    }
    if (f.source === 'derived') {
      const [num, den] = f.ratio ?? [];
      const n = byKey.get(num as EvidenceFigure['key'])?.value;
      const d = byKey.get(den as EvidenceFigure['key'])?.value;
      expect(n, label).toBeDefined();
      expect(f.value, label).toBeCloseTo((n ?? 0) / (d ?? 1), 12);
    }
  }
}

const asDraft = (s: Suggestion): DraftSuggestion => ({
  ...s,
  targetKey: '',
  figures: s.evidence.figures,
});

describe.each(databaseKinds())('Suggestion evidence is traceable (%s)', (kind) => {
  let server: TestServer;
  let dispose: () => Promise<void>;
  let manager: Client;
  let city: string;
  let store: string;
  const RANGE = 'from=2025-04-01&to=2025-06-30';

  beforeAll(async () => {
    const database = await openTestDatabase(kind);
    dispose = database.dispose;
    await loadDemo(database, { size: 'small', seed: 11, endDate: '2025-06-30' });
    server = await startTestServer(database);
    // The churn model's first fit regenerates win-back cards when it lands: let it land first.
    await server.models.idle();
    manager = await server.as('manager');
    const stores = await queryRows<{ id: string; city: string }>(
      database.db,
      sql`select id, city from stores order by id desc limit 1`,
    );
    city = stores[0]?.city ?? '';
    store = stores[0]?.id ?? '';
  });
  afterAll(async () => {
    await server?.stop();
    await dispose?.();
  });

  const scopes = () => [
    { who: () => server.api, query: RANGE },
    { who: () => server.api, query: `${RANGE}&city=${encodeURIComponent(city)}` },
    { who: () => server.api, query: `from=2025-06-01&to=2025-06-30&store=${store}` },
    { who: () => manager, query: RANGE },
  ];

  it('When suggestions are read for four scopes, Then every overview figure equals the overview of that scope', async () => {
    const kinds = new Set<string>();
    for (const { who, query } of scopes()) {
      const client = who();
      const res = await getData<SuggestionsResponse>(client, `/api/v1/portrait/suggestions?${query}`);
      const overview = await getData<Overview>(client, `/api/v1/portrait/overview?${query}`);
      expect(res.suggestions.length, query).toBeGreaterThan(0);
      for (const s of res.suggestions) {
        kinds.add(s.type);
        checkFigures(s, overview);
        expect(s.evidence.scope.from).toBe(overview.scope.from);
        expect(s.evidence.scope.to).toBe(overview.scope.to);
      }
    }
    // The demo chain is rich enough that most kinds show somewhere.
    expect(kinds.size).toBeGreaterThanOrEqual(5);
  });

  it('When a target list is opened, Then its total is the size on the card, for every suggestion', async () => {
    for (const { who, query } of scopes()) {
      const client = who();
      const res = await getData<SuggestionsResponse>(client, `/api/v1/portrait/suggestions?${query}`);
      for (const s of res.suggestions) {
        const page = await getData<SuggestionCustomersPage>(client, `/api/v1/suggestions/${s.id}/customers`);
        expect(page.total, `${query} ${s.type}`).toBe(s.targetSize);
      }
    }
  });

  it('When the rule text is checked like a model answer, Then every number in it is in the evidence', async () => {
    const res = await getData<SuggestionsResponse>(server.api, `/api/v1/portrait/suggestions?${RANGE}`);
    for (const s of res.suggestions) {
      const ctx = numberCheckContext(asDraft(s), s.evidence.scope);
      for (const text of [s.title.zh, s.title.en, s.content.zh, s.content.en, s.expectedEffect.assumption.zh])
        expect(checkNumbers(text, ctx), `${s.type}: ${text}`).toEqual({ ok: true });
    }
  });

  it('When the same scope is generated again, Then the suggestions are the same, in the same order', async () => {
    const path = `/api/v1/portrait/suggestions?${RANGE}`;
    const first = await getData<SuggestionsResponse>(server.api, path);
    const again = await server.api.request<SuggestionsResponse>('POST', path);
    expect(again.status).toBe(200);
    const strip = (r: SuggestionsResponse) => r.suggestions.map(({ generatedAt: _g, ...rest }) => rest);
    expect(strip(again.body.data)).toEqual(strip(first));
    const priorities = first.suggestions.map((s) => ['high', 'medium', 'low'].indexOf(s.priority));
    expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
  });
});
