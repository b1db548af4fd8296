import { customTermToRule } from '@pairwise/domain';
import { checkLanguageOfEach } from '@pairwise/domain/language-check';
import { describe, expect, it } from 'vitest';
import { CheckedTexts, checkEachInSlices } from './check-in-slices.ts';

// Slices of 60 characters: some slices hold several notes, one note is longer than a slice.
const SLICE = 60;
const notes = [
  'She wrote the failing test first.',
  'Too old for this pace, honestly.',
  'Asked about negative numbers; wrote a test for them before the fix, then ran it.',
  'A real culture fit; he reminded me of myself.',
  'Asked what the function returns before changing it.',
  'Probably not a good fit for a young team.',
];

describe('checking texts a slice at a time', () => {
  it('finds what one check over all of them finds, each text in its place', async () => {
    expect(await checkEachInSlices(notes, {}, SLICE)).toEqual(checkLanguageOfEach(notes, {}));
    expect(await checkEachInSlices([], {}, SLICE)).toEqual([]);
  });

  it('lets other work run between slices', async () => {
    let ranBetween = false;
    setImmediate(() => {
      ranBetween = true;
    });
    const checking = checkEachInSlices(notes, {}, SLICE).then(() => ranBetween);
    expect(await checking).toBe(true);
  });
});

describe('texts checked before', () => {
  it('are not checked again, and answer what a first check answers, under the same terms only', async () => {
    const reached: string[] = [];
    const checked = new CheckedTexts((texts, options) => {
      reached.push(...texts);
      return checkEachInSlices(texts, options);
    });
    const first = await checked.checkEach(notes, {});
    expect(first).toEqual(checkLanguageOfEach(notes, {}));
    expect(reached).toEqual(notes);
    // Remembered: the same answer again without checking, each caller with arrays of its own.
    const again = await checked.checkEach([...notes].reverse(), {});
    expect(again).toEqual([...first].reverse());
    expect(reached).toHaveLength(notes.length);
    again[0]!.length = 0;
    expect(await checked.checkEach(notes.slice(-1), {})).toEqual(first.slice(-1));

    // An organisation term changes what a text's findings are: not answered from the cache.
    const term = {
      phrase: 'failing test',
      category: 'vague_judgement',
      message: 'Local jargon.',
      suggestion: 'Say what happened.',
    } as const;
    const withTerm = { extraRules: [customTermToRule(term)] };
    expect(await checked.checkEach(notes, withTerm)).toEqual(checkLanguageOfEach(notes, withTerm));
    expect(reached).toHaveLength(2 * notes.length);
    expect((await checked.checkEach(notes, withTerm))[0]).not.toEqual(first[0]);
  });
});
