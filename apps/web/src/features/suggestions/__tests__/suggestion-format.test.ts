import type { Suggestion } from '@portrait/shared/suggestions';
import { describe, expect, it } from 'vitest';
import { formatters } from '../../../lib/format';
import { createI18n } from '../../../lib/i18n';
import {
  figureLabel,
  formatFigure,
  pathText,
  splitByStatus,
  statusTime,
  targetText,
} from '../utils/suggestion-format';

const zh = formatters('zh-CN');
const en = formatters('en-US');

describe('Suggestion formatting', () => {
  it('When figures are shown, Then each unit reads as on the panels', () => {
    expect(formatFigure({ unit: 'count', value: 12345 }, zh)).toBe('12,345');
    expect(formatFigure({ unit: 'cny', value: 38125.1 }, zh)).toBe('¥38,125.10');
    expect(formatFigure({ unit: 'share', value: 0.532 }, en)).toBe('53.2%');
    expect(formatFigure({ unit: 'change', value: 0.1 }, en)).toBe('+10.0%');
    expect(formatFigure({ unit: 'change', value: -0.083 }, en)).toBe('-8.3%');
    expect(formatFigure({ unit: 'days', value: 14.5833 }, zh)).toBe('14.6');
    expect(formatFigure({ unit: 'ratio', value: 1.6543 }, en)).toBe('1.65');
    expect(formatFigure({ unit: 'hour', value: 14 }, zh)).toBe('14:00');
  });

  it('When a figure comes from the overview, Then its path is spelled out, sums joined with +', () => {
    expect(pathText([['segments', 'important_value', 'count']])).toBe('segments › important_value › count');
    expect(
      pathText([
        ['channels', 'byChannel', 'meituan', 'orders'],
        ['channels', 'byChannel', 'eleme', 'orders'],
      ]),
    ).toBe('channels › byChannel › meituan › orders + channels › byChannel › eleme › orders');
    expect(figureLabel('lift', 'zh-CN')).toBe('提升度');
    expect(figureLabel('lift', 'en-US')).toBe('Lift');
  });

  it('When suggestions are grouped, Then dismissed ones go apart and the order is kept', () => {
    const s = (id: number, status: Suggestion['status']) => ({ id, status }) as Suggestion;
    const { open, dismissed } = splitByStatus([
      s(1, 'new'),
      s(2, 'dismissed'),
      s(3, 'accepted'),
      s(4, 'new'),
    ]);
    expect(open.map((x) => x.id)).toEqual([1, 3, 4]);
    expect(dismissed.map((x) => x.id)).toEqual([2]);
  });

  it('When a target is described, Then segments use their names and custom targets their rule', () => {
    const t = createI18n('zh-CN').t;
    expect(targetText({ kind: 'segment', segment: 'important_winback' }, t, 'zh-CN')).toBe('重要挽留客户');
    expect(
      targetText({ kind: 'custom', definition: { rule: 'off_peak', fromHour: 14, toHour: 16 } }, t, 'zh-CN'),
    ).toBe('在 14:00–17:00 下过单的客户');
    const tEn = createI18n('en-US').t;
    expect(
      targetText(
        {
          kind: 'custom',
          definition: {
            rule: 'cross_sell',
            antecedent: 'P1',
            antecedentName: 'Hot dog',
            consequent: 'P2',
            consequentName: 'Cola',
          },
        },
        tEn,
        'en-US',
      ),
    ).toBe('Bought Hot dog, never Cola');
  });
});

describe('Decision time', () => {
  it('When a status time is shown, Then it is Shanghai time in the language on screen', () => {
    expect(statusTime('2025-06-30T12:05:00Z', 'zh-CN')).toBe('6月30日 20:05');
    expect(statusTime('2025-06-30T12:05:00Z', 'en-US')).toBe('Jun 30, 20:05');
  });
});
