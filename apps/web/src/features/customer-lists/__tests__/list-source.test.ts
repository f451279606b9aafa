import { describe, expect, it } from 'vitest';
import { csvUrl, segmentTitle, sourceKey } from '../utils/list-source';

const scope = { from: '2025-04-01', to: '2025-06-30', cities: ['杭州'], stores: ['S01', 'S02'] };

describe('Customer list sources', () => {
  it('When a segment list is exported, Then the CSV address carries the whole scope and the language', () => {
    const url = csvUrl({ kind: 'segment', segment: 'important_winback', scope }, 'zh-CN');
    const [path, query] = url.split('?');
    expect(path).toBe('/api/v1/portrait/segments/important_winback/customers.csv');
    const params = new URLSearchParams(query);
    expect(params.get('from')).toBe('2025-04-01');
    expect(params.get('to')).toBe('2025-06-30');
    expect(params.getAll('city')).toEqual(['杭州']);
    expect(params.getAll('store')).toEqual(['S01', 'S02']);
    expect(params.get('lang')).toBe('zh');
  });

  it("When a suggestion's target is exported, Then the address names the suggestion only (its scope is stored)", () => {
    expect(csvUrl({ kind: 'suggestion', id: 42, title: 'x' }, 'en-US')).toBe(
      '/api/v1/suggestions/42/customers.csv?lang=en',
    );
  });

  it('When sources are keyed and titled, Then each kind has its own key and segment names follow the language', () => {
    expect(sourceKey({ kind: 'suggestion', id: 7, title: '' })).toBe('suggestion-7');
    expect(sourceKey({ kind: 'segment', segment: 'important_value', scope })).toBe('segment-important_value');
    expect(segmentTitle('important_value', 'zh-CN')).toBe('重要价值客户');
    expect(segmentTitle('important_value', 'en-US')).toBe('Important value');
  });
});
