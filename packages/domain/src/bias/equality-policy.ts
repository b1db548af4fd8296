/**
 * How Pairwise uses retext-equality. Its pronoun patterns fire on every "he" and "she", but
 * describing what she did is not bias, so those phrases are ignored outright. A few of its
 * other words have a technical sense in pairing notes (the master branch, a man page, a dummy
 * implementation); those are dropped only in that technical context, as data like the rules.
 */
export const equalityIgnoredPhrases: readonly string[] = [
  'he',
  'she',
  "he'd",
  "she'd",
  "he'll",
  "she'll",
  "he's",
  "she's",
  'him',
  'his',
  'her',
  'hers',
  'himself',
  'herself',
  // Words retext-equality flags as condescending to a reader; in notes about a candidate they
  // are everyday English ("just ran the tests", "a simple fix") and say nothing about bias.
  'just',
  'simple',
  'simply',
  'easy',
  'easily',
  'obvious',
  'obviously',
  'basically',
  'clearly',
  'of course',
  'straight forward',
  'straightforward',
  'straight forwardly',
  'straightforwardly',
  'everyone knows',
  // Core vocabulary of software work with no reading about people.
  'host',
  'hosts',
  'hang',
  'invalid',
];

const r = String.raw;

/** Regular-expression sources; a retext-equality finding inside one of these matches is dropped. */
export const equalityTechnicalContexts: readonly string[] = [
  r`master (?:branch|copy|key|node|database|db|process|password|record|list|data|thesis)`,
  r`(?:merg|push|rebas|commit|deploy|check)\p{L}* (?:\p{L}+ )?(?:in)?to (?:the )?master`,
  r`origin/master|main/master|master/main`,
  r`master (?:or|and|vs\.?|versus) main|main (?:or|and|vs\.?|versus) master`,
  // The names in legacy code, kept or replaced: naming is the work.
  r`(?:master/slave|slave/master|(?:black|white)list/(?:white|black)list) (?:naming|names?|terms?|terminology|replicas?|replication|setup)`,
  r`main instead of master|master (?:to|into|→|->) main`,
  // A branch named in the same breath as main or the default branch.
  r`main(?:[\s,]+\p{L}+){0,3}[\s,]+master(?:[\s,]+\p{L}+){0,8}[\s,]+branch|master(?:[\s,]+\p{L}+){0,8}[\s,]+(?:default|main|renamed) branch`,
  r`(?:black|white)list (?:vs\.?|versus|or|and|over|against|instead of) (?:an? |the )?(?:allow|deny|block)list`,
  r`(?:allow|deny|block)list (?:vs\.?|versus|or|and|over|against|instead of) (?:an? |the )?(?:black|white)list`,
  // Renaming the word away is the work itself.
  r`(?:white|black)list(?: \p{L}+){0,3} (?:to|with|for|into|as) (?:an? |the )?(?:allow|deny|block)list`,
  // An academic degree, and the legal names of the leave: facts about a CV or a start date.
  r`master(?:'|’)?s (?:degree |programme |program )?(?:at|in|from|degree|programme|program)`,
  r`(?:finishing|doing|studying for|completing|started|starting|holds?|has|had) an? master(?:'|’)?s`,
  r`(?:paternity|maternity) leave`,
  r`man ?pages?`,
  r`disabled (?:the|a|an|this|that|these|those|it|its|all|some|\p{L}+ing)`,
  r`disabled (?:buttons?|inputs?|fields?|states?|attributes?|links?|options?|checkbox(?:es)?|controls?|elements?|props?|flags?|features?|tests?|rules?)`,
  r`(?:was|were|is|are|been|be|got|gets|stay(?:s|ed)?|remain(?:s|ed)?|kept|keeps?|left) disabled (?:in|by|for|until|behind|via|when|on)`,
  r`special (?:cases?|characters?|chars?|handling|values?|tokens?|keys?|forms?|paths?|flags?|syntax)`,
  r`challeng\p{L}* (?:my|me|the|our|this|that|these|those|an?|it|its|his|her|their|some)`,
  r`mental (?:models?|maps?|arithmetic|maths?|load|overhead|notes?|pictures?|images?|stack|checklist)`,
  r`man-in-the-middle`,
  r`primitive (?:types?|values?|obsession|strings?|numbers?|ints?|integers?|booleans?|wrappers?|operations?)`,
  r`dumm(?:y|ies) (?:implementations?|data|values?|objects?|variables?|functions?|files?|records?|users?|tests?|classes|class|entr(?:y|ies)|endpoints?|services?|server|text|payloads?|args?|arguments?)`,
  r`(?:tests?|spies|spy|mocks?|stubs?|fakes?|doubles?),? (?:or |and )?dumm(?:y|ies)`,
];

/**
 * retext-equality's words that also have a sense in the work (a master branch, a blacklist of
 * tokens, a dummy head node, a disabled button, a primitive type). Listing every technical
 * phrase cannot keep up with a new author's ("a dummy head node", "studying part-time for a
 * master's"), so a finding on one of these words is the learned check's to clear, as Pairwise's own
 * trigger words are, when it reads the sentence as plainly about the work.
 */
export const equalityWorkSenseWords =
  /^(?:master(?:'|’)?s?|slaves?|(?:black|white)list(?:s|ed|ing)?|dumm(?:y|ies)|disabled|special|primitive|mental|challenged|blind(?: to)?|grandfathered)$/iu;
