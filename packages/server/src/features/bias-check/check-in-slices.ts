import { setImmediate as nextTurn } from 'node:timers/promises';
import { checkLanguageOfEach, type LanguageCheckOptions, type LanguageFinding } from '@pairwise/domain';

/** About 35 ms of the language check on these machines (2,000 words cost 40-45 ms). */
const SLICE_CHARACTERS = 10_000;

/**
 * The language check is synchronous, and an author's notes can be megabytes (a long session,
 * pasted logs): checked all at once, a report of a long interview held the event loop for
 * seconds, and every other request (a note being saved in a live session among them) waited.
 * Checked a slice of whole texts at a time instead, yielding between slices. The check keeps
 * texts apart, so the findings are the same as one call over all of them.
 */
export async function checkEachInSlices(
  texts: readonly string[],
  options: LanguageCheckOptions,
): Promise<LanguageFinding[][]> {
  const findings: LanguageFinding[][] = [];
  let start = 0;
  while (start < texts.length) {
    let end = start + 1;
    let size = texts[start]!.length;
    while (end < texts.length && size + texts[end]!.length <= SLICE_CHARACTERS) size += texts[end++]!.length;
    findings.push(...checkLanguageOfEach(texts.slice(start, end), options));
    start = end;
    if (start < texts.length) await nextTurn();
  }
  return findings;
}
