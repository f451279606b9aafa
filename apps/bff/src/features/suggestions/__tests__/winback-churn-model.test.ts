/**
 * Win-back and the churn model on the small demo. Before the first fit the rule rests on RFM recency; once a
 * run is ready the suggestions regenerate (same data, new model run) and the win-back evidence carries the
 * model's figures, each equal to an independent count over the run's `customer_predictions` rows and the raw
 * orders. Summed over the eight segments the provider's figures are the churn gauge's and the slipping-away
 * list's, so the panels agree.
 */
import type { Churn, SlippingAway } from '@portrait/shared/models';
import { SEGMENT_KEYS } from '@portrait/shared/segments';
import type { Suggestion, SuggestionsResponse } from '@portrait/shared/suggestions';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getData, startTestServer, type Client, type TestServer } from '../../../__tests__/helpers/http';
import { readRawOrders } from '../../../__tests__/helpers/raw-data';
import { referenceSegmentMembers, type RawOrder } from '../../../__tests__/helpers/reference-metrics';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { loadDemo } from '../../demo/load-demo';
import { createChurnProvider } from '../../models/churn-provider';

const FROM = '2025-04-01';
const TO = '2025-06-30';

function gate() {
  let release: () => void = () => undefined;
  let closed: Promise<void> = Promise.resolve();
  let waiting = 0;
  return {
    pause: async () => {
      waiting++;
      await closed;
      waiting--;
    },
    close: () => {
      closed = new Promise<void>((resolve) => (release = resolve));
    },
    open: () => release(),
    parked: async () => {
      while (waiting === 0) await new Promise((r) => setTimeout(r, 5));
    },
  };
}

type Prediction = { risk: number; band: string; purchaseDays: number; predicted: number };

const figure = (s: Suggestion, key: string) => s.evidence.figures.find((f) => f.key === key);
const winbacks = (r: SuggestionsResponse) => r.suggestions.filter((s) => s.type === 'winback');

/** The model figures of one segment, counted in TypeScript from raw orders and the run's prediction rows. */
function expectedFigures(
  orders: RawOrder[],
  predictions: Map<string, Prediction>,
  stores: Set<string> | null,
  segment: string,
  asOfDay: string,
) {
  const members = [...referenceSegmentMembers(orders, stores, FROM, TO)].filter(
    ([, m]) => m.segment === segment,
  );
  const scored = members.filter(([id]) => predictions.has(id));
  const high = scored.filter(([id]) => predictions.get(id)?.band === 'high');
  const yearAgo = new Date(Date.parse(asOfDay) - 365 * 864e5).toISOString().slice(0, 10);
  const yearCents = new Map<string, number>();
  for (const o of orders)
    if (
      o.status === 'completed' &&
      o.customerId &&
      (stores === null || stores.has(o.storeId)) &&
      o.day > yearAgo &&
      o.day <= asOfDay
    )
      yearCents.set(o.customerId, (yearCents.get(o.customerId) ?? 0) + o.cents);
  const p = (id: string) => predictions.get(id) as Prediction;
  return {
    churnProbabilityMean: scored.reduce((s, [id]) => s + p(id).risk, 0) / scored.length,
    highChurnRiskCustomers: high.length,
    slippingAwayCustomers: high.filter(([id]) => p(id).purchaseDays >= 2 && yearCents.has(id)).length,
    highChurnRiskRevenue: high.reduce((s, [, m]) => s + m.cents, 0) / 100,
    churnValueAtStake: high.reduce((s, [id]) => s + (yearCents.get(id) ?? 0), 0) / 100,
    segmentPredictedValue: scored.reduce((s, [id]) => s + p(id).predicted, 0),
  };
}

