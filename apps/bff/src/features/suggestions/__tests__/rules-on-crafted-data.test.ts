/**
 * Each kind of suggestion appears when its condition holds and stays silent when it just fails, on hand-made
 * worlds whose figures were worked out on paper (crafted-worlds.ts).
 */
import type {
  FigureKey,
  Suggestion,
  SuggestionCustomersPage,
  SuggestionsResponse,
  SuggestionType,
} from '@portrait/shared/suggestions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixtureChain } from '../../../__tests__/helpers/fixture-chain';
import { getData, startTestServer, type TestServer } from '../../../__tests__/helpers/http';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { craftedChain, RANGE, type WorldName } from './crafted-worlds';

const fig = (s: Suggestion | undefined, key: FigureKey) =>
  s?.evidence.figures.find((f) => f.key === key)?.value;

describe.each(databaseKinds())('Suggestion rules on crafted data (%s)', (kind) => {
  let server: TestServer;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const database = await openTestDatabase(kind);
    dispose = database.dispose;
    await loadFixtureChain(database, craftedChain());
    server = await startTestServer(database);
    // The churn model's first fit regenerates win-back cards when it lands: let it land first.
    await server.models.idle();
  });
  afterAll(async () => {
    await server?.stop();
    await dispose?.();
  });

  const suggestionsOf = async (world: WorldName, on: boolean, type: SuggestionType) => {
    const store = `${world}_${on ? 'ON' : 'OFF'}`;
    const res = await getData<SuggestionsResponse>(
      server.api,
      `/api/v1/portrait/suggestions?from=${RANGE.from}&to=${RANGE.to}&store=${store}`,
    );
    return res.suggestions.filter((s) => s.type === type);
  };

  const listTotal = async (s: Suggestion) =>
    (await getData<SuggestionCustomersPage>(server.api, `/api/v1/suggestions/${s.id}/customers?pageSize=200`))
      .total;

  it('When five VIPs bring 91 % of customer revenue, Then VIP care targets them; with four it stays silent', async () => {
    const [s] = await suggestionsOf('VIP', true, 'vip_care');
    expect(s?.target).toEqual({ kind: 'segment', segment: 'important_value' });
    expect(s?.targetSize).toBe(5);
    expect(fig(s, 'segmentRevenue')).toBe(2000);
    expect(fig(s, 'customerRevenue')).toBe(2200);
    expect(fig(s, 'segmentRevenueShare')).toBeCloseTo(2000 / 2200, 10);
    expect(s?.priority).toBe('high');
    expect(s?.valueAtStake).toBe(2000);
    expect(s && (await listTotal(s))).toBe(5);
    expect(await suggestionsOf('VIP', false, 'vip_care')).toEqual([]);
  });

  it('When valuable customers lapse, Then both win-back segments are targeted; with four each, silence', async () => {
    const found = await suggestionsOf('WINBACK', true, 'winback');
    const winback = found.find(
      (s) => s.target.kind === 'segment' && s.target.segment === 'important_winback',
    );
    const retention = found.find(
      (s) => s.target.kind === 'segment' && s.target.segment === 'important_retention',
    );
    expect(winback?.targetSize).toBe(6);
    expect(fig(winback, 'segmentRevenue')).toBe(1800);
    expect(fig(winback, 'segmentRevenueShare')).toBeCloseTo(1800 / 4560, 10);
    expect(fig(winback, 'segmentMeanRecencyDays')).toBe(29);
    expect(retention?.targetSize).toBe(6);
    expect(fig(retention, 'segmentRevenue')).toBe(2400);
    expect(fig(retention, 'segmentMeanRecencyDays')).toBe(27);
    for (const s of [winback, retention]) expect(s && (await listTotal(s))).toBe(6);
    expect(await suggestionsOf('WINBACK', false, 'winback')).toEqual([]);
  });

  it('When repeat customers are past 1.5 × their own gap, Then they get a reminder; on rhythm, silence', async () => {
    const [s] = await suggestionsOf('REPURCHASE', true, 'repurchase_reminder');
    expect(s?.target).toEqual({
      kind: 'custom',
      definition: { rule: 'repurchase_due', overdueFactor: 1.5 },
    });
    expect(s?.targetSize).toBe(6);
    expect(fig(s, 'repeatCustomers')).toBe(6);
    expect(fig(s, 'medianRepurchaseGapDays')).toBe(4);
    expect(fig(s, 'overdueRevenue')).toBe(360);
    expect(s && (await listTotal(s))).toBe(6);
    expect(await suggestionsOf('REPURCHASE', false, 'repurchase_reminder')).toEqual([]);
  });

  it('When most new customers bought once, Then first-to-second targets them; when all came back, silence', async () => {
    const [s] = await suggestionsOf('FIRST', true, 'first_to_second');
    expect(s?.targetSize).toBe(6);
    expect(fig(s, 'newCustomers')).toBe(8);
    expect(fig(s, 'singleOrderNewShare')).toBe(0.75);
    expect(fig(s, 'singleOrderNewRevenue')).toBe(150);
    expect(s && (await listTotal(s))).toBe(6);
    expect(await suggestionsOf('FIRST', false, 'first_to_second')).toEqual([]);
  });

  it('When A and B sell together, Then A→B is offered with its hand-computed measures; independent, silence', async () => {
    const [s] = await suggestionsOf('CROSS', true, 'cross_sell');
    expect(s?.target).toEqual({
      kind: 'custom',
      definition: {
        rule: 'cross_sell',
        antecedent: 'PA',
        antecedentName: '招牌热狗',
        consequent: 'PB',
        consequentName: '可乐',
      },
    });
    expect([fig(s, 'baskets'), fig(s, 'antecedentBaskets'), fig(s, 'consequentBaskets')]).toEqual([
      85, 35, 25,
    ]);
    expect(fig(s, 'pairBaskets')).toBe(25);
    expect(fig(s, 'support')).toBeCloseTo(25 / 85, 12);
    expect(fig(s, 'confidence')).toBeCloseTo(25 / 35, 12);
    expect(fig(s, 'lift')).toBeCloseTo((85 * 25) / (35 * 25), 12);
    expect(fig(s, 'consequentLineRevenue')).toBe(8);
    expect(s?.targetSize).toBe(5);
    expect(s && (await listTotal(s))).toBe(5);
    // B→A is the same pair: one card, not two.
    expect((await suggestionsOf('CROSS', true, 'cross_sell')).length).toBe(1);
    expect(await suggestionsOf('CROSS', false, 'cross_sell')).toEqual([]);
  });

  it('When the afternoon dips below half the peak for three hours, Then an offer targets it; a one-hour dip, silence', async () => {
    const [s] = await suggestionsOf('OFFPEAK', true, 'off_peak');
    expect(s?.target).toEqual({ kind: 'custom', definition: { rule: 'off_peak', fromHour: 14, toHour: 16 } });
    expect(fig(s, 'peakHour')).toBe(12);
    expect(fig(s, 'peakHourOrders')).toBe(20);
    expect([fig(s, 'windowFromHour'), fig(s, 'windowEndHour')]).toEqual([14, 17]);
    expect(fig(s, 'windowOrders')).toBe(5);
    expect(fig(s, 'windowOrderShare')).toBeCloseTo(5 / 81, 12);
    expect(s?.targetSize).toBe(5);
    expect(s && (await listTotal(s))).toBe(5);
    expect(await suggestionsOf('OFFPEAK', false, 'off_peak')).toEqual([]);
  });

  it('When customers order only on Meituan and Ele.me, Then channel shift targets them; with a POS order, silence', async () => {
    const [s] = await suggestionsOf('CHANNEL', true, 'channel_shift');
    expect(s?.targetSize).toBe(6);
    expect(fig(s, 'platformOnlyCustomers')).toBe(6);
    expect(fig(s, 'platformOnlyRevenue')).toBe(480);
    expect(fig(s, 'platformOrders')).toBe(12);
    expect(fig(s, 'platformRevenue')).toBe(480);
    expect(s?.valueAtStake).toBe(96);
    expect(s && (await listTotal(s))).toBe(6);
    expect(await suggestionsOf('CHANNEL', false, 'channel_shift')).toEqual([]);
  });
});
