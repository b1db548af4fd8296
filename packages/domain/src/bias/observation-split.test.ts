import { describe, expect, it } from 'vitest';
import { checkLanguage } from './language-check.ts';
import { formatObservationSplit, isObservationSplit, splitObservation } from './observation-split.ts';

describe('splitObservation', () => {
  it('moves the sentences holding a flagged phrase to what was concluded', () => {
    const text = 'Wrote the failing test first. Seems like a culture fit! Renamed the parser.';
    const split = splitObservation(text, checkLanguage(text));
    expect(split).toEqual({
      observed: 'Wrote the failing test first. Renamed the parser.',
      concluded: 'Seems like a culture fit!',
    });
    const note = formatObservationSplit(split);
    expect(note).toBe(
      'Observed: Wrote the failing test first. Renamed the parser.\nConcluded: Seems like a culture fit!',
    );
    expect(isObservationSplit(note)).toBe(true);
  });

  it('leaves the conclusion empty for the author when nothing is flagged', () => {
    const split = splitObservation('Asked about the edge case', []);
    expect(formatObservationSplit(split)).toBe('Observed: Asked about the edge case\nConcluded:');
    expect(isObservationSplit('Asked about the edge case')).toBe(false);
  });
});