describe.each(databaseKinds())('Win-back suggestions and the churn model (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let server: TestServer;
  let manager: Client;
  const g = gate();
  const scopes = () => [
    { client: server.api, stores: null as Set<string> | null, query: `from=${FROM}&to=${TO}` },
    {
      client: manager,
      stores: new Set(server.managerStores),
      query: `from=${FROM}&to=${TO}&${server.managerStores.map((s) => `store=${s}`).join('&')}`,
    },
  ];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 11, endDate: TO });
    g.close();
    server = await startTestServer(database, {}, { models: { pause: g.pause } });
    manager = await server.as('manager');
  });
  afterAll(async () => {
    g.open();
    await server?.stop();
    await database?.dispose();
  });

  it('When no model has been fitted, Then win-back rests on RFM recency, values the whole segment, and the panel is told a fit is on its way', async () => {
    await g.parked();
    const r = await getData<SuggestionsResponse>(
      server.api,
      `/api/v1/portrait/suggestions?from=${FROM}&to=${TO}`,
    );
    // The panel is told to ask again: the fit will regenerate the win-back cards.
    expect(r.modelRefitting).toBe(true);
    const cards = winbacks(r);
    expect(cards.length).toBeGreaterThan(0);
    for (const s of cards) {
      expect(s.evidence.figures.map((f) => f.source)).not.toContain('model');
      expect(figure(s, 'segmentMeanRecencyDays')?.value).toBeGreaterThan(0);
      expect(s.valueAtStake).toBe(figure(s, 'segmentRevenue')?.value);
    }
  });

  it('When the fit lands, Then the suggestions regenerate and every model figure equals an independent count', async () => {
    g.open();
    await server.models.idle();
    const runs = await queryRows<{ id: number; as_of_day: string }>(
      database.db,
      sql`select id, as_of_day::text as as_of_day from model_runs where status = 'ready' order by id desc limit 1`,
    );
    const run = runs[0];
    if (!run) throw new Error('no model run');
    const rows = await queryRows<{
      customer_id: string;
      churn_risk: number;
      risk_band: string;
      purchase_days: number;
      predicted_value: number;
    }>(
      database.db,
      sql`select customer_id, churn_risk, risk_band, purchase_days, predicted_value
          from customer_predictions where run_id = ${run.id}`,
    );
    const predictions = new Map(
      rows.map((r) => [
        r.customer_id,
        {
          risk: Number(r.churn_risk),
          band: r.risk_band,
          purchaseDays: Number(r.purchase_days),
          predicted: Number(r.predicted_value),
        },
      ]),
    );
    const orders = await readRawOrders(database.db);
    let checked = 0;
    for (const scope of scopes()) {
      const r = await getData<SuggestionsResponse>(
        scope.client,
        `/api/v1/portrait/suggestions?${scope.query}`,
      );
      expect(r.modelRefitting).toBe(false);
      for (const s of winbacks(r)) {
        if (s.target.kind !== 'segment') throw new Error('win-back targets a segment');
        const expected = expectedFigures(orders, predictions, scope.stores, s.target.segment, run.as_of_day);
        for (const [key, value] of Object.entries(expected)) {
          const f = figure(s, key);
          expect(f?.source, key).toBe('model');
          expect(f?.value, `${s.target.segment} ${key}`).toBeCloseTo(value, key.endsWith('Mean') ? 9 : 2);
        }
        // Priority rule: the value at stake is the high-risk customers' revenue in scope.
        expect(s.valueAtStake).toBeCloseTo(expected.highChurnRiskRevenue, 2);
        const share = s.valueAtStake / (figure(s, 'revenue')?.value ?? 1);
        expect(s.priority).toBe(share >= 0.1 ? 'high' : share >= 0.03 ? 'medium' : 'low');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('When the eight segments are summed, Then they give the churn gauge and the slipping-away list of the same scope', async () => {
    const provider = createChurnProvider(database.db, server.models);
    const { run } = await provider.state();
    if (!run) throw new Error('no model run');
    for (const scope of scopes()) {
      const stores = scope.stores === null ? null : [...scope.stores].sort();
      const bySegment = await provider.bySegment(run, { from: FROM, to: TO }, stores);
      const sum = (k: 'highRisk' | 'slippingAway' | 'valueAtStake' | 'predictedValue' | 'scored') =>
        SEGMENT_KEYS.reduce((s, key) => s + (bySegment[key]?.[k] ?? 0), 0);
      const churn = await getData<Churn>(scope.client, `/api/v1/portrait/churn?${scope.query}`);
      const list = await getData<SlippingAway>(
        scope.client,
        `/api/v1/portrait/churn/customers?${scope.query}`,
      );
      if (churn.status !== 'ready' || list.status !== 'ready') throw new Error('not ready');
      expect(sum('scored')).toBe(churn.figures.customers);
      expect(sum('highRisk')).toBe(churn.figures.bands.find((b) => b.band === 'high')?.customers);
      expect(sum('valueAtStake')).toBeCloseTo(churn.figures.valueAtStake, 1);
      expect(sum('predictedValue')).toBeCloseTo(churn.figures.predictedValue, 1);
      expect(sum('slippingAway')).toBe(list.total);
      expect(list.total).toBeGreaterThan(0);
    }
  });
});
