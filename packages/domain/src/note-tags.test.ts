import { describe, expect, it } from 'vitest';
import { parseNoteInput } from './note-tags.ts';

describe('note tag prefixes', () => {
  it('reads symbol and letter prefixes', () => {
    expect(parseNoteInput('+t Wrote the failing test first')).toEqual({
      text: 'Wrote the failing test first',
      tags: ['positive', 'tdd'],
    });
    expect(parseNoteInput('! d Large class')).toEqual({ text: 'Large class', tags: ['concern', 'design'] });
  });

  it('leaves ordinary words alone', () => {
    expect(parseNoteInput('the test went green')).toEqual({ text: 'the test went green', tags: [] });
    expect(parseNoteInput('did a rename')).toEqual({ text: 'did a rename', tags: [] });
  });

  it('reads a question mark as the question tag', () => {
    expect(parseNoteInput('? Why a map here')).toEqual({ text: 'Why a map here', tags: ['question'] });
  });
});
