/**
 * Whose judgement a sentence carries, and about whom: what the lexicons' topic and judgement
 * signals cannot tell apart, for the learned check (bias-features.ts).
 * - `reported`: the candidate's own account ("said she's self-taught", "her words", "because she
 *   raised it"): a background the candidate gave is a fact until the writer judges on it.
 * - the subject of a modal: the candidate ("she'll need", "he wouldn't"), the writer ("I'd",
 *   "we could"), or a thing ("the endpoints would need", "the first approach wouldn't scale");
 *   only the first is a prediction about the person. "so he could think out loud" is a purpose,
 *   not a prediction.
 * - `infers`: the writer carrying what they saw past it ("makes me question", "tells me she'll",
 *   "I'm sure", "if he can't manage his tools, how will he …").
 */
export interface Stance {
  reported: boolean;
  predictsPerson: boolean;
  predictsThing: boolean;
  writerModal: boolean;
  purpose: boolean;
  infers: boolean;
}

const w = (source: string) => new RegExp(source, 'iu');
const apostrophe = "(?:'|’)";

const reported = w(
  `^\\s*(?:said|says|mentioned|told (?:us|me)|shared|explained)\\b|\\b(?:she|he|they|the candidate) (?:said|says|mentioned|told (?:us|me)|shared|raised|volunteered|explained that|noted that)\\b|\\b(?:her|his|their) (?:own )?(?:words|account)\\b|\\b(?:she|he|they) raised it\\b|\\bper (?:her|his|their) (?:cv|résumé|resume|profile|linkedin)\\b|\\baccording to (?:her|him|them)\\b`,
);

// The word before a modal is its subject: "she'll", "he would", "it won't", "the tests would".
const modal = new RegExp(
  `([\\p{L}-]+)(?:${apostrophe}(?:ll|d(?! (?:had|been|already|just|never|\\p{L}+ed)\\b))|\\s+(?:will|would|won${apostrophe}?t|wouldn${apostrophe}?t|could|couldn${apostrophe}?t|might|may|can${apostrophe}?t|cannot|is going to))\\b`,
  'giu',
);
const person = /^(?:she|he|they|candidate)$/iu;
const writer = /^(?:i|we|you)$/iu;
const notSubject = /^(?:so|that|which|who|if|when|and|but|or|because|what|how|then)$/iu;
const purpose = w(`\\bso (?:that )?(?:she|he|they) (?:could|would|can|might)\\b`);

const infers = w(
  `\\b(?:makes?|made|making) me (?:question|doubt|wonder|think|worry|feel)\\b|\\b(?:tells?|told) me (?:she|he|they|that|everything|all|enough)\\b|\\bi(?:${apostrophe}m| am) (?:sure|certain|confident)\\b|\\bif (?:she|he|they) can${apostrophe}?t [^,.;]{1,40}, how (?:will|would|can|could)\\b`,
);

export function stanceOf(sentence: string): Stance {
  let predictsPerson = false;
  let predictsThing = false;
  let writerModal = false;
  const isPurpose = purpose.test(sentence);
  const unpurposed = isPurpose ? sentence.replace(purpose, ' ') : sentence;
  modal.lastIndex = 0;
  for (let m = modal.exec(unpurposed); m !== null; m = modal.exec(unpurposed)) {
    const subject = m[1]!;
    if (person.test(subject)) predictsPerson = true;
    else if (writer.test(subject)) writerModal = true;
    else if (!notSubject.test(subject)) predictsThing = true;
  }
  return {
    reported: reported.test(sentence),
    predictsPerson,
    predictsThing,
    writerModal,
    purpose: isPurpose,
    infers: infers.test(sentence),
  };
}

// Words the writer quotes from the candidate ("made a joke about 'the girls in QA'", "kept saying
// 'I'd Google this'") are the candidate's, not the writer's: the rules' findings about wording do
// not apply to them, and the learned check has a feature for them (bias-features.ts). An apostrophe
// inside a word ("I'd") does not end the quote.
const reportedQuote =
  /(?<![\p{L}])(?:said|says|saying|joked?|jokes|joking|called|calls|asked|told (?:us|me)|wrote|quipped|referred to|put it|words were|comment(?:ed)?|remark(?:ed)?)(?![\p{L}])[^'"‘“.;]{0,24}?(?<=\s|^)['"‘“]((?:[^'"’”\n]|['’](?=\p{L})){1,100})['"’”](?![\p{L}])/giu;

/** The spans (start, end) of the candidate's words the writer quotes. */
export function reportedQuotes(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  reportedQuote.lastIndex = 0;
  for (let m = reportedQuote.exec(text); m !== null; m = reportedQuote.exec(text)) {
    const end = m.index + m[0].length - 1;
    out.push([end - m[1]!.length, end]);
  }
  return out;
}
