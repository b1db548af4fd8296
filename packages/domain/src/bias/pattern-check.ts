import {
  anchor,
  compliment,
  disclosure,
  handled,
  judgement,
  logisticsTense,
  personConcern,
  prediction,
  topics,
  w,
} from './pattern-lexicons.ts';
import type { BiasCategory } from './rule-types.ts';

/**
 * The pattern behind biased notes rather than their phrasing, per sentence:
 * - a reference to a personal attribute or background (named by a topic lexicon: age markers,
 *   schools and employers, where someone grew up or lives, hobbies and teams, family events,
 *   health, religious practice, speech, looks, personality labels) joined to a judgement or a
 *   prediction, and not anchored in observed work (a prediction or a "good for a …" compliment
 *   is flagged even next to work: the trait still carries the verdict);
 * - affinity markers ("same … as me", "we both"), contrast with other candidates, one trait
 *   carried to the whole verdict (halo and horn), verdicts formed in the first moments, and short
 *   verdicts with no observable behaviour at all.
 * A sentence's clauses to its full stop are read together: a background before a semicolon and
 * the verdict after it are one judgement. The lexicons are in pattern-lexicons.ts.
 * Plain regular expressions over lexicons: synchronous, I/O-free and cheap enough to run in the
 * browser on every edit (see bench/bias-check.bench.ts).
 */
export interface PatternFinding {
  ruleId: string;
  category: BiasCategory;
  start: number;
  end: number;
  message: string;
  suggestion: string;
}

/**
 * A background stated as logistics: someone else acts on it in the sentence (to its full stop:
 * the clause after a semicolon may carry the booking, or the verdict), and the sentence neither
 * predicts nor judges anything of the candidate beyond the logistics' own "will need" and "so".
 */
function statesLogistics(sentence: string): boolean {
  if (!test(handled, sentence)) return false;
  // The logistics' own words ("not relevant to scoring", "will need") judge nothing.
  const rest = sentence.replace(logisticsTense, ' ').replace(handled, ' ');
  return (
    !test(prediction, rest) && !test(judgement, rest) && !test(compliment, rest) && !test(personConcern, rest)
  );
}

/** The text from the full stop before `start` to the one after `end` (semicolons do not end it). */
function fullSentence(text: string, start: number, end: number): string {
  const before = text.slice(0, start).search(/[.!?\n][^.!?\n]*$/);
  const after = text.slice(end).search(/[.!?](?=\s|$)|\n/);
  return text.slice(before + 1, after === -1 ? text.length : end + after + 1);
}

interface MarkerRule {
  id: string;
  category: BiasCategory;
  pattern: RegExp;
  /** Only flagged when the sentence names no observed work. */
  unlessAnchored?: boolean;
  /** Only flagged when this matches the sentence too. */
  requires?: RegExp;
  message: string;
  suggestion: string;
}

