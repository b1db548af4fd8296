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

interface Topic {
  id: string;
  category: BiasCategory;
  /** What the reader is told the judgement rests on. */
  noun: string;
  pattern: RegExp;
}

const w = (source: string) => new RegExp(`(?<![\\p{L}\\p{N}_])(?:${source})(?![\\p{L}\\p{N}_])`, 'giu');

// Each topic names a personal attribute or background, never a technical object: "age" alone is
// left to the phrase rules, which know "max age" and "age of the data".
const topics: readonly Topic[] = [
  {
    id: 'age',
    category: 'age',
    noun: 'their age',
    pattern: w(
      "grey[- ]hair(?:ed)?|gray[- ]hair(?:ed)?|grand(?:kids|children|son|daughter)s?|gen ?z|boomers?|millennials?|millen+i+als?|zoomers?|retire(?:ment|d|e)?|\\d+\\s*(?:yrs|years)(?:'|’)? (?:of )?experience|graduated (?:around|when|in the|back)|fresh out of (?:uni|university|college|school)|too green|younger (?:lead|manager|team|colleagues?|people)|older (?:stacks?|generation|guy|man|woman|lady)|(?:his|her|their) age|at (?:his|her|their) age|stage of (?:life|career)|\\d0[- ]something|(?:barely|only|just|nearly|almost|over|under) \\d{2}(?![\\p{L}\\p{N}]| ?(?:ms|s|seconds|minutes|min|mins|lines|tests|%|px|kb|mb|files|rows|items|steps|hours))|in (?:his|her|their) (?:late |early |mid[- ])?\\d0s|since the \\d0s|end of (?:his|her|their) career|late in (?:his|her|their) career|teenager|coasting|pushing (?:thirty|forty|fifty|sixty|seventy|\\d0)|(?:thirty|forty|fifty|sixty)[- ]something|(?:early|mid|late)[- ]?(?:twenties|thirties|forties|fifties|sixties|\\d0s)",
    ),
  },
  {
    id: 'gender',
    category: 'gender_coded',
    noun: 'their gender',
    pattern: w(
      'for a (?:woman|girl|guy|man|lady|female|male)|typical (?:guy|man|woman|girl|bloke|lad|female|male)|(?:a |the )?girl|lady|maternal|motherly|fatherly|feminine|masculine|hysterical|emoti?o?nal|soft[- ]spoken|hold (?:her|his) own|settles? down|part[- ]time once',
    ),
  },
  {
    id: 'origin',
    category: 'nationality_ethnicity_religion',
    noun: 'where they come from or live',
    pattern: w(
      'grew up (?:in|on|near|around)|lives? (?:out )?(?:in|near|on)|from a (?:village|town|small town|city|rough|poor)|rough (?:neighbou?rhood|area|part of town)|neighbou?rhood|suburbs?|inner city|surname(?! (?:field|column|input|attribute|property|parsing))|(?:his|her|their) (?:last )?name|being from|comes? from (?:the|a)|from the (?:north|south|east|west|countryside)|moved here|typical [\\p{L}]+(?:an|ian|ese|ish|ic|i)|(?:very|typical|so) (?:scandinavian|german|french|british|american|italian|spanish|polish|indian|chinese|russian|dutch|latin|asian|african|nordic)|(?:polish|indian|chinese|russian|nigerian|turkish|romanian|brazilian|mexican|filipino|eastern european) (?:contractors|guys|people|team|crowd)|hails from|farming town|balkans?|those [\\p{L}]+ countries|(?:that|those) part of the world|small town|village|countryside|rural|city pace|from abroad|immigrant|refugee|fled|(?!boolean)[\\p{L}]+(?:ian|ean|ese|ish)(?=,? so\\b)',
    ),
  },
  {
    id: 'speech',
    category: 'accent_language',
    noun: 'the way they speak',
    pattern: w(
      'dialect|accent(?! colou?r)|gramm[ae]r|vocabulary|(?:not |non[- ])?native(?! (?:module|method|app|apps|api|fetch|date|code|binding|bindings|build|esm|image))|posh|mumbled?|says like|slipping into|well[- ]spoken|spoken english|twang|stutter(?:ed|s|ing)?|slang|talks like|sounds like a|speaks like|acc?ents?(?! colou?rs?)|mispronounc\\w*|pronunciation',
    ),
  },
  {
    id: 'class',
    category: 'class_pedigree',
    noun: 'their class background',
    pattern: w(
      'drives for (?:deliveroo|uber|lyft|doordash)|(?:second|side) job|working[- ]class|middle[- ]class|trade school|vocational (?:school|college|background)|comprehensive(?: school)?|state school|bog[- ]standard|rough around the edges|which fork|table manners|upper[- ]class|comes? from money|old money|warehouse|private school|public school|boarding school|first in (?:his|her|their) family|council (?:estate|house|flat)|privileged|summers? in|trust fund|blue[- ]collar|gap year|sailing|rent|on benefits|upbringing|tesla|porsche|wealthy|rich family|entitled|grew up poor|poor (?:family|background)|(?:expensive|fancy|designer) (?:car|watch|clothes)|doesn(?:\x27|’)t need (?:this|the) job|eton|harrow|chip on (?:the|his|her) shoulder|(?:his|her|their) (?:dad|mum|mom|father|mother|parents)(?:\\x27s|’s| is| was| are| were| works?)',
    ),
  },
  {
    id: 'pedigree',
    category: 'class_pedigree',
    noun: 'the prestige of their school or employer',
    pattern: w(
      'no[- ]name (?:agenc(?:y|ies)|compan(?:y|ies)|shops?|startups?|firms?)|ex[- ](?:google|facebook|meta|amazon|apple|microsoft|netflix|mckinsey|goldman)(?:r|er)?|(?:oxford|cambridge|stanford|harvard|mit|eth|ivy league|oxbridge|russell group)(?: cs| grad(?:uate)?| alum(?:nus|na)?)?|polytechnic|community college|no degree|without a degree|self[- ]taught|bootcamp grad(?:uate)?|no[- ]name (?:agency|company|shop|startup|school)|top[- ]tier (?:school|university|company)|big tech|faang|(?:only|just) went to|phd|doctorate|diploma|degree|university|uni|college|(?:at|from) (?:google|amazon|meta|facebook|microsoft|apple|netflix|stripe|spotify|mckinsey|goldman|ibm|oracle)|top[- ]\\d+|prestigious|mba|harvard|tiny startups?|unknown compan(?:y|ies)|cv full of|small startups?|never been to (?:uni|university|college)',
    ),
  },
  {
    id: 'appearance',
    category: 'appearance',
    noun: 'how they look',
    pattern: w(
      'nose ring|piercings?|tattoos?|unkempt|scruffy|fit guy|fit girl|stickers|posture|pretty|handsome|dreadlocks|dreads|hairstyle|beard|makeup|overweight|skinny|looked (?:tired|scruffy|sloppy|serious|young|old)|didn\\x27t look serious|looked like (?:he|she|they) (?:hadn(?:\\x27|’)t|had not|was|were)|tall|petite|commanding|hoodie|messy bun|well[- ]groomed|heavily tattooed|wore a (?:suit|tie|dress|t-shirt|tank top)',
    ),
  },
  {
    id: 'health',
    category: 'health_disability',
    noun: 'their health',
    pattern: w(
      'stamina|insulin|diabet(?:es|ic)|neurological|therapy|therapist|crutches|wheelchair|blind in|sickly|sick days|pale|medication|disorder|autis(?:m|tic)|adhd|depress(?:ed|ion)|anxiety|chronic|stutter(?:ed|s|ing)?|prosthetic|amputee|cough(?:ing|ed)?|ill|frequently sick|tics?|migraines?|seizures?|epilep\\w+|cancer|illness|disabled|disability',
    ),
  },
  {
    id: 'family',
    category: 'family_personal_life',
    noun: 'their family',
    pattern: w(
      'maternity|paternity|parental leave|school run|caring for (?:her|his|their) (?:dad|mum|mom|mother|father|parents?|kids?|children)|twins|kids|children|babies|baby|newly ?wed|newlyweds?|just married|engaged|engagement|get(?:ting)? married|fianc[ée]e?|boyfriend|girlfriend|on leave|pregnan(?:t|cy)|husband|wife|single(?:, | )(?:no kids|mum|mom|dad|parent)|no kids',
    ),
  },
  {
    id: 'religion',
    category: 'nationality_ethnicity_religion',
    noun: 'their religion',
    pattern: w(
      'wears? a cross|ramadan|fasting|kosher|halal|devout|christian|muslim|jewish|hindu|sikh|turban|hijab|kippah|yarmulke|prayers?|praying|church|mosque|synagogue|temple|sabbath|shabbat|orthodox|jew|lent|headscarf|veil|rosary|bible|quran|koran|diwali|eid|passover|atheist|church group|conservative|bindi|mormon|religious|faith|spiritual',
    ),
  },
  {
    id: 'social-life',
    category: 'affinity',
    noun: "the team's social life",
    pattern: w(
      'pub(?: quiz)?|quiz|barbecue|bbq|drinks|beers?|part(?:y|ies)|karaoke|socials?|offsites?|hackathons?|ping[- ]pong|foosball|mix well|too (?:serious|quiet|loud|formal|corporate|intense|reserved) for (?:our|the|this)|our (?:playful|fun|young|social|loud) team|slack channel|liven|banter|meme|nine[- ]to[- ]five|team player|friday demos|beer person|team spirit',
    ),
  },
  {
    id: 'personality',
    category: 'personality_stereotype',
    noun: 'a personality label',
    pattern: w(
      'introvert(?:ed)?|extrovert(?:ed)?|(?:too|overly) (?:agreeable|nice|polite|soft|gentle|eager|humble|modest|passive|cocky|chatty|talkative|blunt)|the (?:[\\p{L}]+ )?type who|(?:seems?|seemed|looks?|looked|is|was)(?: like)? the [\\p{L}]+ type|^\\s*[\\p{L}]+,? (?:[\\p{L}]+ )?type(?=,| and|\\s*[.!]?$)|shy|timid|loner|nerd(?:y)?|geek(?:y)?|too nice|very quiet|quiet type|too quiet|soft[- ]spoken|people[- ]pleaser|oddball|weird|quirky|laid[- ]back|know[- ]it[- ]all|socially awkward|hippie|hard to read|cold|aloof|reserved|bubbly|intense',
    ),
  },
];

