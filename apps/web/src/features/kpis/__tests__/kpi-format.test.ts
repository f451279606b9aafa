import { describe, expect, it } from 'vitest';
import { formatters } from '../../../lib/format';
import { formatChange, formatKpi, formatKpiExact, trendOf } from '../utils/kpi-format';

const zh = formatters('zh-CN');
const en = formatters('en-US');

describe('KPI values', () => {
  it('When each KPI is shown, Then it uses its own unit', () => {
    expect(formatKpi('orders', 8285, zh)).toBe('8,285');
    expect(formatKpi('activeCustomers', 123456, zh)).toBe('12.35万');
    expect(formatKpi('revenue', 319801, zh)).toBe('¥31.98万');
    expect(formatKpi('avgOrderValue', 38.6, zh)).toBe('¥38.60');
    expect(formatKpi('repurchaseRate', 0.3642, en)).toBe('36.4%');
    expect(formatKpi('ltv', 512.37, en)).toBe('¥512.37');
  });

  it('When a value is missing (no orders), Then a dash is shown', () => {
    expect(formatKpi('avgOrderValue', null, zh)).toBe('—');
    expect(formatKpiExact('repurchaseRate', null, en)).toBe('—');
  });

  it('When the exact value is asked for, Then it is written in full', () => {
    expect(formatKpiExact('revenue', 319801, zh)).toBe('¥319,801.00');
    expect(formatKpiExact('orders', 123456, en)).toBe('123,456');
  });
});

describe('KPI change', () => {
  it('When the change is positive, negative, tiny or unknown, Then the trend says so', () => {
    expect(trendOf(0.075)).toBe('up');
    expect(trendOf(-0.038)).toBe('down');
    expect(trendOf(0.0001)).toBe('flat');
    expect(trendOf(null)).toBe('none');
  });

  it('When the change is written, Then it is the magnitude (the arrow carries the sign)', () => {
    expect(formatChange(-0.0384, zh)).toBe('3.8%');
    expect(formatChange(null, zh)).toBe('—');
  });
});