const markerRules: readonly MarkerRule[] = [
  {
    id: 'pattern:gender-coded-label',
    category: 'gender_coded',
    pattern: w('hysterical|emoti?o?nal|emotionl|shrill|bossy|catty|feisty|sassy|ditzy|diva'),
    message: 'A word used far more often of women than of men, describing temperament rather than work.',
    suggestion: 'Describe the behaviour: what they said or did, and what happened next.',
  },
  {
    id: 'pattern:affinity-marker',
    category: 'affinity',
    pattern: w(
      "(?:same|similar) [\\p{L} -]{1,25} as me|just like me|like me|we (?:both|are both)|we(?:'|’)re both|both (?:into|love|play|went|did)|into [\\p{L}]+ too|half (?:of )?our team|one of (?:us|the crew)|our kind of|not our (?:kind|type)|people like us|(?:he|she|they) and i (?:both|are|were|went|love|share|started)|we share|fellow|like i do|same as me|as i did|like the rest of us|supports my team|mirror|kindred|my (?:football |rugby )?team too|grew up (?:[\\p{L}]+ ){0,3}apart|we(?:'|’)ve (?:already )?got something|(?:on )?(?:my|our|the same) wavelength",
    ),
    message: 'Having something in common with you is affinity, not evidence about how they will do the job.',
    suggestion: 'Leave the common ground out; note what they did in the session that matters for the role.',
  },
  {
    id: 'pattern:culture-fit',
    category: 'affinity',
    pattern: w(
      "friday beers|laugh at my jokes|offsites?|doesn(?:'|’)t drink|startup (?:person|type|guy|mentality|mindset|dna|attitude)|enterprise type|too corporate|corporate type|the crew|open[- ]plan team|team socials?|(?:not (?:a|really a)|maybe not a) fit(?! for (?:this|the|that) (?:particular )?(?:role|position|job)\\s*(?:[:;—–-]|because|as|since))|fit right in|slot right in",
    ),
    message: '"Fit" with the team\'s social life measures likeness to the team, not the work.',
    suggestion: 'Name the working behaviour you mean (e.g. how they took feedback or shared the keyboard).',
  },
  {
    id: 'pattern:contrast',
    category: 'contrast',
    // Another interviewee: a candidate before or after this one, or the day's or week's others
    // ("today's batch", "the other finalist"); "below the bar" is the role's bar, not a contrast.
    pattern: w(
      "(?:last|previous|other|earlier|first|next|morning(?:'|’)s|yesterday(?:'|’)s|today(?:'|’)s|(?:mon|tues|wednes|thurs|fri)day(?:'|’)s) (?:guy|girl|one|ones|candidates?|interviewees?|person|people|applicants?)|candidate (?:this|last|yesterday|earlier|before)|the others|the other (?:two|three|ones|candidates)|others (?:this|i|we)|this morning|yesterday|last (?:week|month)|earlier today|the one we hired|of the day|whoever we saw|before lunch|after lunch|the batch|(?:today|this week|this round)(?:'|’)s (?:batch|lot|candidates|pool|crop|group)|the (?:other )?finalists?|the pack|the others today|(?:a lot of|lots of|many|all the) (?:people|candidates) this week|(?:one|ones|two|three) i saw|the bar|(?:person|one|candidate|guy) we (?:rejected|hired|saw|interviewed|turned down)|(?:second|third|fourth|fifth|sixth|last|\\d+(?:st|nd|rd|th)) candidate|(?:the|that) (?!same )[\\p{L}-]+ (?:candidate|applicant|interviewee)s?|(?:people|candidates|ones|profiles|applicants) in the (?:pipeline|funnel|pool|loop)",
    ),
    requires: w(
      'than|as (?:good|strong|bad|weak|sharp|quick|fast|senior)|nowhere near|compared (?:to|with)|after|better|worse|weaker|stronger|best|worst|winner|set the bar|fell short|next to|by far|the level of|rejected|hired|not a patch on|way better|above (?!the bar)|less [\\p{L}]+|stand(?:s|ing)? out|sharper|quicker|slower|behind|ahead of|pales',
    ),
    message: 'Compared with another candidate, not with the bar for the role: the contrast effect.',
    suggestion: "Rate against the attribute's anchors, with what this candidate did.",
  },
  {
    id: 'pattern:contrast-other',
    category: 'contrast',
    // Someone else imagined doing this task ("Tom would have had this done in twenty minutes").
    pattern: w(
      "relative to (?:the )?(?:pool|field|rest|others|pipeline|batch)|(?:she|he|they)(?:'|’)(?:s|re) no (?!longer|more|less|one|different)[\\p{L}]+(?=\\s*[—–,;-])|(?<!(?:he|she|they|i|we|it|you) )would have (?:had |got )?(?:this |it |that )?(?:done|finished|solved|nailed|fixed|had)(?: (?:this|it|that))? (?:in|by|within)",
    ),
    message: 'Compared with another candidate, not with the bar for the role: the contrast effect.',
    suggestion: "Rate against the attribute's anchors, with what this candidate did.",
  },
  {
    id: 'pattern:halo-horn',
    category: 'halo_horn',
    // Besides the verdict stretched to everything: one observation carried to other attributes
    // ("strong on testing and collaboration as well"), to the future ("shipping bugs every week"),
    // or the rest taken as read ("no need to dig", "didn't need to see the code").
    pattern: w(
      "surely|the (?:kind|sort|type) of (?:person|engineer|developer|dev|candidate|guy|girl|coder|programmer) (?:who|that)|enough said|(?:sloppy|careless|lazy|messy|weak|bad|poor|rushed|buggy|same) (?:everywhere|in everything)|doesn(?:'|’)?t really know [\\p{L}+#]+|(?:once|one (?:typo|mistake|slip|hint|bug|variable|error|name))[^.;]{0,60}(?:won(?:'|’)?t be able|will (?:never|always|struggle)|everywhere)|so (?:the |his |her |their )?[\\p{L} -]{0,30}(?:does|do)(?: not|n(?:'|’)?t) (?:really |much )?matter|(?:happy|willing|glad) to overlook|(?:that|which)(?:'|’)?s enough for me|says a lot about|waive[sd]?|rounding (?:all |every |the )?(?:scores?|ratings?|marks?)|(?:scores?|ratings?|marks?) up|didn(?:'|’)?t push (?:too |very |that )?hard|regardless of|not a real (?:[\\p{L}+#]+ )?(?:dev|developer|engineer|programmer|coder)|failing (?:all|every|each) (?:categor(?:y|ies)|attributes?|areas?)|everything after|can(?:'|’)?t see (?:him|her|them) writing|must be (?:a |an )?(?:solid|strong|great|good|weak|bad|fine|brilliant|smart|excellent|poor|careless)|across the board|all [1-5]s|worrying about the rest|the rest would|doubted the rest|can(?:'|’)?t trust anything|tells you (?:all|everything)|says it all|rated everything|(?<!(?:locks?|mutex(?:es)?|index(?:es)?|indices|retr(?:y|ies)|cach(?:e|es|ing)|timeouts?|validation|logging|checks?|tests?|assertions?|filters?|flags?|triggers?|transactions?|try) )(?:at|on|in) everything|everything (?:low|high)|gets? a [1-5] too|equally (?:good|bad|strong|weak|solid|poor)|so i (?:assume|assumed|rated|figured|guess)|so i gave (?:(?:her|him|them|it) )?(?:an? )?(?:[1-5]s?|high|low|top|strong|weak|good|bad|poor|yes|no|full|the benefit)|didn(?:'|’)t bother me|(?:sloppy|careless|lazy|brilliant|great|strong|weak|poor|solid) (?:engineer|developer|dev|coder|programmer)(?! skills)|all round|everything else|hence the|(?:scores|marks|ratings) everywhere|dragged down|whole view|marked (?:him|her|them) (?:down|up) on|need(?:ed)? to see more|so,? i(?:(?:'|’)m| am) (?:confident|sure|certain)|side too|sign of|(?:makes?|made) me doubt|(?:makes?|made) me (?:question|wonder about) (?:his|her|their|the candidate|whether (?:she|he|they)|(?:the )?(?:whole|entire|overall|general))|(?:which|that|it|this) tells me (?:she|he|they)(?:(?:'|’)(?:ll|d)| will| would| can(?:'|’)?t| won(?:'|’)?t)|if (?:she|he|they) can(?:'|’)?t [^,.;]{1,40}, how (?:will|would|can|could) (?:she|he|they)|(?:didn(?:'|’)?t|did not) bother (?:to )?(?:prob|check|ask|test|dig|verify|look)\\p{L}*|so i (?:skipped|dropped|cut|left out)|(?:strong|weak|good|great|solid|fine|poor|high|low|trust (?:him|her|them)) (?:on|in|at|with|for) [\\p{L}, ]{1,50} (?:too|as well|also)(?=\\s*[.!]?\\s*$)|every (?:week|day|sprint|release|time|single time)(?=\\s*[.!]?\\s*$)|no need to (?:dig|check|probe|look|test|ask|verify)|(?:didn(?:'|’)?t|did not) (?:really )?need to see|(?:was|is) probably just|(?:couldn(?:'|’)?t|could not|can(?:'|’)?t) take [\\p{L} ]{0,30} seriously|the whole (?:session|interview|hour|thing|pairing|call) felt|so,? i(?:(?:'|’)(?:m|d|ll)| am| would| will) (?:just |also )?(?:rat|mark|scor|assum|giv|figur|guess|put|expect|bet)\\p{L}*|(?:is|are|be) (?:probably |likely )?just as (?:messy|sloppy|bad|good|careless|strong|weak|poor|clean|high|low|solid|great)|(?:stopped|stop|quit) (?:trusting|believing) (?:him|her|them|the rest|anything|any of|everything)|lost (?:all )?(?:trust|faith|confidence) in (?:him|her|them|all|everything|the rest|anything)|even though (?:we|i) (?:didn(?:'|’)?t|did not|never) (?:get to|cover|test|see|ask|probe|look at|reach)|not (?:worried|concerned|bothered|fussed) about (?:the )?[\\p{L} ]{0,30}(?:skipped|missed|gaps|rest|bits|parts)|let (?:it|that|the rest|the gaps) slide|give (?:him|her|them) a pass|(?:senior|good|strong|weak|bad|great|competent|solid|reliable|expert) (?:in|at) anything|(?:probably|clearly|likely|must be|obviously|doubt (?:she|he|they)) [\\p{L} -]{1,30} in general|so (?:(?:his|her|their) [\\p{L} ,]{1,50} (?:is|are)|[\\p{L} ,]{1,50} are) (?:clearly|obviously|surely|definitely|a given)|skills (?:are|is|must be) (?:there|fine|a given)|(?:kind of [\\p{L}]+|carelessness|sloppiness|laziness|attitude|mindset|habits?|inattention|arrogance) (?:will |probably |likely )?(?:shows?|show(?:s|ed)? up|turns? up|crops? up|spills? over|carr(?:y|ies) over) (?:everywhere|in everything|into everything|into (?:his|her|their) (?:code|work))|(?:makes?|made) me (?:think|suspect|feel|believe) (?:that )?(?:the )?(?:whole|entire|rest|everything|all of)|(?:makes?|made) me question (?:the )?[\\p{L} ]{1,30} in (?:his|her|their) (?:code|work)|(?:junior|mid|senior|intern|graduate)(?:[- ]level)? at best|suggests? (?:(?:messy|sloppy|careless|chaotic|disorgani[sz]ed|lazy|clean|tidy|careful|bad|poor|good|great) )(?:code|work|habits|engineering)(?=\\s*(?:[.!;,—–-]|$))|(?:didn(?:'|’)?t|did not) (?:really )?(?:probe|dig into|push on|test|check|question) [\\p{L} ]{1,30} much[^.;]{0,40}(?:clearly|obviously|surely|must be|i(?:'|’)m sure)|(?:→|->|=>|(?<![\\p{L}])so,?)\\s*(?:(?:she|he|they) )?(?:must|probably|surely|obviously) (?:know|knows|be|is|has|have|write|writes|understand|understands|can|can(?:'|’)?t|doesn(?:'|’)?t|does not|isn(?:'|’)?t|won(?:'|’)?t|never|lacks?)(?![\\p{L}])|(?:didn(?:'|’)?t|did not) (?:feel (?:the|any) )?need to (?:check|test|probe|look|dig|verify|see|ask|review|run)|skipped the [^.;]{1,40}(?:no need|didn(?:'|’)?t need)|,\\s*no need(?=\\s*[.!]?\\s*$)|i(?:(?:'|’)m| am| will|(?:'|’)ll) (?:ignoring|overlooking|discounting|ignore|overlook|discount) (?:that|the|how|his|her|their)|(?:once|one (?:typo|mistake|slip|hint|bug|error))[^.;]{0,60}won(?:'|’)?t (?:cope|handle|manage|survive|last|keep up)|so,? (?:i )?(?:scored|rated|marked) (?:him|her|them) (?:low|high|down|up)|even though [^.;]{1,40}(?:i(?:'|’)d|i) (?:still )?(?:assume|rate|mark|score|guess|expect)",
    ),
    message: 'One trait is carried over to the whole verdict (a halo or horn effect).',
    suggestion: 'Rate each attribute on its own evidence; keep the one observation where it belongs.',
  },
  {
    id: 'pattern:halo-horn-overall',
    category: 'halo_horn',
    unlessAnchored: true,
    pattern: w('overall|obviously|in general'),
    message: 'One trait is carried over to the whole verdict (a halo or horn effect).',
    suggestion: 'Rate each attribute on its own evidence; keep the one observation where it belongs.',
  },
  {
    id: 'pattern:first-moments',
    category: 'first_impression',
    pattern: w(
      'lost me (?:when|there|at|right|with|from|for)|(?:all )?downhill from (?:there|then|that point)|(?:basically |already |just |instantly )?knew (?:then |right away |straight away |there and then )?(?:she|he|they)(?:\x27|’)d (?:pass|fail|be fine|get the job|make it)|didn(?:\x27|’)t recover|set the tone|from (?:that|this) point on|from then on|made up my mind|told me everything|didn(?:\x27|’)t expect much|(?:at|from) the handshake|first thing (?:she|he|they) (?:asked|said|mentioned|talked)|(?:bad|great|good|poor|strong|weak|nervous|shaky) (?:start|opening)|stopped scrutini[sz]|from the (?:hello|intro|greeting|get-go|off)|from the first (?:sentence|minute|moment|word|second|look|glance|hello)|from (?:minute|second|word) (?:one|1)\\b|(?:bad|good|great|poor|rough|terrible|strong|weak) first (?:few |two |three |five |ten )?(?:minutes?|seconds?|moments?)|instantly (?:liked|disliked|knew)|never (?:really |quite |fully )?(?:recovered|trusted|warmed|got past|came back)|i was convinced|won me over|decided (?:then|right there|there and then|on the spot)|coloured (?:everything|the rest)|(?:walked|came) in like|felt disinterested|joined (?:\\w+ )?(?:minutes? )?late(?!\\s*(?:because|due to|as|owing to|after) )|after that i|before we (?:even )?started|warmed to (?:her|him|them)|the moment (?:she|he|they) (?:unmuted|joined|walked|spoke|logged|said)|didn(?:\x27|’)t smile|cold fish|told me (?:what|all|everything) i needed|wr(?:ote|ite|iting) (?:him|her|them) off|written (?:him|her|them) off|colou?red the (?:whole|entire) (?:session|interview|hour|call|pairing|thing)|(?:ruined|tainted|soured) the (?:whole|entire|rest of the) (?:session|interview|hour|call|pairing)',
    ),
    message: 'A verdict formed in the first moments, before the work: a first-impression bias.',
    suggestion: 'Judge on the pairing itself; note what they did during the task.',
  },
  {
    id: 'pattern:first-moments-weak',
    category: 'first_impression',
    unlessAnchored: true,
    requires: judgement,
    pattern: w(
      'within (?:seconds|a minute|the first (?:few )?(?:minutes?|seconds))|at the start|at first|(?:his|her|their) (?:intro|introduction|opening)|in the first (?:few )?(?:minutes|seconds)',
    ),
    message: 'A verdict formed in the first moments, before the work: a first-impression bias.',
    suggestion: 'Judge on the pairing itself; note what they did during the task.',
  },
  {
    id: 'pattern:gut-verdict',
    category: 'vague_judgement',
    unlessAnchored: true,
    pattern: w(
      "definitely|absolutely|no[- ]brainer|has that|that something|underwhelming|good egg|not quite there|not there yet|doesn(?:'|’)t have it|have it|rockstar|meh|strong (?:no|yes)(?!\\s*[:;,\\-–—]+\\s*(?:\\p{L}+ed|made|wrote|took|gave|left|broke|built|ran|kept|got|said|told|did|refused)(?![\\p{L}]))|can(?:'|’)?t explain|didn(?:'|’)t click|click(?:ed)?|not convinced|convinced|imo|tbh|good energy|energy|vibes?|gut|spark|x factor|something off|felt off|not feeling it|solid engineer|just (?:not|no)|(?:didn(?:'|’)?t|doesn(?:'|’)?t|did not|does not) (?:feel|seem|strike me as|come across as|read as) (?:very |quite |really )?(?:senior|junior|strong|ready|technical|experienced|sharp|like a)|missing something|not what we(?:'|’)re looking for|something (?:is |was )?missing|^\\s*(?:pass|no hire|reject|nope)[.!]?\\s*$",
    ),
    message: 'A verdict with no observable behaviour behind it.',
    suggestion: 'Write what they did (or did not do) that led you here.',
  },
];

