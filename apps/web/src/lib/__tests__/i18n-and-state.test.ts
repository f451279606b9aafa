import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n';
import { enUS } from '../locales/en-us';
import { zhCN } from '../locales/zh-cn';
import { panelState } from '../panel-state';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(leaves);
}

describe('i18n resources', () => {
  it('When both languages are compared, Then they have exactly the same keys and no empty string', () => {
    expect(keys(enUS).sort()).toEqual(keys(zhCN).sort());
    for (const text of [...leaves(zhCN), ...leaves(enUS)]) expect(text.trim()).not.toBe('');
  });

  it('When the empty state is shown, Then it says so in each language', () => {
    expect(createI18n('zh-CN').t('state.empty')).toBe('该范围内没有订单');
    expect(createI18n('en-US').t('state.empty')).toBe('No orders in this scope');
  });
});

describe('panelState', () => {
  const isEmpty = (rows: number[]) => rows.length === 0;

  it('When nothing has arrived yet, Then the panel is loading', () => {
    expect(panelState({ data: undefined, isError: false }, isEmpty)).toBe('loading');
  });

  it('When the request failed and nothing is on screen, Then the panel shows the error', () => {
    expect(panelState({ data: undefined, isError: true }, isEmpty)).toBe('error');
  });

  it('When data arrived, Then it is ready, or empty without rows', () => {
    expect(panelState({ data: [1], isError: false }, isEmpty)).toBe('ready');
    expect(panelState({ data: [], isError: false }, isEmpty)).toBe('empty');
  });

  it('When a background refresh fails while data is shown, Then the data stays', () => {
    expect(panelState({ data: [1], isError: true }, isEmpty)).toBe('ready');
  });
});
