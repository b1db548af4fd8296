import { describe, expect, it } from 'vitest';
import { candidateSearchTerms, prefixUpperBound, searchWords } from './candidate-search.ts';

describe('candidate search terms', () => {
  it('stores each word of the name, the address and its domain, folded', () => {
    expect(candidateSearchTerms('Zoë  Ölund-Ng', 'Zoe.O@Example.org').sort()).toEqual(
      ['example.org', 'ng', 'olund', 'zoe', 'zoe.o@example.org'].sort(),
    );
  });

  it('splits a query like a name but keeps addresses whole', () => {
    expect(searchWords('  Zoë ÖLUND ')).toEqual(['zoe', 'olund']);
    expect(searchWords('zoe.o@exa')).toEqual(['zoe.o@exa']);
    expect(searchWords('a b c d e f g')).toHaveLength(5);
    expect(searchWords('  ')).toEqual([]);
  });

  it('bounds the range of terms that start with a prefix', () => {
    const bound = prefixUpperBound('ada');
    expect(bound).toBe('adb');
    for (const term of ['ada', 'adam', 'ada\u{10ffff}']) expect(term >= 'ada' && term < bound).toBe(true);
    for (const term of ['ad', 'adb', 'b']) expect(term >= 'ada' && term < bound).toBe(false);
    expect(prefixUpperBound('a\u{10ffff}')).toBe('a\u{10ffff}');
  });
});
