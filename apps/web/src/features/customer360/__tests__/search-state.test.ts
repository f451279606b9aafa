import { describe, expect, it } from 'vitest';
import { searchState } from '../utils/search-state';

describe('What the search box sends', () => {
  it('When nothing or spaces are typed, Then nothing is sent', () => {
    expect(searchState('')).toEqual({ kind: 'empty' });
    expect(searchState('   ')).toEqual({ kind: 'empty' });
  });

  it('When three digits are typed, Then the box asks for a fourth before searching', () => {
    expect(searchState('138')).toEqual({ kind: 'too_short', minDigits: 4 });
    expect(searchState('138 0')).toEqual({ kind: 'ready', query: '138 0', match: 'phone' });
  });

  it('When a name, member id or email is typed, Then it is sent as typed, trimmed', () => {
    expect(searchState(' 王 ')).toEqual({ kind: 'ready', query: '王', match: 'name' });
    expect(searchState('m12')).toEqual({ kind: 'ready', query: 'm12', match: 'member_id' });
    expect(searchState('a@b')).toEqual({ kind: 'ready', query: 'a@b', match: 'email' });
  });
});