// A judgement about the candidate, or a prediction about their future: what turns a mention of a
// background into a verdict resting on it. A claim about a kind of person ("shy people don't",
// "those are always", "in my experience they leave") is a prediction carried to this one.
const prediction = w(
  "won(?:'|’)?t|wont|will (?:not|never|struggle|hate|need|wear|get|be|find)|wear (?:him|her|them) (?:down|out)|would(?:n(?:'|’)?t| not| never| struggle| crumble| hate| need| fit| love| get| be)|might(?: not)?|may (?:not|want|need)|could be (?:a problem|tricky|awkward|an issue|disruptive)|probably|i doubt|not sure|worried|worry|i(?:'|’)d guess|i bet|so (?:no|yes)|can(?:'|’)?t trust|hard to trust|once (?:she|he|they) settles?|next, i|(?:who|she|he|they|i|you|we)(?:'|’)d (?:enjoy|hate|love|fit|struggle|be|mix|get|want|need|last|cope|question)|i assume|i figured|i guess|doubt(?:ed)?|can(?:'|’)?t imagine|says it all|(?:i(?:'|’)d |i )?(?:worry|wonder|hope|hesitate)|unsure|(?:un)?likely to|expect(?= a| an| some| him| her| them| they| he| she)|no question|(?:people|candidates|engineers|devs|developers|types?|folks|ones|those|these)(?: like (?:that|this|him|her|them)| from [\\p{L} ]{1,25})? (?:don(?:'|’)?t|never|always|tend to|usually|rarely|are (?:always|never|usually|the best|the worst))|in my experience|unclear (?:whether|if)|(?:hard|difficult) to imagine (?:him|her|them)|(?:she|he|they)(?:'|’)ll (?:get|be|struggle|need|never|always|fit|hate|love|clash|last|cope|ship|find|want)|i(?:'|’)d (?:predict|trust|bet)",
);
const judgement = w(
  'hard to|apparently|doubtful|even work|(?:too|not) [\\p{L}-]+ (?:enough )?to [\\p{L}]+|coasting|impressive|unprofessional|serious(?:ly)?|rusty|lacks?|bright|shallow|gaps|good(?! friday)|great|a given|solid|strong|weak|poor|bad|fit|fits|hungry|privileged|rough|sharp|distant|disengaged|careless|sloppy|clearly|obviously|surely|must be|fine|lacks? polish|polished|integrate|awkward|disruptive|tricky|tough|mindset|work ethic|drive|energy|slow|sluggish|uncomfortable|judgemental|set on|bar|pick up anything|grounding|in common|at ease|vibe|like her|like him|will like|love (?:her|him)|surprisingly|trust|gel|mesh|cope|handle|commit|brilliant|smart|talented|confident|well connected|exposure|unprofessional|theory|fundamentals|seriously|hire|yes|no(?=[.!]?$)|the money|safe bet|depth|natural(?:ly)?|immature|unstable|reliab(?:le|ility)|risky|professional(?:ism)?|winner|gets it|grit|rapport|a pain|bandwidth|adapt|stuck|habits|issue|balk|leader(?:ship)?|sign|doesn(?:\x27|’)t need|hurts|credibility|tough as nails|survive|thick|gave up|attitude|expects? (?:promotion|a|to)|type than|stiff|convincing|lol|intellect|scale|defensive|disorganised|disorganized|commitment|love it|something going|liven|left out|chaos|gravitas|distracting|attendance|suffer|,\\s*so',
);
// Observed work: what the candidate did, said or wrote in the session. A judgement next to it is
// about the work, not the person.
const anchor = w(
  'tests?|tested|testing|test-first|code|coded|commits?|function|functions|method|class|parser|refactor(?:ed|ing)?|bug|variable|module|regex|query|join|sql|api|endpoint|edge cases?|null|error|types|type (?:check|error|system|hint|annotation)s?|migration|branch|rebase(?:d)?|git|docs|readme|drove|hint|sorted|spec|setup|tls|file|questions?|asked|wrote|written|explained|explanations?|renamed|extracted|split|fixed|found|ran|read|named|implemented|designed|handled|step by step|plan|trade-off|assertion|loop|recursion|recursive(?:ly)?|tree|data model|schema|cache|benchmark|design|feature flags|property-based|release process|validate|estimated|pattern matching|game tree|the class|the chat|modell?ed|state machine|from the task|in the task|big-o|fixtures?|regenerated|complexity|algorithm|canary',
);
// The candidate's own circumstances stated as logistics: someone else acts on the fact (the
// recruiter, a room booked, a session moved, an accommodation granted) or the writer says it is
// not what they assess. A background in such a sentence is a fact, not a verdict on the person.
const handled = w(
  "recruit(?:er|ers|ing|ment)|(?:hr|talent) (?:team|partner)|logistics|(?:i(?:'|’)ve |we(?:'|’)ve |i |we )?booked|(?:move|moved|moving|shift|shifted|rescheduled|rearranged|offered to (?:move|shift|pause)) (?:the |our |his |her |their )?(?:session|interview|call|slot|start|pairing)|reschedul(?:e|ed|ing)|accommodations?|allowed under|under our [\\p{L} -]+policy|at (?:his|her|their) request|(?:work |a )?visa|sponsorship|start[- ]date|earliest start|(?:for|to) [\\p{L}-]+ planning|leave planning|noted for|(?:finish|leave|stop|log off|be off) by \\d|(?:we|i) (?:wrapped up|finished|ended|stopped) (?:at|by|early|on time)|transfer timeline|(?:live )?captions|interpreter|step[- ]free|remap|(?:eastern|central|pacific|local) time|time ?zone|(?:is|was)n(?:'|’)?t scored|not (?:scored|part of the (?:technical )?evaluation|assessed)|did(?:n(?:'|’)?t| not) affect|ran normally|evaluated on|scor(?:ed|ing) only|skills-based|per (?:the|her|his|their) cv|job ad|nice-to-have|(?:so|and) (?:we|i) (?:shared|used|switched|set up|turned on|enabled|offered|gave|adjusted|adapted) ",
);
// "will need a visa" is the fact itself; "so", the sentence joining it to the booking; "the
// recruiter will handle it", someone else acting on it.
const logisticsTense = w(
  "will need|(?<=,\\s*)so|(?:would|will) be (?:mid|early|late|on|from|around|in|after|before|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[\\p{L}]*)|(?:(?:she|he|they)(?:'|’)ll|will) be (?:away|off|out|back|unavailable)|no [\\p{L}]+ (?:needed|required)|(?:recruit(?:er|ing)|hr|we|i)(?: will|(?:'|’)ll) (?:handle|confirm|sort|check|book|arrange|follow up)",
);

