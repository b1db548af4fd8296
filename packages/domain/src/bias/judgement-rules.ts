import type { BiasRule } from './rule-types.ts';
import { negation, personObject, possessive, thingNouns, upTo } from './rule-vocabulary.ts';

const r = String.raw;

/**
 * "I knew", "we could tell", or a note starting "Knew ...": the navigator doing the knowing.
 * "She knew at once where the bug was" is the candidate, and is left alone.
 */
const iConcluded = r`(?:(?:I|we)(?: just| already| immediately| instantly| pretty much)? |(?<![\p{L}\p{N},][ \t]*))(?:knew|know|could tell|can tell|could see|decided|sensed|felt|made up my mind|had (?:a|my) (?:feeling|hunch|verdict))`;
/** Who a glance was at: "at first sight he seemed ..." is about the person, "at first glance the code ..." is not. */
const glancedAtPerson = r`(?:he|she|they|${possessive}|the candidate)`;
const atOnce = r`(?:right away|straight away|immediately|instantly|at once|from the (?:start|outset|off|get[- ]go|beginning|first (?:minute|second|moment|glance)|moment|minute|second)|(?:within|in) (?:(?:the|a) )?(?:first )?(?:few |couple of )?(?:\p{N}+ |\p{L}+ )?(?:seconds?|minutes?|moments?))`;

/**
 * Rules about how a judgement was reached rather than who it is about: liking people like
 * oneself, deciding in the first minutes, and verdicts with no behaviour behind them.
 */
