/**
 * The number rule a model's answer must pass, and the writer against a fake OpenAI-compatible server in each
 * of its behaviours: a good answer, an invented number, a slow answer, an error and a malformed answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftSuggestion } from '../engine-types';
import { expectedEffect } from '../figures';
import { buildLlmPayload, numberCheckContext } from '../llm-payload';
import { chatRequestBody, LLM_TIMEOUT_MS, rewriteSuggestion } from '../llm-writer';
import { checkNumbers } from '../number-check';
import { REWRITE_MARK, startFakeOpenAi } from './fake-openai';

const scope = { from: '2025-04-01', to: '2025-06-30', stores: null };
const draft: DraftSuggestion = {
  type: 'vip_care',
  targetKey: 'important_value',
  target: { kind: 'segment', segment: 'important_value' },
  targetSize: 147,
  priority: 'high',
  valueAtStake: 38125.1,
  expectedEffect: expectedEffect('vip_care', 147, 259.35, { zh: '本期人均消费', en: 'their mean revenue' }),
  figures: [
    {
      key: 'segmentCustomers',
      value: 147,
      unit: 'count',
      source: 'overview',
      paths: [['segments', 'important_value', 'count']],
    },
    {
      key: 'segmentRevenue',
      value: 38125.1,
      unit: 'cny',
      source: 'overview',
      paths: [['segments', 'important_value', 'revenue']],
    },
    {
      key: 'segmentRevenueShare',
      value: 0.532,
      unit: 'share',
      source: 'derived',
      ratio: ['segmentRevenue', 'customerRevenue'],
    },
    {
      key: 'activeCustomersChange',
      value: -0.083,
      unit: 'change',
      source: 'overview',
      paths: [['kpis', 'activeCustomers', 'change']],
    },
    { key: 'peakHour', value: 12, unit: 'hour', source: 'overview', paths: [['hourly', '12', 'hour']] },
  ],
  title: { zh: '重点维护 147 位重要价值客户', en: 'Look after 147 important-value customers' },
  content: {
    zh: '重要价值客户共 147 人，本期贡献会员客户营收的 53.2%（¥3.81万）。',
    en: '147 important-value customers brought 53.2% of customer revenue (¥38.13K).',
  },
};
const ctx = numberCheckContext(draft, scope);
const check = (text: string) => checkNumbers(text, ctx);

describe('The number rule', () => {
  it('When a text cites the evidence in any of its written forms, Then it passes', () => {
    for (const text of [
      '147 位客户贡献 53.2%',
      '约 53% 的营收',
      '营收 ¥38,125.10',
      '营收 3.8万元，约 ¥4万',
      'revenue of ¥38.1K, about 38,125 yuan',
      '活跃客户下降 8.3%',
      '高峰在 12:00',
      '预计 ¥762.49–¥1,906.22，假设 2%–5% 响应（3–7 人）',
      '2025-04-01 至 2025-06-30',
      '超过五成的营收',
      '没有数字的句子',
    ])
      expect(check(text), text).toEqual({ ok: true });
  });

  it('When a text cites a number that is not in the evidence, Then it is named as the culprit', () => {
    expect(check('营收将提升 37.9%')).toEqual({ ok: false, number: '37.9%' });
    expect(check('共 148 位客户')).toEqual({ ok: false, number: '148' });
    expect(check('营收 ¥3.9万')).toEqual({ ok: false, number: '¥3.9万' });
    expect(check('在 2025-07-01 之前')).toEqual({ ok: false, number: '2025-07-01' });
    expect(check('在 15:00 推送')).toEqual({ ok: false, number: '15:00' });
    expect(check('在 12:30 推送')).toEqual({ ok: false, number: '12:30' });
    expect(check('近三成的客户')).toEqual({ ok: false, number: '三成' });
    expect(check('revenue up 2.5x')).toEqual({ ok: false, number: '2.5' });
    // A share is a percentage, not a bare count: "53.2" alone is not "53.2%".
    expect(check('53.2 位客户')).toEqual({ ok: false, number: '53.2' });
  });

  it('When a product name contains digits, Then the name is not read as a number', () => {
    const named = { ...ctx, names: ['可乐 500ml'] };
    expect(checkNumbers('搭配「可乐 500ml」', named)).toEqual({ ok: true });
    expect(checkNumbers('搭配 500ml 饮料', named)).toEqual({ ok: false, number: '500' });
  });
});

describe('The language-model writer against a fake OpenAI-compatible server', () => {
  let fake: Awaited<ReturnType<typeof startFakeOpenAi>>;
  const payload = buildLlmPayload(draft, scope);
  const config = () => ({ baseUrl: fake.baseUrl, apiKey: 'test-key', model: 'fake-model' });

  beforeAll(async () => {
    fake = await startFakeOpenAi({ mode: 'good', slowMs: LLM_TIMEOUT_MS + 2_000 });
  });
  afterAll(async () => {
    await fake?.stop();
  });

  it('When the model answers well, Then its text is used, and the request is the documented chat call', async () => {
    fake.setMode('good');
    const result = await rewriteSuggestion(config(), payload, ctx);
    expect(result).toEqual({
      ok: true,
      text: {
        title: { zh: `${REWRITE_MARK.zh}${draft.title.zh}`, en: `${REWRITE_MARK.en}${draft.title.en}` },
        content: draft.content,
      },
    });
    expect(JSON.parse(fake.state.bodies.at(-1) ?? '')).toEqual(chatRequestBody('fake-model', payload));
    expect(fake.state.authorization.at(-1)).toBe('Bearer test-key');
  });

  it('When the model invents a number, Then the answer is rejected and names it', async () => {
    fake.setMode('invented');
    expect(await rewriteSuggestion(config(), payload, ctx)).toEqual({
      ok: false,
      reason: 'invented_number',
      detail: 'cites 37.9%',
    });
  });

  it(`When the model takes longer than ${LLM_TIMEOUT_MS} ms, Then the writer gives up with a timeout`, async () => {
    expect(LLM_TIMEOUT_MS).toBe(5_000);
    fake.setMode('slow');
    const result = await rewriteSuggestion(config(), payload, ctx);
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
  }, 20_000);

  it('When the API fails or answers something else than the JSON asked for, Then it is rejected', async () => {
    fake.setMode('error');
    expect(await rewriteSuggestion(config(), payload, ctx)).toEqual({
      ok: false,
      reason: 'error',
      detail: 'HTTP 500',
    });
    fake.setMode('garbage');
    expect(await rewriteSuggestion(config(), payload, ctx)).toMatchObject({
      ok: false,
      reason: 'invalid_answer',
    });
    const nowhere = { ...config(), baseUrl: 'http://127.0.0.1:9/v1' };
    expect(await rewriteSuggestion(nowhere, payload, ctx)).toMatchObject({ ok: false, reason: 'error' });
  });
});
