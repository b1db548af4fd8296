/** Note tags and the one-character prefixes that set them from the keyboard. */
export const noteTags = [
  'positive',
  'concern',
  'question',
  'tdd',
  'design',
  'communication',
  'tooling',
  'other',
] as const;
export type NoteTag = (typeof noteTags)[number];

export const tagPrefixes: Record<string, NoteTag> = {
  '+': 'positive',
  '!': 'concern',
  '?': 'question',
  t: 'tdd',
  d: 'design',
  c: 'communication',
  o: 'tooling',
};

/**
 * Reads leading tag prefixes ("+t Wrote the test first") into tags. A letter prefix only counts
 * when followed by a space, so ordinary words ("the", "did") are never eaten.
 */
export function parseNoteInput(input: string): { text: string; tags: NoteTag[] } {
  const tags: NoteTag[] = [];
  let rest = input.trimStart();
  for (;;) {
    const symbol = rest[0];
    if (symbol && '+!?'.includes(symbol)) {
      pushUnique(tags, tagPrefixes[symbol]!);
      rest = rest.slice(1).trimStart();
      continue;
    }
    const letter = /^([tdco])\s/.exec(rest);
    if (letter) {
      pushUnique(tags, tagPrefixes[letter[1]!]!);
      rest = rest.slice(2).trimStart();
      continue;
    }
    return { text: rest.trim(), tags };
  }
}

function pushUnique(tags: NoteTag[], tag: NoteTag) {
  if (!tags.includes(tag)) tags.push(tag);
}