/** Categories only the pattern check explains; no phrase rule names them. */
export const patternCategories: readonly BiasCategory[] = [
  'class_pedigree',
  'personality_stereotype',
  'halo_horn',
  'contrast',
];

const sentenceBoundary = /[.!?;\n]+(?=\s|$)|\n/g;

/** The sentences of a text with their offsets (the rules' sentences end at semicolons too). */
export function sentences(text: string): Array<{ start: number; text: string }> {
  return splitAt(text, sentenceBoundary);
}

/** `text` cut after each match of `boundary` (a global pattern), with each piece's offset. */
export function splitAt(text: string, boundary: RegExp): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  let from = 0;
  boundary.lastIndex = 0;
  for (let m = boundary.exec(text); m !== null; m = boundary.exec(text)) {
    const end = m.index + m[0].length;
    if (end > from) out.push({ start: from, text: text.slice(from, end) });
    from = end;
  }
  if (from < text.length) out.push({ start: from, text: text.slice(from) });
  return out;
}

function firstMatch(re: RegExp, text: string): RegExpExecArray | null {
  re.lastIndex = 0;
  return re.exec(text);
}

const test = (re: RegExp, text: string) => firstMatch(re, text) !== null;

/** Pattern findings in one text; offsets are UTF-16 offsets into it. */
export function checkPatterns(text: string): PatternFinding[] {
  const findings: PatternFinding[] = [];
  for (const sentence of sentences(text)) {
    const s = sentence.text;
    if (s.trim() === '') continue;
    const whole = fullSentence(text, sentence.start, sentence.start + s.length);
    // A background in one clause and the verdict in the next ("sails at weekends; he'll be fine
    // with the execs") are one judgement: the clauses to the full stop are read together.
    const anchored = test(anchor, whole);
    const predicts = test(prediction, whole);
    const praisesDespite = test(compliment, whole);
    const judges = predicts || praisesDespite || test(judgement, whole);
    let flagged = false;
    if (judges && !statesLogistics(whole)) {
      for (const topic of topics) {
        const m = firstMatch(topic.pattern, s);
        if (!m) continue;
        if (anchored && !predicts && !praisesDespite) continue;
        findings.push({
          ruleId: `pattern:${topic.id}-judgement`,
          category: topic.category,
          start: sentence.start + m.index,
          end: sentence.start + m.index + m[0].length,
          message: `A judgement or prediction that rests on ${topic.noun}, not on what the candidate did in the session.`,
          suggestion: `Leave ${topic.noun} out and write what you observed: what they did, said or wrote, and when.`,
        });
        flagged = true;
        break;
      }
    }
    if (flagged) continue;
    for (const rule of markerRules) {
      if (rule.unlessAnchored && anchored) continue;
      if (rule.requires && !test(rule.requires, s)) continue;
      const m = firstMatch(rule.pattern, s);
      if (!m) continue;
      findings.push({
        ruleId: rule.id,
        category: rule.category,
        start: sentence.start + m.index,
        end: sentence.start + m.index + m[0].length,
        message: rule.message,
        suggestion: rule.suggestion,
      });
      break;
    }
  }
  return findings;
}

