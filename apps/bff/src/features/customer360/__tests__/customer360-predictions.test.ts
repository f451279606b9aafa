/**
 * The churn / lifetime-value models in Customer 360, on the small demo: "fitting" before the first fit; then the
 * profile's and the value's figures are the served run's (`customerPredictions`), with drivers that agree with
 * the raw orders; a fit that lands after the profile was cached shows at once; a store manager sees the
 * model's outputs but not the chain-wide inputs; a customer the run has not scored is said to be so.
 */
import {
  customerProfileSchema,
  customerValueResponseSchema,
  type CustomerProfile,
  type CustomerValueResponse,
} from '@portrait/shared/customer360';
import type { CustomerPredictions } from '@portrait/shared/customer360-predictions';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getData, startTestServer, type Client, type TestServer } from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Database } from '../../../db/client';
import { queryRows } from '../../../db/sql';
import { loadDemo } from '../../demo/load-demo';
import { customerPredictions } from '../../models/customer-predictions';

const API = '/api/v1/customer360';
const byId = (id: string) => `customer_identifier=${id}&identifier_type=customer_id`;

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

const ready = (p: CustomerPredictions) => {
  if (p.status !== 'ready') throw new Error(`expected a prediction, got ${p.status}`);
  return p;
};

describe.each(databaseKinds())('Model predictions in Customer 360 (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let server: TestServer;
  let manager: Client;
  const g = gate();
  /** A regular of the manager's stores who also bought elsewhere, and a customer with one purchase day. */
  let regular: string;
  let oneTimer: string;

  const profile = async (client: Client, id: string) =>
    customerProfileSchema.parse(await getData<CustomerProfile>(client, `${API}/profile?${byId(id)}`));

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemo(database, { size: 'small', seed: 11, endDate: '2025-06-30' });
    g.close();
    server = await startTestServer(database, {}, { models: { pause: g.pause } });
    manager = await server.as('manager');
    const mine = sql.join(
      server.managerStores.map((s) => sql`${s}`),
      sql`, `,
    );
    const rows = await queryRows<{ id: string }>(
      database.db,
      sql`select customer_id as id from orders where status = 'completed' and customer_id is not null
          group by customer_id
          having count(distinct day) >= 5 and bool_or(store_id in (${mine})) and bool_or(store_id not in (${mine}))
          order by count(distinct day) desc, customer_id limit 1`,
    );
    const single = await queryRows<{ id: string }>(
      database.db,
      sql`select customer_id as id from orders where status = 'completed' and customer_id is not null
          group by customer_id having count(distinct day) = 1 order by customer_id limit 1`,
    );
    if (!rows[0] || !single[0]) throw new Error('the demo lacks the customers this test needs');
    regular = rows[0].id;
    oneTimer = single[0].id;
  });
  afterAll(async () => {
    g.open();
    await server?.stop();
    await database?.dispose();
  });

  it('When no fit exists yet, Then the profile and the value say "fitting" and the rest of the story is there', async () => {
    await g.parked();
    const p = await profile(server.api, regular);
    expect(p.predictions).toEqual({ status: 'fitting' });
    expect(p.customer_value.total_orders).toBeGreaterThan(0);
    const v = customerValueResponseSchema.parse(
      await getData<CustomerValueResponse>(server.api, `${API}/value?${byId(regular)}`),
    );
    expect(v.predictions).toEqual({ status: 'fitting' });
  });

  it('When the fit lands after the profile was cached, Then the next look shows it at once', async () => {
    g.open();
    await server.models.idle();
    const p = ready((await profile(server.api, regular)).predictions);
    expect(p.model).toMatchObject({ current: true, refitting: false });
    const runs = await queryRows<{ id: number }>(
      database.db,
      sql`select id from model_runs where status = 'ready' order by id desc limit 1`,
    );
    expect(p.model.run_id).toBe(Number(runs[0]?.id));
  });

  it('When an analyst opens a customer, Then every figure is the served run’s, and the drivers agree with the orders', async () => {
    for (const id of [regular, oneTimer]) {
      const p = ready((await profile(server.api, id)).predictions);
      const expected = (await customerPredictions(database.db, [id])).get(id);
      if (!expected) throw new Error(`no prediction for ${id}`);
      expect(p).toMatchObject({
        p_active: expected.pActive,
        churn_risk: expected.churnRisk,
        risk_band: expected.riskBand,
        expected_orders_30: expected.expectedOrders30,
        expected_orders_90: expected.expectedOrders90,
        expected_orders_365: expected.expectedOrders365,
        expected_spend_per_visit: expected.expectedSpendPerVisit,
        predicted_value_12m: expected.predictedValue12m,
        cluster: expected.cluster
          ? { name_zh: expected.cluster.nameZh, name_en: expected.cluster.nameEn }
          : null,
      });
      expect(p.model.as_of_day).toBe(expected.asOfDay);

      // Independently from the orders: purchase days, first and last day, the mean gap and the repeat spend.
      const raw = await queryRows<{
        days: string;
        first: string;
        last: string;
        first_spend: string;
        total: string;
      }>(
        database.db,
        sql`with d as (
              select day, sum(amount) as spend from orders
              where customer_id = ${id} and status = 'completed' and day <= ${expected.asOfDay}::date group by day
            )
            select count(*) as days, min(day)::text as first, max(day)::text as last,
                   (select spend from d order by day limit 1) as first_spend, sum(spend) as total from d`,
      );
      const r = raw[0];
      if (!r) throw new Error('no orders');
      const days = Number(r.days);
      const span = (Date.parse(r.last) - Date.parse(r.first)) / 864e5;
      const since = (Date.parse(expected.asOfDay) - Date.parse(r.last)) / 864e5;
      expect(p.drivers).toEqual({
        purchase_days: days,
        first_day: r.first,
        last_day: r.last,
        days_since_last: since,
        usual_gap_days: days > 1 ? Math.round((span / (days - 1)) * 10) / 10 : null,
        repeat_spend: expect.closeTo(
          days > 1 ? (Number(r.total) - Number(r.first_spend)) / (days - 1) : 0,
          2,
        ),
      });
      const gap = days > 1 ? span / (days - 1) : null;
      expect(p.explanation.rhythm).toBe(
        gap === null
          ? 'single_visit'
          : since <= 1.5 * gap
            ? 'on_rhythm'
            : since <= 3 * gap
              ? 'late'
              : 'long_overdue',
      );
      expect(p.explanation.frequency).toBe(
        days >= 20 ? 'frequent' : days >= 5 ? 'regular' : days >= 2 ? 'few' : 'single',
      );
    }
    const single = ready((await profile(server.api, oneTimer)).predictions);
    // BG/NBD: nobody drops out before buying again, so one purchase day means P(active) = 1.
    expect(single.p_active).toBe(1);
    expect(single.explanation).toMatchObject({ rhythm: 'single_visit', spend_basis: 'chain_typical' });
  });

  it('When the value is asked for, Then it carries the same predictions as the profile', async () => {
    const v = await getData<CustomerValueResponse>(server.api, `${API}/value?${byId(regular)}`);
    const p = await profile(server.api, regular);
    expect(v.predictions).toEqual(p.predictions);
  });

  it('When a store manager opens a customer who also buys elsewhere, Then the model’s figures show but not the other stores’ inputs', async () => {
    const mine = ready((await profile(manager, regular)).predictions);
    const all = ready((await profile(server.api, regular)).predictions);
    expect(mine.drivers).toBeNull();
    expect(all.drivers).not.toBeNull();
    const { drivers: _hidden, model: _m1, ...outputs } = all;
    const { drivers: _none, model: _m2, ...managerOutputs } = mine;
    expect(managerOutputs).toEqual(outputs);
  });

  it('When the served run has no prediction for a customer, Then the profile says "unscored" with the model it asked', async () => {
    await database.db.execute(sql`delete from customer_predictions where customer_id = ${oneTimer}`);
    const p = (await profile(server.api, oneTimer)).predictions;
    expect(p.status).toBe('unscored');
    if (p.status === 'unscored') expect(p.model.current).toBe(true);
  });
});
