import { describe, expect, it } from 'vitest';
import { axisFormatter, escapeHtml, formatters, NO_VALUE, textWidth, truncateLabel } from '../format';

describe('formatters', () => {
  const zh = formatters('zh-CN');
  const en = formatters('en-US');

  it('When a count is below 10,000, Then it is written in full with grouping', () => {
    expect(zh.compact(9876)).toBe('9,876');
    expect(en.compact(9876)).toBe('9,876');
  });

  it('When a count is large, Then Chinese uses 万 / 亿 and English K / M', () => {
    expect(zh.compact(123456)).toBe('12.35万');
    expect(zh.compact(123456789)).toBe('1.23亿');
    expect(en.compact(123456)).toBe('123.46K');
    expect(en.compact(1234567)).toBe('1.23M');
  });

  it('When money is formatted, Then it carries ¥ and two decimals, or 万 when large', () => {
    expect(zh.currency(38.6)).toBe('¥38.60');
    expect(en.currency(1234.5)).toBe('¥1,234.50');
    expect(zh.currencyCompact(319801)).toBe('¥31.98万');
    expect(en.currencyCompact(319801)).toBe('¥319.8K');
    expect(zh.currencyCompact(8234.4)).toBe('¥8,234');
    expect(zh.currency(-5)).toBe('-¥5.00');
  });

  it('When a share is formatted, Then it is a percentage with one decimal', () => {
    expect(zh.percent(0.3642)).toBe('36.4%');
    expect(en.percent(0.05, 2)).toBe('5.00%');
  });

  it('When a value is missing, Then a dash is shown', () => {
    expect(zh.integer(null)).toBe(NO_VALUE);
    expect(zh.currency(null)).toBe(NO_VALUE);
    expect(en.percent(null)).toBe(NO_VALUE);
    expect(en.compact(Number.NaN)).toBe(NO_VALUE);
  });

  it('When a day is formatted, Then it reads naturally in each language and never shifts by a timezone', () => {
    expect(zh.day('2025-06-01')).toBe('2025年6月1日');
    expect(en.day('2025-06-01')).toBe('Jun 1, 2025');
    expect(zh.shortDay('2025-12-31')).toBe('12/31');
  });

  it('When any day is formatted, Then it reads exactly as Intl.DateTimeFormat writes it', () => {
    for (const f of [zh, en]) {
      const long = new Intl.DateTimeFormat(f.lang, { dateStyle: 'medium', timeZone: 'UTC' });
      const short = new Intl.DateTimeFormat(f.lang, {
        month: f.lang === 'zh-CN' ? 'numeric' : 'short',
        day: 'numeric',
        timeZone: 'UTC',
      });
      for (let t = Date.UTC(2023, 0, 1); t <= Date.UTC(2026, 11, 31); t += 86_400_000) {
        const date = new Date(t);
        const iso = date.toISOString().slice(0, 10);
        expect(f.day(iso)).toBe(long.format(date));
        expect(f.shortDay(iso)).toBe(short.format(date));
      }
    }
  });
});

describe('axisFormatter', () => {
  it('When the axis stays below 10,000, Then ticks are written in full', () => {
    const fmt = axisFormatter(1200, 'zh-CN');
    expect([0, 600, 1200].map(fmt)).toEqual(['0', '600', '1,200']);
  });

  it('When the axis is large, Then every tick uses the same unit', () => {
    const zh = axisFormatter(15000, 'zh-CN', true);
    expect([0, 5000, 10000, 15000].map(zh)).toEqual(['¥0', '¥0.5万', '¥1万', '¥1.5万']);
    const en = axisFormatter(2_500_000, 'en-US');
    expect([500_000, 2_500_000].map(en)).toEqual(['0.5M', '2.5M']);
  });
});

describe('labels', () => {
  it('When text mixes Chinese and Latin, Then Chinese characters count double', () => {
    expect(textWidth('热狗')).toBe(4);
    expect(textWidth('Hot dog')).toBe(7);
  });

  it('When a name is too long, Then it is cut with an ellipsis within the width', () => {
    const cut = truncateLabel('芝士双层牛肉堡超值套餐（含中杯可乐与薯条）', 12);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut)).toBeLessThanOrEqual(12);
    expect(truncateLabel('热狗', 12)).toBe('热狗');
    expect(truncateLabel('Super Long English Product Name', 12)).toBe('Super Long…');
  });

  it('When a name holds HTML, Then the tooltip gets it escaped', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)">&')).toBe(
      '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;',
    );
  });
});
