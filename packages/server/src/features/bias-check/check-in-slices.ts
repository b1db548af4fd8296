import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { LanguageCheckOptions, LanguageFinding } from '@pairwise/domain';
import { LRUCache } from 'lru-cache';

/** About 35 ms of the language check on these machines (2,000 words cost 40-45 ms). */
const SLICE_CHARACTERS = 10_000;

type LanguageCheck = typeof import('@pairwise/domain/language-check');
let loading: Promise<LanguageCheck> | undefined;

/**
 * The language check with its learned model and retext-equality's word lists, loaded at the first
 * check: they are about 5 MB of a server that idles near its 120 MB budget, and nothing checks
 * language until someone refines, reports or keeps a phrase.
 */
export function languageCheck(): Promise<LanguageCheck> {
  loading ??= import('@pairwise/domain/language-check');
  return loading;
}

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
  sliceCharacters = SLICE_CHARACTERS,
): Promise<LanguageFinding[][]> {
  const { checkLanguageOfEach } = await languageCheck();
  const findings: LanguageFinding[][] = [];
  let start = 0;
  while (start < texts.length) {
    let end = start + 1;
    let size = texts[start]!.length;
    while (end < texts.length && size + texts[end]!.length <= sliceCharacters) size += texts[end++]!.length;
    findings.push(...checkLanguageOfEach(texts.slice(start, end), options));
    start = end;
    if (start < texts.length) await nextTurn();
  }
  return findings;
}

/**
 * The check's findings for texts it has read before. A panel member's notes are checked again on
 * every look at the refinement, every report, every summary, and a long interview's are megabytes:
 * the check reads ~100 kB a second, so its report cost seconds of CPU on each download. A text
 * checked under the same organisation terms has the same findings (the shipped rules and model are
 * fixed for the process), so each is checked once and remembered by a digest of the terms and the
 * text; the cache holds digests and findings, not the texts.
 */
export class CheckedTexts {
  private readonly findings = new LRUCache<string, readonly LanguageFinding[]>({ max: TEXTS_REMEMBERED });

  /** Tests count what reaches the check. */
  constructor(private readonly check = checkEachInSlices) {}

  async checkEach(texts: readonly string[], options: LanguageCheckOptions): Promise<LanguageFinding[][]> {
    const terms = digest(JSON.stringify(options.extraRules ?? []));
    const keys = texts.map((text) => `${terms}:${digest(text)}`);
    const known = new Map<string, readonly LanguageFinding[]>();
    const unseen = new Map<string, string>();
    keys.forEach((key, index) => {
      const findings = this.findings.get(key);
      if (findings) known.set(key, findings);
      else unseen.set(key, texts[index]!);
    });
    const checked = await this.check([...unseen.values()], options);
    [...unseen.keys()].forEach((key, index) => {
      known.set(key, checked[index]!);
      this.findings.set(key, checked[index]!);
    });
    // Each caller gets arrays of its own; the findings in them are only read.
    return keys.map((key) => [...known.get(key)!]);
  }
}

/** Texts' findings kept: a few long interviews' notes, a few megabytes of digests and findings. */
const TEXTS_REMEMBERED = 50_000;

const digest = (text: string) => createHash('sha256').update(text).digest('base64url');