/** Whether the sentence around an offset names observed work, and whether it judges or predicts. */
export interface SentenceContext {
  start: number;
  end: number;
  anchored: boolean;
  judges: boolean;
  /** Whether it states a background as logistics or as not assessed, and praises nothing "despite" it. */
  handled: boolean;
  /** Whether the writer declares what they share with the candidate so others can check the scores. */
  discloses: boolean;
}

export function sentenceContexts(text: string): SentenceContext[] {
  return sentences(text).map((sentence) => {
    const s = sentence.text;
    // Read to the full stop, as the topics are: a fact before a semicolon and the work shown after
    // it ("English is his second language; he asked me to rephrase one question and answered it")
    // are one observation, and a verdict after it still judges the fact.
    const whole = fullSentence(text, sentence.start, sentence.start + s.length);
    const predicts = test(prediction, whole);
    return {
      start: sentence.start,
      end: sentence.start + s.length,
      anchored: test(anchor, whole),
      judges: predicts || test(compliment, whole) || test(judgement, whole),
      handled: statesLogistics(whole),
      discloses: !predicts && test(disclosure, whole),
    };
  });
}

/** What the lexicons see in one sentence: the learned check's features (bias-classifier.ts). */
export interface SentenceSignals {
  topics: string[];
  markers: string[];
  anchored: boolean;
  predicts: boolean;
  praisesDespite: boolean;
  judges: boolean;
  /** Whether it states a background as logistics (the rules' guard; see `statesLogistics`). */
  handled: boolean;
}

export function sentenceSignals(s: string): SentenceSignals {
  const predicts = test(prediction, s);
  const praisesDespite = test(compliment, s);
  return {
    topics: topics.filter((topic) => test(topic.pattern, s)).map((topic) => topic.id),
    markers: markerRules.filter((rule) => test(rule.pattern, s)).map((rule) => rule.id),
    anchored: test(anchor, s),
    predicts,
    praisesDespite,
    judges: predicts || praisesDespite || test(judgement, s),
    handled: statesLogistics(s),
  };
}

/** The topic a sentence names first, with what the reader is told the judgement rests on. */
export function topicById(id: string): { category: BiasCategory; noun: string } | undefined {
  return topics.find((topic) => topic.id === id);
}

/** A marker rule's category, explanation and rewrite. */
export function markerById(id: string): Pick<MarkerRule, 'category' | 'message' | 'suggestion'> | undefined {
  return markerRules.find((rule) => rule.id === id);
}