// What a writer worried about the person adds to a logistics fact ("visa headaches", "I'd worry").
const personConcern = w(
  'expect(?:s|ed)?|headaches?|short stay|worr(?:y|ied|ies)|doubt|concern(?:ed|s)?|risk(?:y|s)?|signals?',
);

/**
 * A background stated as logistics: someone else acts on it in the sentence (to its full stop:
 * the clause after a semicolon may carry the booking, or the verdict), and the sentence neither
 * predicts nor judges anything of the candidate beyond the logistics' own "will need" and "so".
 */
function statesLogistics(sentence: string): boolean {
  if (!test(handled, sentence)) return false;
  const rest = sentence.replace(logisticsTense, ' ');
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

const compliment = w(
  'surprisingly|impressive(?:ly)? (?:she|he|they)|(?:well[- ]spoken|articulate|confident|technical|quick|good|strong) for (?:a|an|someone|somebody|his|her|their)|for someone (?:from|with|like)|for a (?:woman|girl|guy|man|lady)',
);

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
      "(?:same|similar) [\\p{L} -]{1,25} as me|just like me|like me|we (?:both|are both)|we(?:'|’)re both|both (?:into|love|play|went|did)|into [\\p{L}]+ too|half (?:of )?our team|one of (?:us|the crew)|our kind of|not our (?:kind|type)|people like us|(?:he|she|they) and i (?:both|are|were|went|love|share|started)|we share|fellow|like i do|same as me|as i did|like the rest of us|supports my team|mirror|kindred|my (?:football |rugby )?team too|grew up (?:[\\p{L}]+ ){0,3}apart|we(?:'|’)ve (?:already )?got something",
    ),
    message: 'Having something in common with you is affinity, not evidence about how they will do the job.',
    suggestion: 'Leave the common ground out; note what they did in the session that matters for the role.',
  },
  {
    id: 'pattern:culture-fit',
    category: 'affinity',
    pattern: w(
      "friday beers|laugh at my jokes|offsites?|doesn(?:'|’)t drink|startup (?:person|type|guy)|enterprise type|too corporate|corporate type|the crew|open[- ]plan team|team socials?|not (?:a|really a) fit|maybe not a fit|fit right in|slot right in",
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
      "(?:last|previous|other|earlier|first|next|morning(?:'|’)s|yesterday(?:'|’)s|today(?:'|’)s|(?:mon|tues|wednes|thurs|fri)day(?:'|’)s) (?:guy|girl|one|ones|candidates?|interviewees?|person|people|applicants?)|candidate (?:this|last|yesterday|earlier|before)|the others|the other (?:two|three|ones|candidates)|others (?:this|i|we)|this morning|yesterday|last (?:week|month)|earlier today|the one we hired|of the day|whoever we saw|before lunch|after lunch|the batch|(?:today|this week|this round)(?:'|’)s (?:batch|lot|candidates|pool|crop|group)|the (?:other )?finalists?|the pack|the others today|(?:a lot of|lots of|many|all the) (?:people|candidates) this week|(?:one|ones|two|three) i saw|the bar|(?:person|one|candidate|guy) we (?:rejected|hired|saw|interviewed|turned down)|(?:second|third|fourth|fifth|sixth|last|\\d+(?:st|nd|rd|th)) candidate",
    ),
    requires: w(
      'than|as (?:good|strong|bad|weak|sharp|quick|fast|senior)|nowhere near|compared (?:to|with)|after|better|worse|weaker|stronger|best|worst|winner|set the bar|fell short|next to|by far|the level of|rejected|hired|not a patch on|way better|above (?!the bar)|less [\\p{L}]+|stand(?:s|ing)? out|sharper|quicker|slower',
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
      "surely|so (?:the |his |her |their )?[\\p{L} -]{0,30}(?:does|do)(?: not|n(?:'|’)?t) (?:really |much )?matter|(?:happy|willing|glad) to overlook|(?:that|which)(?:'|’)?s enough for me|says a lot about|waive[sd]?|rounding (?:all |every |the )?(?:scores?|ratings?|marks?)|(?:scores?|ratings?|marks?) up|didn(?:'|’)?t push (?:too |very |that )?hard|regardless of|not a real [\\p{L}+#]+ (?:dev|developer|engineer|programmer|coder)|failing (?:all|every|each) (?:categor(?:y|ies)|attributes?|areas?)|everything after|can(?:'|’)?t see (?:him|her|them) writing|must be (?:a |an )?(?:solid|strong|great|good|weak|bad|fine|brilliant|smart|excellent|poor|careless)|across the board|all [1-5]s|worrying about the rest|the rest would|doubted the rest|can(?:'|’)?t trust anything|tells you (?:all|everything)|says it all|rated everything|(?:at|on|in) everything|everything (?:low|high)|gets? a [1-5] too|equally (?:good|bad|strong|weak|solid|poor)|so i (?:assume|assumed|rated|figured|guess)|so i gave (?:(?:her|him|them|it) )?(?:an? )?(?:[1-5]s?|high|low|top|strong|weak|good|bad|poor|yes|no|full|the benefit)|didn(?:'|’)t bother me|(?:sloppy|careless|lazy|brilliant|great|strong|weak|poor|solid) (?:engineer|developer|dev|coder|programmer)(?! skills)|all round|everything else|hence the|(?:scores|marks|ratings) everywhere|dragged down|whole view|marked (?:him|her|them) (?:down|up) on|need(?:ed)? to see more|so i(?:'|’)m confident|side too|sign of|makes me doubt|(?:strong|weak|good|great|solid|fine|poor|high|low|trust (?:him|her|them)) (?:on|in|at|with|for) [\\p{L}, ]{1,50} (?:too|as well|also)(?=\\s*[.!]?\\s*$)|every (?:week|day|sprint|release|time|single time)(?=\\s*[.!]?\\s*$)|no need to (?:dig|check|probe|look|test|ask|verify)|(?:didn(?:'|’)?t|did not) (?:really )?need to see|(?:was|is) probably just|(?:couldn(?:'|’)?t|could not|can(?:'|’)?t) take [\\p{L} ]{0,30} seriously|the whole (?:session|interview|hour|thing|pairing|call) felt",
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
      'lost me (?:when|there|at|right|with|from|for)|didn(?:\x27|’)t recover|set the tone|from (?:that|this) point on|from then on|made up my mind|told me everything|(?:at|from) the handshake|first thing (?:she|he|they) (?:asked|said|mentioned|talked)|(?:bad|great|good|poor|strong|weak|nervous|shaky) (?:start|opening)|stopped scrutini[sz]|from the (?:hello|intro|greeting|get-go|off)|from the first (?:sentence|minute|moment|word|second|look|glance|hello)|(?:bad|good|great|poor|rough|terrible|strong|weak) first (?:few |two |three |five |ten )?(?:minutes?|seconds?|moments?)|instantly (?:liked|disliked|knew)|never (?:really |quite |fully )?(?:recovered|trusted|warmed|got past|came back)|i was convinced|won me over|decided (?:then|right there|there and then|on the spot)|coloured (?:everything|the rest)|(?:walked|came) in like|felt disinterested|joined (?:\\w+ )?(?:minutes? )?late|after that i|before we (?:even )?started|warmed to (?:her|him|them)|the moment (?:she|he|they) (?:unmuted|joined|walked|spoke|logged|said)|didn(?:\x27|’)t smile|cold fish|told me (?:what|all|everything) i needed',
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
      "definitely|absolutely|no[- ]brainer|has that|that something|underwhelming|good egg|not quite there|not there yet|doesn(?:'|’)t have it|have it|rockstar|meh|strong (?:no|yes)|can(?:'|’)?t explain|didn(?:'|’)t click|click(?:ed)?|not convinced|convinced|imo|tbh|good energy|energy|vibes?|gut|spark|x factor|something off|felt off|not feeling it|solid engineer|just (?:not|no)",
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
    const anchored = test(anchor, s);
    const predicts = test(prediction, s);
    const praisesDespite = test(compliment, s);
    const judges = predicts || praisesDespite || test(judgement, s);
    let flagged = false;
    if (judges && !statesLogistics(fullSentence(text, sentence.start, sentence.start + s.length))) {
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
}

export function sentenceContexts(text: string): SentenceContext[] {
  return sentences(text).map((sentence) => {
    const s = sentence.text;
    return {
      start: sentence.start,
      end: sentence.start + s.length,
      anchored: test(anchor, s),
      judges: test(prediction, s) || test(compliment, s) || test(judgement, s),
      handled: statesLogistics(fullSentence(text, sentence.start, sentence.start + s.length)),
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
