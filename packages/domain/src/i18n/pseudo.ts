import type { Catalog } from './en.ts';

/**
 * The pseudo-locale the tests render in: every letter accented and every message about 35%
 * longer and bracketed, so a string that skipped the catalog shows up as plain ASCII and a
 * layout that only fits English shows up as overflow. Never offered to candidates.
 */
export const pseudoLocale = 'en-XA';

const ACCENTED: Record<string, string> = {};
const plain = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const accented = 'áƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ';
for (let i = 0; i < plain.length; i++) ACCENTED[plain[i]!] = [...accented][i]!;

/** Accents the letters of plain text (no ICU syntax in it). */
export function accentText(text: string): string {
  return text.replace(/[A-Za-z]/g, (c) => ACCENTED[c] ?? c);
}

/**
 * A message's literal text accented and padded; ICU syntax (arguments, plural and select
 * keys, `#`) left as it is. Literal text sits at even brace depth, syntax at odd depth.
 */
export function pseudoMessage(message: string): string {
  let out = '';
  let depth = 0;
  let letters = 0;
  for (let i = 0; i < message.length; i++) {
    const c = message[i]!;
    if (c === '{') depth += 1;
    else if (c === '}') depth -= 1;
    else if (depth % 2 === 0 && c !== '#') {
      if (/[A-Za-z]/.test(c)) letters += 1;
      out += ACCENTED[c] ?? c;
      continue;
    }
    out += c;
  }
  if (letters === 0) return out;
  // About 35% more, in short groups a line can break between, as real words can: one long
  // run of dots would overflow a phone where no translation would.
  const length = Math.max(2, Math.ceil(letters * 0.35));
  let pad = '';
  while (pad.length < length) pad += pad.length % 4 === 0 ? ' ' : '·';
  return `[${out}${pad}]`;
}

export function pseudoCatalog(source: Catalog): Catalog {
  const result = {} as Record<string, string>;
  for (const [id, message] of Object.entries(source)) result[id] = pseudoMessage(message);
  return result as Catalog;
}
