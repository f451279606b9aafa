/**
 * The models on the small demo chain, over real HTTP: the stored fit is the maximum likelihood of histories
 * rebuilt from the raw orders, stored predictions equal the closed forms, the gauge's figures agree with a
 * computation over raw orders, and the hold-out check beats the naive forecasts.
 */
import type { Kpis } from '@portrait/shared/portrait';
import type { Churn, Clusters, SlippingAway } from '@portrait/shared/models';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getData, startTestServer, type TestServer } from '../../../__tests__/helpers/http';
import { readRawOrders } from '../../../__tests__/helpers/raw-data';
import type { RawOrder } from '../../../__tests__/helpers/reference-metrics';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { loadDemo } from '../../demo/load-demo';
import { evaluateHoldout } from '../holdout';
import { bgnbdLogLikelihood, toRfmTData } from '../numerics/bgnbd';
import { fitBgnbd } from '../numerics/fit';
import { rawActive, rawSummaries, rawYear, referencePrediction } from './reference-models';

const END = '2025-06-30';
const SCOPE = 'from=2025-04-01&to=2025-06-30';
const close = (a: number, b: number, rel = 1e-6) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));

describe.each(databaseKinds())('Churn and value models on the small demo (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let server: TestServer;
  let raw: RawOrder[];
  let churn: Extract<Churn, { status: 'ready' }>;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 11, endDate: END });
    server = await startTestServer(database);
    await server.models.idle();
    raw = await readRawOrders(database.db);
    const answer = await getData<Churn>(server.api, `/api/v1/portrait/churn?${SCOPE}`);
    if (answer.status !== 'ready') throw new Error('models not ready after idle()');
    churn = answer;
  });
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  it('When the refresh has run, Then the chain-wide BG/NBD fit is the maximum likelihood of histories rebuilt from raw orders', async () => {
    expect(churn.model).toMatchObject({ asOfDay: END, current: true, refitting: false });
    const chain = churn.fits.find((f) => f.fitScope === 'chain');
    expect(chain).toBeDefined();
    if (!chain) return;
    const summaries = [...rawSummaries(raw, END).values()];
    expect(chain.customers).toBe(summaries.length);
    expect(chain.repeatBuyers).toBe(summaries.filter((s) => s.x > 0).length);
    const data = toRfmTData(summaries);
    close(bgnbdLogLikelihood(chain.bgnbd, data), chain.bgnbd.logLikelihood, 1e-9);
    const refit = await fitBgnbd(data);
    close(refit.logLikelihood, chain.bgnbd.logLikelihood, 1e-8);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) close(refit.params[k], chain.bgnbd[k], 1e-3);
  });

  it('When stored predictions are compared with the closed forms on raw histories, Then every customer matches', async () => {
    const chain = churn.fits.find((f) => f.fitScope === 'chain');
    if (!chain) throw new Error('no chain fit');
    const stored = await queryRows<{
      customer_id: string;
      fit_scope: string;
      p_active: number;
      churn_risk: number;
      risk_band: string;
      expected90: number;
      predicted_value: number;
    }>(
      database.db,
      sql`select customer_id, fit_scope, p_active, churn_risk, risk_band, expected90, predicted_value
          from customer_predictions where run_id = ${churn.model.runId}`,
    );
    const summaries = rawSummaries(raw, END);
    expect(stored).toHaveLength(summaries.size);
    for (const row of stored) {
      // The small demo has no city with enough history for its own fit.
      expect(row.fit_scope).toBe('chain');
      const s = summaries.get(row.customer_id);
      if (!s) throw new Error(`no raw history for ${row.customer_id}`);
      const ref = referencePrediction(s, chain.bgnbd, chain.gammaGamma);
      close(Number(row.p_active), ref.pActive, 1e-9);
      close(Number(row.churn_risk), ref.churnRisk, 1e-9);
      close(Number(row.expected90), ref.expected90, 1e-9);
      close(Number(row.predicted_value), ref.predictedValue, 1e-6);
      const band = ref.churnRisk >= 0.8 ? 'high' : ref.churnRisk >= 0.5 ? 'medium' : 'low';
      expect(row.risk_band).toBe(band);
    }
  });

  it('When the gauge is read, Then its bands partition the active customers and the value at stake matches raw orders', async () => {
    const kpis = await getData<Kpis>(server.api, `/api/v1/portrait/kpis?${SCOPE}`);
    const f = churn.figures;
    expect(f.customers + f.unscored).toBe(kpis.activeCustomers.value);
    expect(f.unscored).toBe(0);
    expect(f.bands.reduce((s, b) => s + b.customers, 0)).toBe(f.customers);
    expect(f.valueBins.reduce((s, b) => s + b.low + b.medium + b.high, 0)).toBe(f.customers);
    const high = f.bands.find((b) => b.band === 'high')?.customers ?? 0;
    expect(high).toBeGreaterThan(0);
    expect(f.highRiskShare).toBeCloseTo(high / f.customers, 12);

    const active = rawActive(raw, { from: '2025-04-01', to: END, stores: null });
    const highIds = await queryRows<{ customer_id: string }>(
      database.db,
      sql`select customer_id from customer_predictions where run_id = ${churn.model.runId} and risk_band = 'high'`,
    );
    const year = rawYear(raw, { asOf: END, stores: null });
    const stake = highIds
      .filter((r) => active.has(r.customer_id))
      .reduce((s, r) => s + (year.get(r.customer_id)?.spend ?? 0), 0);
    expect(f.valueAtStake).toBeCloseTo(stake, 2);
  });

  it('When the slipping-away list is paged, Then every row is a high-risk repeat customer, most valuable first, with spends from raw orders', async () => {
    const first = await getData<SlippingAway>(
      server.api,
      `/api/v1/portrait/churn/customers?${SCOPE}&pageSize=50`,
    );
    if (first.status !== 'ready') throw new Error('not ready');
    expect(first.total).toBeGreaterThan(0);
    const year = rawYear(raw, { asOf: END, stores: null });
    const spends = first.customers.map((c) => c.spend12m);
    expect(spends).toEqual([...spends].sort((a, b) => b - a));
    for (const c of first.customers) {
      expect(c.churnRisk).toBeGreaterThanOrEqual(0.8);
      const ref = year.get(c.customerId);
      expect(c.spend12m).toBeCloseTo(ref?.spend ?? -1, 2);
      expect(c.visits12m).toBe(ref?.days.size);
      expect(c.lastDay).toBe(ref?.last);
      expect(c.phone ?? '').toMatch(/^(\d{3}\*{4}\d{4})?$/);
    }
    const pages = Math.ceil(first.total / 50);
    let seen = first.customers.length;
    for (let page = 2; page <= pages; page++) {
      const next = await getData<SlippingAway>(
        server.api,
        `/api/v1/portrait/churn/customers?${SCOPE}&pageSize=50&page=${page}`,
      );
      if (next.status === 'ready') seen += next.customers.length;
    }
    expect(seen).toBe(first.total);
  });

  it('When the clusters are read, Then they partition the active customers under distinct names', async () => {
    const clusters = await getData<Clusters>(server.api, `/api/v1/portrait/clusters?${SCOPE}`);
    if (clusters.status !== 'ready') throw new Error('not ready');
    expect(clusters.k).toBeGreaterThanOrEqual(3);
    expect(clusters.k).toBeLessThanOrEqual(8);
    expect(clusters.clusters).toHaveLength(clusters.k ?? 0);
    expect(clusters.clusters.reduce((s, c) => s + c.count, 0) + clusters.unassigned).toBe(
      churn.figures.customers,
    );
    expect(new Set(clusters.clusters.map((c) => c.nameZh)).size).toBe(clusters.clusters.length);
    expect(new Set(clusters.clusters.map((c) => c.nameEn)).size).toBe(clusters.clusters.length);
  });

  it("When the model is fitted on all but the last 90 days, Then it forecasts each customer's purchase days better than both naive forecasts", async () => {
    const report = await evaluateHoldout(database.db, 90);
    if (!report) throw new Error('no report');
    expect(report.calibration.reduce((s, r) => s + r.customers, 0)).toBe(report.customers);
    expect(report.mae.model).toBeLessThan(report.mae.historicalRate);
    expect(report.mae.model).toBeLessThan(report.mae.lastPeriod);
    // Calibrated in total within 15 %, and the high band really mostly made no purchase.
    expect(Math.abs(report.total.predicted / report.total.actual - 1)).toBeLessThan(0.15);
    const high = report.churn.find((b) => b.band === 'high');
    expect(high?.observedNone ?? 0).toBeGreaterThan(0.8);
  });
});
