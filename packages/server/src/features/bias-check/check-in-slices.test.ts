import { checkLanguageOfEach } from '@pairwise/domain';
import { describe, expect, it } from 'vitest';
import { checkEachInSlices } from './check-in-slices.ts';

const notes = [
  'She wrote the failing test first.',
  'Too old for this pace, honestly.',
  'x'.repeat(9_000),
  'A real culture fit; he reminded me of myself.',
  'Asked what the function returns before changing it.',
  'y'.repeat(12_000),
  'Probably not a good fit for a young team.',
];

describe('checking texts a slice at a time', () => {
  it('finds what one check over all of them finds, each text in its place', async () => {
    expect(await checkEachInSlices(notes, {})).toEqual(checkLanguageOfEach(notes, {}));
    expect(await checkEachInSlices([], {})).toEqual([]);
  });

  it('lets other work run between slices', async () => {
    let ranBetween = false;
    setImmediate(() => {
      ranBetween = true;
    });
    const checking = checkEachInSlices(notes, {}).then(() => ranBetween);
    expect(await checking).toBe(true);
  });
});
