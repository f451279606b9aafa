/** How a typed search query is read. */
import { describe, expect, it } from 'vitest';
import { classifySearch, normalizePhone } from '../customer-search';

describe('Reading a search query', () => {
  it('When a phone is typed with spaces, dashes or +86, Then its digits are searched', () => {
    expect(normalizePhone('138 1234 8000')).toBe('13812348000');
    expect(normalizePhone('+86-138-1234-8000')).toBe('13812348000');
    expect(normalizePhone('008613812348000')).toBe('13812348000');
    expect(normalizePhone('8000')).toBe('8000');
    expect(normalizePhone('张三')).toBeNull();
  });

  it('When the query is an id, an email or a name, Then it is read as such', () => {
    expect(classifySearch(' 8000 ')).toEqual({ match: 'phone', term: '8000' });
    expect(classifySearch('m123')).toEqual({ match: 'member_id', term: 'M123' });
    expect(classifySearch('c0000042')).toEqual({ match: 'customer_id', term: 'C0000042' });
    expect(classifySearch('Coco@QQ.com')).toEqual({ match: 'email', term: 'coco@qq.com' });
    expect(classifySearch('张三')).toEqual({ match: 'name', term: '张三' });
  });
});