export const judgementRules: BiasRule[] = [
  {
    id: 'culture-fit',
    category: 'affinity',
    patterns: [
      r`(?:culture|cultural|team) fit`,
      r`fits? in (?:well |nicely |perfectly |great |fine |right )?with (?:the|our|us|my)`,
      r`(?:good|great|perfect|poor|bad|natural|obvious|right|wrong) fit for (?:the|our|this|my) team`,
      r`(?:fit|fits|fitting) (?:right )?in(?:to)? (?:the|our|my) (?:team|culture|crowd|group|company|vibe)`,
      r`(?:won['’]?t|wouldn['’]?t|doesn['’]?t|didn['’]?t|not|never) fit in`,
      r`slot (?:right |straight )?in`,
    ],
    // A layout or a value that does not fit in its container is the work.
    unless: [
      r`(?:(?:won['’]?t|wouldn['’]?t|doesn['’]?t|didn['’]?t|not|never) )?fits? in(?:to)? (?:the |a |an |one |its |their )?(?:\p{L}+ )?(?:containers?|viewports?|screens?|pages?|memory|cache|lines?|columns?|box(?:es)?|width|rows?|budget|bytes?|int\p{L}*|words?|registers?|cells?|parent|layout|grid|window|frame|slots?|buckets?|buffers?|limits?)`,
    ],
    message:
      '"Culture fit" usually measures similarity to the current team; it is where affinity bias hides.',
    suggestion:
      'Name the specific working behaviour you value (e.g. "asked for review early", "kept commits small") and the evidence for it.',
  },
  {
    id: 'like-me',
    category: 'affinity',
    patterns: [
      r`remind(?:s|ed)? me of (?:myself|me|a young(?:er)? me|when I)`,
      r`(?:a )?young(?:er)? (?:version of )?(?:me|myself)`,
      r`one of us`,
      r`(?:just|exactly|a lot|much|very much|so much) like (?:me|myself|us)`,
      r`(?:thinks?|thought|talks?|codes?|works?|reasons?|approach(?:es)?)${upTo(3)}like (?:me|us|I do|we do)`,
      r`(?:the )?same (?:university|uni|school|college|background|hometown|home town|bootcamp|sports? club|sense of humou?r|hobbies|interests)`,
      r`(?:we|I) (?:really |instantly |immediately |just )?clicked`,
      r`hit it off`,
      r`vibes?`,
      r`(?:our|my) (?:kind|type|sort)(?: of (?:person|people|guy|gal|engineer|developer|candidate))?`,
      r`(?:beers?|drinks?|pints?|pub)${upTo(3)}with(?: ${personObject})?`,
      r`(?:support|supports|follow|follows|like|likes|love|loves) the same`,
      r`(?:people|someone|somebody|anyone|another \p{L}+)${upTo(3)}like (?:us|me)`,
      r`(?:a lot|much|so much|plenty|loads) in common`,
      r`kindred spirits?`,
      r`speaks? our language`,
      r`fits? (?:the|our) (?:mou?ld|profile|type)`,
      r`pedigree`,
      r`(?:my|our) (?:old|former|previous) (?:company|team|employer|university|uni|school|college|job|club|firm)`,
      r`(?:kind|type|sort) of (?:person|people|guy|gal|engineer|developer|candidate) (?:we|I)`,
      r`(?:be|been|become) friends with`,
      r`(?:grab|have|get|go for|share) (?:a )?(?:beer|beers|drink|drinks|pint|pints) with`,
      r`both (?:into|love|play|support)`,
    ],
    unless: [
      r`(?:our|my) (?:type|sort|kind) (?:definitions?|systems?|checker|annotations?|of (?:${thingNouns}|test|bug|problem|issue|change|thing|work))`,
    ],
    message:
      'Similarity to you (or the team) is not evidence of skill; affinity bias makes it feel like it is.',
    suggestion:
      'Ask what you would write about a candidate unlike you who did the same things, and write that with an example.',
  },
  {
    id: 'first-impression',
    category: 'first_impression',
    patterns: [r`first impressions?`],
    unless: [
      r`first impressions? (?:of|about|on)(?: (?:the|our|this|that|a|an|his|her|their))? (?:${thingNouns}|task|kata|problem|exercise|domain|setup|editor|naming|structure|design|diff)`,
      // The product's first impression on its users: a page load, an onboarding screen.
      r`first impressions? (?:\p{L}+ ){0,2}(?:users?|customers?|visitors?|clients?) (?:get|have|form)`,
      r`(?:users?|customers?|visitors?|clients?)(?:'|’)?s? first impressions?`,
    ],
    message: 'Impressions formed before the work starts colour how everything after is read (anchoring).',
    suggestion:
      'Note what happened in the pairing itself, and check whether the session bore the impression out.',
  },
  {
    id: 'snap-judgement',
    category: 'first_impression',
    patterns: [
      r`${iConcluded}${upTo(6)}${atOnce}`,
      r`${atOnce}[\s,]+${iConcluded}`,
      r`(?:within|in|after) the first (?:few |couple of )?(?:\p{L}+ )?(?:minutes?|seconds?|moments?)[\s,]+${iConcluded}`,
      r`from the (?:moment|minute|second|instant) \p{L}+ (?:walked|came|arrived|sat|logged|joined|said|introduced|opened|appeared|turned up|showed up|got)`,
      r`(?:good|bad|great|strong|weird|odd|funny) feeling about (?:${personObject}|this (?:one|candidate|person)|the candidate)`,
      r`handshake`,
      r`gut (?:feeling|says|instinct|reaction|tells|check|feel)`,
      r`(?:bad|weird|odd|strange|negative|off) vibes?`,
      r`(?:the way|how) (?:he|she|they) (?:introduced|greeted|shook|walked|entered|said hello|presented)`,
      r`introduced (?:himself|herself|themselves|themself)`,
      r`set the tone|put me off|won me over|sold me`,
      r`colou?red (?:the rest|everything|my (?:view|impression|judgement|judgment))`,
      r`(?:couldn['’]?t|can['’]?t|could not) shake`,
      r`(?:good|great|bad|awkward|poor|strong|weak|easy|natural|terrible|nice|excellent|lovely|stilted|painful)${upTo(2)}(?:at )?(?:the )?small talk`,
      r`small talk (?:was|went|felt|seemed|is)`,
      r`(?:walked|came|turned up|showed up|arrived) (?:in )?late`,
      r`my first (?:thought|reaction|feeling|instinct|read|take|sense)`,
      r`(?:when|as soon as|the moment|the minute|the second) (?:he|she|they|the candidate) (?:joined|walked|came|arrived|logged|sat|appeared|turned up|showed up|said hello)`,
      r`my gut`,
      r`love at first sight`,
      r`at first (?:glance|sight),? ${glancedAtPerson}`,
      r`vibes? (?:from|off) ${personObject}`,
    ],
    // A protocol's handshake is part of the work ("checked the Origin header in the websocket handshake").
    unless: [
      r`(?:tls|ssl|websocket|ws|tcp|three-way|oauth|protocol|http|mtls|quic|ssh|noise|connection|client|server) handshakes?`,
    ],
    message:
      'A judgement reached in the first moments, before any work, is a first impression, not evidence.',
    suggestion: 'Set the early feeling aside and rate from what you observed during the pairing hour.',
  },
  {
    id: 'intelligence-labels',
    category: 'vague_judgement',
    patterns: [
      r`smart(?:er|est)?`,
      r`brilliant`,
      r`genius`,
      r`gifted`,
      r`intelligent`,
      r`talent(?:ed)?`,
      r`(?:good|nice|great|lovely|decent) (?:egg|guy|gal|person|chap|bloke|sort)`,
      r`(?:very|really|so|quite|super|pretty|extremely) (?:bright|sharp|clever)`,
      r`(?:bright|sharp|clever) (?:guy|girl|person|candidate|engineer|developer|one|kid|mind|cookie)`,
      r`quick (?:learner|study|thinker)`,
      r`${negation} (?:very |that |the )?(?:bright|sharp|clever)(?: enough)?`,
      r`slow on the uptake`,
      r`dumb|stupid|clueless`,
    ],
    unless: [
      r`smart[\s-]+(?:pointers?|contracts?|constructors?|quotes?|casts?|casting|cards?|phones?|watch\p{L}*|tvs?|homes?|meters?|defaults?|completions?|enums?|selectors?|search\p{L}*|merge|compose|rename|tags?|devices?|bulbs?|locks?|insert|indent\p{L}*|components?)`,
      r`talent (?:pool|acquisition|team|partner)`,
      r`intelligent (?:caching|routing|autocomplete|code completion|completion|defaults?|search|suggestions?)`,
      r`genius (?:bar|move)`,
      r`dumb['’"]? (?:components?|terminals?|pipes?|clients?|views?|mistakes?)`,
    ],
    message: 'A label for the person, not a description of the work; the next reader cannot check it.',
    suggestion:
      'Replace it with what they did that made you think so (e.g. "found the off-by-one from the failing test output alone").',
  },
  {
    id: 'weak-strong',
    category: 'vague_judgement',
    patterns: [
      r`weak(?:er|est|ness|nesses)?`,
      r`(?:strong|solid|great|excellent|good|poor|average|mediocre|decent|weak|bad) (?:candidate|hire|engineer|developer|dev|programmer|coder|profile|performer|all-?rounder)s?`,
      r`strong (?:yes|no)`,
      r`mediocre`,
      r`average(?: at best)?`,
      r`solid`,
      r`underwhelm\p{L}*|unimpressive|disappointing|lightweight`,
      r`out of ${possessive} depth`,
      r`not up to (?:it|scratch|par|the job|snuff)`,
      r`(?:didn['’]?t|did not|doesn['’]?t|does not|failed to) impress|impress(?:ed|es)? me`,
      r`(?:is|he['’]s|she['’]s|they['’]re) a natural(?![\s-]+\p{L})`,
      r`potential(?!\s+\p{L})`,
      r`(?:hungry|driven|ambitious|passionate|motivated|senior|technical|experienced|mature|polished|confident|skilled|qualified|impressive|sharp|bright|smart) enough`,
      r`(?:in)?competent`,
      r`exceptional|outstanding|amazing|awesome|fantastic|superb|stellar|phenomenal|top[- ]notch|impressive`,
      r`meh`,
      r`so-so`,
      r`not (?:that |very |particularly |overly )?impress(?:ive|ed)`,
    ],
    unless: [
      r`weak(?:ly)?[\s-]+(?:refs?|references?|pointers?|typ\p{L}*|hash\p{L}*|maps?|sets?|etags?|consistency|ordering|memory|links?|(?:points?|spots?) (?:of|in) (?:the|this|that|our|my)|entit\p{L}*|signals?|password\p{L}*|crypto\p{L}*|ciphers?|keys?|randomness|scaling|eventual|tests?|assertions?|checks?|validation|coupling|cohesion)`,
      r`${thingNouns}${upTo(2)}(?:weak|weaker|weakest|solid|average|mediocre|lightweight|impressive|exceptional|outstanding|amazing|awesome|fantastic|disappointing)`,
      r`(?:solid|average|lightweight|impressive|exceptional|outstanding|amazing|awesome|fantastic)[\s,]+(?:\p{L}+ )?${thingNouns}`,
      r`solid(?:[\s-]+state|js| principles?)`,
      r`average (?:response|run|wait|load|latency|time|duration|size|length|value|case|number|of)\p{L}*`,
      r`exceptional (?:cases?|circumstances|conditions?|paths?|flows?)`,
      r`(?:below|above|on) average`,
      // The verdict followed at once by what they did: the evidence is the sentence.
      r`(?:strong (?:yes|no)|(?:weak|strong|solid|poor)(?:er)? (?:on|in|at|with) [\p{L} -]{1,30}?)\s*[:;,\-–—]+\s*(?:\p{L}+ed|made|wrote|took|gave|left|broke|built|ran|kept|got|said|told|did|didn['’]?t|refused|put|used|chose|missed|forgot)(?!\p{L})`,
    ],
    message: 'A verdict without the behaviour behind it; readers cannot tell what was seen.',
    suggestion:
      'Say which focus attribute, and what happened (e.g. "wrote no tests until prompted twice", "split the parser into three small steps").',
  },
  {
    id: 'hype-labels',
    category: 'vague_judgement',
    patterns: [
      r`rock ?stars?`,
      r`ninjas?`,
      r`unicorns?`,
      r`wizards?`,
      r`gurus?`,
      r`superstars?`,
      r`10x(?: (?:engineer|developer|dev|programmer))`,
      r`a[- ]player`,
      r`top talent`,
      r`high[- ]potential`,
      r`natural(?:ly)? (?:talent|talented|coder|programmer|engineer|leader)`,
      r`born (?:engineer|programmer|coder|leader)`,
    ],
    unless: [r`(?:setup|install\p{L}*|config\p{L}*|migration|import|onboarding|project) wizards?`],
    message: 'Hype labels describe a myth, not observed behaviour, and favour people who match the myth.',
    suggestion: 'Write down the two or three things they did that impressed you, with timestamps.',
  },
  {
    id: 'fit-seniority',
    category: 'vague_judgement',
    patterns: [
      r`${negation}(?: (?:a|the|really|quite|exactly|such a))* (?:good|great|right|strong|natural|obvious) fit`,
      r`(?:good|great|perfect|poor|bad|natural|obvious|right|wrong) fit for (?:the|our|this|my) (?:role|position|company|job)`,
      r`(?:a )?(?:poor|bad) fit`,
      r`not (?:\p{L}+ )?(?:senior|technical|experienced|strong|good|mature|polished|skilled|qualified|ready|impressive|passionate|motivated|confident) enough`,
      r`(?:too|very) junior`,
      r`(?:lack(?:s|ed|ing)?|missing|without|no|(?:didn['’]?t|did not|doesn['’]?t|does not) have) (?:the |that |any |real |much )?(?:x[- ]factor|spark|polish|presence|gravitas|edge|drive|passion|fire|hunger|wow factor|it factor|seniority|maturity|killer instinct|ambition|grit|hustle|energy|enthusiasm|motivation)`,
      r`killer instinct|fire in ${possessive} belly`,
      r`something (?:felt|feels|seemed|seems|was)(?: \p{L}+)? off`,
      r`(?:can['’]?t|cannot|couldn['’]?t) put my finger on`,
      r`(?:bad|poor|great|good|wrong|negative|positive) attitude|attitude problem`,
      r`arrogant|cocky|lazy|know-it-all`,
      r`full of (?:himself|herself|themselves)`,
      r`(?:lack(?:s|ed|ing)?|low|no) (?:self[- ])?confidence`,
    ],
    unless: [
      r`(?:without|no) (?:the |any )?(?:edge|drive) (?:cases?|letters?|paths?)`,
      r`lazy[\s-]+(?:load\p{L}*|eval\p{L}*|init\p{L}*|imports?|sequences?|iterat\p{L}*)`,
      r`${thingNouns}${upTo(3)}lazy`,
      r`(?:lack(?:s|ed|ing)?|low|no) confidence (?:in|that|about) (?:the|this|that|our|its|my)`,
    ],
    message: 'A verdict on the person with no observable behaviour behind it.',
    suggestion:
      'Tie it to a focus attribute and an example: what did they do, when, and what would a stronger signal have looked like?',
  },
];
