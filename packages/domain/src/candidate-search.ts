/**
 * Candidate search matches the start of any word of the name, or the start of the email address
 * (or of its domain), ignoring case and accents: "ada", "love", "ada.l@" and "example.org" all
 * find Ada Lovelace <ada.l@example.org>. Each candidate's terms are stored one per row, so a
 * search is a range read of an index on both databases instead of a scan of every candidate.
 */
const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** The terms stored for a candidate. */
export function candidateSearchTerms(name: string, email: string): string[] {
  const terms = new Set(
    fold(name)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
  );
  const address = fold(email).trim();
  if (address) {
    terms.add(address);
    const domain = address.split('@')[1];
    if (domain) terms.add(domain);
  }
  return [...terms].map((term) => term.slice(0, 200));
}

/**
 * The words of a query; every one must start some term of the candidate. An email-looking word is
 * kept whole, other words split like names. At most five words, so one query stays a few reads.
 */
export function searchWords(query: string): string[] {
  return fold(query)
    .split(/\s+/)
    .flatMap((word) => (word.includes('@') || word.includes('.') ? [word] : word.split(/[^\p{L}\p{N}]+/u)))
    .filter(Boolean)
    .slice(0, 5)
    .map((word) => word.slice(0, 200));
}

/**
 * The exclusive upper bound of the terms that start with `prefix` under a binary (code point)
 * ordering: the prefix with its last character incremented, e.g. "ada" → "adb".
 */
export function prefixUpperBound(prefix: string): string {
  const chars = [...prefix];
  const last = chars.pop()!;
  // U+10FFFF has no successor; no term holds it, so the bound can be itself.
  return chars.join('') + String.fromCodePoint(Math.min(last.codePointAt(0)! + 1, 0x10ffff));
}
