import { describe, expect, it } from 'vitest';
import { customBiasTermSchema, customTermToRule, phraseToPattern } from './custom-terms.ts';
import { matchRules } from './rule-match.ts';

const term = {
  phrase: 'rock star',
  category: 'vague_judgement',
  message: 'A hype label, not an observation.',
  suggestion: 'Say what they did.',
} as const;

describe('custom bias terms', () => {
  it('accepts a plain phrase with category, message and suggestion, trimming whitespace', () => {
    expect(customBiasTermSchema.parse({ ...term, phrase: '  C.V. gap  ' }).phrase).toBe('C.V. gap');
  });

  it('rejects what an admin could get wrong, with a readable reason', () => {
    const bad = customBiasTermSchema.safeParse({ ...term, phrase: ' - ', category: 'rudeness', message: '' });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['phrase', 'category', 'message']));
    expect(customBiasTermSchema.safeParse({ ...term, extra: true }).success).toBe(false);
  });

  it('matches the phrase literally, so regex characters in it are harmless', () => {
    const rule = customTermToRule({ ...term, phrase: 'C++ (guru)' });
    expect(rule.id).toBe('custom:c-guru');
    expect(matchRules('A real C++ (guru), hire.', [rule]).map((f) => f.phrase)).toEqual(['C++ (guru)']);
    expect(matchRules('A real C guru.', [rule])).toEqual([]);
  });

  it('treats spaces and hyphens as the same and matches whole words only', () => {
    const rule = customTermToRule(term);
    expect(matchRules('Total rock-star. Rock  star!', [rule]).map((f) => f.phrase)).toEqual([
      'rock-star',
      'Rock  star',
    ]);
    expect(matchRules('The rock stars and a rockstar.', [rule])).toEqual([]);
  });

  it('honours phrases in which the term is harmless', () => {
    const rule = customTermToRule({ ...term, phrase: 'guild', unless: ['guild wars'] });
    expect(matchRules('A guild member. Played Guild Wars.', [rule]).map((f) => f.start)).toEqual([2]);
  });

  it('escapes every regular-expression syntax character', () => {
    expect(phraseToPattern('a.b*c?')).toBe('a\\.b\\*c\\?');
    expect(() => new RegExp(phraseToPattern('[x]{2}|^$\\/'), 'u')).not.toThrow();
  });
});
