import type { BiasCategory } from './rule-types.ts';

/**
 * The lexicons of the pattern check (pattern-check.ts): the topics a biased note rests on, the
 * words that turn a mention into a verdict or a prediction, the words of observed work, and the
 * words of a background stated as logistics. Each is one regular expression of alternatives, so
 * adding a word costs no extra pass over the sentence.
 */
export interface Topic {
  id: string;
  category: BiasCategory;
  /** What the reader is told the judgement rests on. */
  noun: string;
  pattern: RegExp;
}

export const w = (source: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}_])(?:${source})(?![\\p{L}\\p{N}_])`, 'giu');

// Each topic names a personal attribute or background, never a technical object: "age" alone is
// left to the phrase rules, which know "max age" and "age of the data".
export const topics: readonly Topic[] = [
  {
    id: 'age',
    category: 'age',
    noun: 'their age',
    pattern: w(
      "grey[- ]hair(?:ed)?|gray[- ]hair(?:ed)?|grand(?:kids|children|son|daughter)s?|gen ?z|boomers?|millennials?|millen+i+als?|zoomers?|retire(?:ment|d|e)?|\\d+\\s*(?:yrs|years)(?:'|’)? (?:of )?experience|graduated (?:around|when|in the|back)|fresh out of (?:uni|university|college|school)|too green|younger (?:lead|manager|team|colleagues?|people)|older (?:stacks?|generation|guy|man|woman|lady)|(?:his|her|their) age|at (?:his|her|their) age|stage of (?:life|career)|\\d0[- ]something|(?:barely|only|just|nearly|almost|over|under) \\d{2}(?![\\p{L}\\p{N}]| ?(?:ms|s|seconds|minutes|min|mins|lines|tests|%|px|kb|mb|files|rows|items|steps|hours))|in (?:his|her|their) (?:late |early |mid[- ])?\\d0s|since the \\d0s|end of (?:his|her|their) career|late in (?:his|her|their) career|teenager|coasting|pushing (?:thirty|forty|fifty|sixty|seventy|\\d0)|(?:thirty|forty|fifty|sixty)[- ]something|(?:early|mid|late)[- ]?(?:twenties|thirties|forties|fifties|sixties|\\d0s)|(?:looks?|looked|seems?|seemed) (?:about|around|maybe|barely|like (?:she|he|they)(?:'|’)?s) \\d{2}(?![\\p{L}\\p{N}%])",
    ),
  },
  {
    id: 'gender',
    category: 'gender_coded',
    noun: 'their gender',
    pattern: w(
      'for a (?:woman|girl|guy|man|lady|female|male)|typical (?:guy|man|woman|girl|bloke|lad|female|male)|(?:very|such a|so|classic) (?:female|male|girly|womanly|manly)(?: thing)?|(?:a |the )?girl|lady|maternal|motherly|fatherly|feminine|masculine|hysterical|emoti?o?nal|soft[- ]spoken|hold (?:her|his) own|settles? down|part[- ]time once|(?:female|male|woman|women) (?:candidates?|engineers?|developers?|devs?|programmers?|coders?)',
    ),
  },
  {
    id: 'origin',
    category: 'nationality_ethnicity_religion',
    noun: 'where they come from or live',
    pattern: w(
      'grew up (?:in|on|near|around)|lives? (?:way |far |right )?(?:out )?(?:in|near|on)|from a (?:village|town|small town|city|rough|poor)|rough (?:neighbou?rhood|area|part of town)|neighbou?rhood|suburbs?|inner city|surname(?! (?:field|column|input|attribute|property|parsing))|(?:his|her|their) (?:last )?name|being from|comes? from (?:the|a)|from the (?:north|south|east|west|countryside)|moved here|typical [\\p{L}]+(?:an|ian|ese|ish|ic|i)|(?:very|typical|so) (?:scandinavian|german|french|british|american|italian|spanish|polish|indian|chinese|russian|dutch|latin|asian|african|nordic)|(?:polish|indian|chinese|russian|nigerian|turkish|romanian|brazilian|mexican|filipino|eastern european) (?:contractors|guys|people|team|crowd)|hails from|farming town|balkans?|those [\\p{L}]+ countries|(?:that|those) part of the world|small town|village|countryside|rural|city pace|from abroad|immigrant|refugee|fled|(?!boolean)[\\p{L}]+(?:ian|ean|ese|ish)(?=,? so\\b)|(?:she|he)(?:\\x27|’)s from (?!the |a |an |our |my |his |her |their |that |this |home|work)|(?:she|he) (?:is|was) from (?!the |a |an |our |my |his |her |their |that |this |home|work)',
    ),
  },
  {
    id: 'speech',
    category: 'accent_language',
    noun: 'the way they speak',
    pattern: w(
      'dialect|accent(?! colou?r)|gramm[ae]r|vocabulary|(?:not |non[- ])?native(?! (?:module|method|app|apps|api|fetch|date|code|binding|bindings|build|esm|image))|posh|mumbled?|says like|slipping into|well[- ]spoken|spoken english|twang|stutter(?:ed|s|ing)?|slang|talks like|sounds like a|speaks like|(?<!(?:ignor|strip|remov|fold|normali[sz])\\p{L}* (?:the )?)acc?ents?(?! colou?rs?| (?:insensitiv|folding|strip|normali))|mispronounc\\w*|pronunciation',
    ),
  },
  {
    id: 'class',
    category: 'class_pedigree',
    noun: 'their class background',
    pattern: w(
      'drives for (?:deliveroo|uber|lyft|doordash)|(?:second|side) job|working[- ]class|middle[- ]class|trade school|vocational (?:school|college|background)|comprehensive(?: school)?|state school|bog[- ]standard|rough around the edges|which fork|table manners|upper[- ]class|comes? from money|old money|warehouse|private school|public school|boarding school|first in (?:his|her|their) family|council (?:estate|house|flat)|privileged|summers? in|trust fund|blue[- ]collar|gap year|sailing|rent|on benefits|upbringing|tesla|porsche|wealthy|rich family|entitled|grew up poor|poor (?:family|background)|(?:expensive|fancy|designer) (?:car|watch|clothes)|doesn(?:\x27|’)t need (?:this|the) job|eton|harrow|chip on (?:the|his|her) shoulder|(?:his|her|their) (?:dad|mum|mom|father|mother|parents)(?:\\x27s|’s| is| was| are| were| works?)|signet|sails|yacht|polo|skiing|ski (?:trips?|holidays?|chalet)|country club|golf club|prep school|grammar school|private tutors?|nanny|au pair|second home|family business|inherit(?:ed|ance)|(?:can(?:\\x27|’)?t|couldn(?:\\x27|’)?t) afford|free school meals|first[- ]generation',
    ),
  },
  {
    id: 'pedigree',
    category: 'class_pedigree',
    noun: 'the prestige of their school or employer',
    pattern: w(
      'no[- ]name (?:agenc(?:y|ies)|compan(?:y|ies)|shops?|startups?|firms?|colleges?|universit(?:y|ies)|uni|schools?|bootcamps?)|ex[- ](?:google|facebook|meta|amazon|apple|microsoft|netflix|mckinsey|goldman)(?:r|er)?|(?:oxford|cambridge|stanford|harvard|mit|eth|ivy league|oxbridge|russell group)(?: cs| grad(?:uate)?| alum(?:nus|na)?)?|polytechnic|community college|no degree|without a degree|self[- ]taught|bootcamp grad(?:uate)?|no[- ]name (?:agency|company|shop|startup|school)|top[- ]tier (?:school|university|company)|big tech|faang|(?:only|just) went to|phd|doctorate|diploma|degree|university|uni|college|(?:at|from) (?:google|amazon|meta|facebook|microsoft|apple|netflix|stripe|spotify|mckinsey|goldman|ibm|oracle)|top[- ]\\d+|prestigious|mba|harvard|tiny startups?|unknown compan(?:y|ies)|cv full of|small startups?|never been to (?:uni|university|college)|bootcamps?|online (?:degree|university|uni|course|courses|college)|udemy|coursera|nanodegree|certifications?|(?:his|her|their) (?:last|previous|former|old) (?:company|employer|startup|firm)|spoken at (?:conferences?|meetups?)|conference (?:talks?|speaker)|(?:popular|well[- ]known|famous) (?:library|open[- ]source|project|blog|repo)|github stars|went bust|big[- ]name|household name|blue[- ]chip',
    ),
  },
  {
    id: 'appearance',
    category: 'appearance',
    noun: 'how they look',
    pattern: w(
      'nose ring|piercings?|tattoos?|unkempt|scruffy|fit guy|fit girl|stickers|posture|pretty(?=\\s*(?:[.,;:!?—–-]|$|and |but ))|handsome|dreadlocks|dreads|hairstyle|beard|makeup|overweight|skinny|looked (?:tired|scruffy|sloppy|serious|young|old)|didn\\x27t look serious|looked like (?:he|she|they) (?:hadn(?:\\x27|’)t|had not|was|were)|tall|petite|commanding|hoodie|messy bun|well[- ]groomed|heavily tattooed|wore a (?:suit|tie|dress|t-shirt|tank top)|hair|wrinkled|crumpled|creased|shirt|outfit|dressed|clothes|shoes|presents? (?:himself|herself|themselves)|(?:messy|cluttered|untidy) (?:desk|desktop|room|background)',
    ),
  },
  {
    id: 'health',
    category: 'health_disability',
    noun: 'their health',
    pattern: w(
      'stamina|insulin|diabet(?:es|ic)|neurological|therapy|therapist|crutches|wheelchair|blind in|sickly|sick days|pale|medication|disorder|autis(?:m|tic)|adhd|depress(?:ed|ion)|anxiety|chronic|stutter(?:ed|s|ing)?|prosthetic|amputee|cough(?:ing|ed)?|ill|frequently sick|tics?|migraines?|seizures?|epilep\\w+|cancer|illness|disabled|disability|(?<!colou?r[- ]|double[- ])blind(?! (?:spots?|index|signatures?|sql|tests?|reviews?|trust|faith|copy|carbon))|deaf|hard of hearing|partially sighted|visually impaired|neurodivergent|dyslexi\\p{L}*|hearing aid|screen reader',
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
      'introvert(?:ed)?|extrovert(?:ed)?|(?:too|overly) (?:agreeable|nice|polite|soft|gentle|eager|humble|modest|passive|cocky|chatty|talkative|blunt)|the (?:[\\p{L}]+ )?type who|(?:seems?|seemed|looks?|looked|is|was)(?: like)? the [\\p{L}]+ type|^\\s*[\\p{L}]+,? (?:[\\p{L}]+ )?type(?=,| and|\\s*[.!]?$)|shy|timid|loner|nerd(?:y)?|geek(?:y)?|too nice|very quiet|quiet type|too quiet|soft[- ]spoken|people[- ]pleaser|oddball|weird|quirky|laid[- ]back|know[- ]it[- ]all|socially awkward|hippie|hard to read|cold|aloof|reserved|bubbly|intense|(?:comes?|came) across as (?:an? |the )?[\\p{L}-]+ type|(?:seems?|seemed|looks?|looked)(?: like)? an? [\\p{L}-]+ type|(?:she|he)(?:\x27|’)s an? [\\p{L}-]+ type|(?:she|he) (?:is|was) an? [\\p{L}-]+ type|artsy|arty|sales-?y|(?:bit of a|such a|real) (?:dreamer|talker|loner|nerd|geek|character|perfectionist)',
    ),
  },
  {
    id: 'hobby',
    category: 'affinity',
    noun: 'their hobbies',
    pattern: w(
      'marathons?|(?<!(?:test|ci|task|job|build|github|gitlab|action) )runners?|running club|climbers?|climbing(?! (?:the|up|down|through|back))|bouldering|golf(?:er|s)?|cyclists?|cycling (?:club|to work|holidays?)|chess|gamers?|gaming|rugby|football|cricket|tennis|yoga|crossfit|surf(?:s|er|ing)|hik(?:es|er|ing)|fishing|board games|mechanical keyboards?|(?:also|both) into|hobby|hobbies|in (?:his|her|their) spare time|at (?:the )?weekends?',
    ),
  },
];

// A judgement about the candidate, or a prediction about their future: what turns a mention of a
// background into a verdict resting on it. A claim about a kind of person ("shy people don't",
// "those are always", "in my experience they leave") is a prediction carried to this one.
export const prediction = w(
  "won(?:'|’)?t|wont|will (?:not|never|struggle|hate|need|wear|get|be|find)|wear (?:him|her|them) (?:down|out)|would(?:n(?:'|’)?t| not| never| struggle| crumble| hate| need| fit| love| get| be)|might(?: not)?|may (?:not|want|need)|could (?:[\\p{L}-]+ ){0,4}be (?:a problem|tricky|awkward|an issue|a risk|disruptive|a struggle|hard|difficult)|how (?:would|will|could) (?:that|this|it) work|(?<![\\p{L}])bet (?:she|he|they)|may (?:struggle|find it|have trouble|not cope)|probably|i doubt|not sure|worried|worry|i(?:'|’)d guess|i bet|so (?:no|yes)|can(?:'|’)?t trust|hard to trust|once (?:she|he|they) settles?|next, i|(?:who|she|he|they|i|you|we)(?:'|’)d (?:enjoy|hate|love|fit|struggle|be|mix|get|want|need|last|cope|question)|i assume|i figured|i guess|doubt(?:ed)?|can(?:'|’)?t imagine|says it all|(?:i(?:'|’)d |i )?(?:worry|wonder|hope|hesitate)|unsure|(?:un)?likely to|expect(?= a| an| some| him| her| them| they| he| she)|no question|(?:people|candidates|engineers|devs|developers|types?|folks|ones|those|these)(?: like (?:that|this|him|her|them)| from [\\p{L} ]{1,25})? (?:don(?:'|’)?t|never|always|tend to|usually|rarely|are (?:always|never|usually|the best|the worst))|in my experience|unclear (?:whether|if)|(?:hard|difficult) to imagine (?:him|her|them)|(?:she|he|they)(?:'|’)ll (?:get|be|struggle|need|never|always|fit|hate|love|clash|last|cope|ship|find|want)|i(?:'|’)d (?:predict|trust|bet|be surprised|double[- ]check|want|question|rather)|imagine (?:his|her|their|the|what|how)|(?:she|he|they)(?:'|’)d (?:slow|drag|hold|hurt|burn|quit|leave|miss|cost|make)|will (?:take|slow|drop|suffer|hurt|cost|drag|hold|miss|leave|quit|burn|clash|cope|manage)|realistically|suggests|implies|(?:i(?:'|’)m |i am )?(?:sceptical|skeptical|suspicious|wary)|(?:people|candidates|engineers|devs|developers|folks|those|anyone|someone) (?:who|that) [\\p{L} ]{1,30} (?:have|are|make|bring|tend|don(?:'|’)?t|can(?:'|’)?t|never|always|usually|lack|struggle)",
);
export const judgement = w(
  'hard to|apparently|doubtful|even work|(?:too|not) [\\p{L}-]+ (?:enough )?to [\\p{L}]+|too [\\p{L}-]+ for (?:the |our |a |this )?(?:[\\p{L}-]+ )?(?:team|role|job|us|on-?call|releases?|rota|shifts?|meetings?|clients?|customers?|office|travel|pace|company)|coasting|impressive|unprofessional|serious(?:ly)?|rusty|lacks?|bright|shallow|gaps|good(?! friday)|great|a given|solid|strong|weak|poor|bad|fit|fits|hungry|privileged|rough|sharp|distant|disengaged|careless|sloppy|clearly|obviously|surely|must be|fine|lacks? polish|polished|integrate|awkward|disruptive|tricky|tough|mindset|work ethic|(?:no|little|lacks?|lacking|real|some|much|more|any|great|lot of|her|his|their|of|the) drive|energy|slow|sluggish|uncomfortable|judgemental|set on|bar|pick up anything|grounding|in common|at ease|vibe|like her|like him|will like|love (?:her|him)|surprisingly|trust|gel|mesh|cope|handle|commit|brilliant|smart|talented|confident|well connected|exposure|unprofessional|theory|fundamentals|seriously|hire|yes|no(?=[.!]?$)|the money|safe bet|depth|natural(?:ly)?|immature|unstable|reliab(?:le|ility)|risky|professional(?:ism)?|winner|gets it|grit|rapport|a pain|bandwidth|adapt|stuck|habits|issue|balk|leader(?:ship)?|sign|doesn(?:\x27|’)t need|hurts|credibility|tough as nails|survive|thick|gave up|attitude|expects? (?:promotion|a|to)|type than|stiff|convincing|lol|intellect|scale|defensive|disorganised|disorganized|commitment|love it|something going|liven|left out|chaos|gravitas|distracting|attendance|suffer|(?<=\\s)→|(?<=,\\s*)so(?! (?:he|she|they) (?:already )?(?:knew|explained|recogni[sz]ed|spotted|reached for|went straight (?:to|for)|was (?:fluent|familiar|comfortable|at home) (?:in|with))(?![\\p{L}]))|(?:big |a |huge )(?:plus|minus)|red flag|sold on|friction|hassle|inspiring|top tier|trusted|says? (?:a lot|much|little|nothing|something|plenty) (?:for|about)|doesn(?:\x27|’)?t say (?:much|a lot|anything)',
);
// Observed work: what the candidate did, said or wrote in the session. A judgement next to it is
// about the work, not the person. What a background explains that they then showed (", so she
// knew consumer groups well") is observed too: the knowledge is the evidence, not the background.
export const anchor = w(
  '(?<=,\\s*so (?:he|she|they) (?:already )?)(?:knew|explained|recogni[sz]ed|spotted)|tests?|tested|testing|test-first|code|coded|commits?|function|functions|method|class|parser|refactor(?:ed|ing)?|bug|variable|module|regex|query|join|sql|api|endpoint|edge cases?|null|error|types|type (?:check|error|system|hint|annotation)s?|migration|branch|rebase(?:d)?|git|docs|readme|drove|hint|sorted|spec|setup|tls|file|questions?|asked|wrote|written|explained|explanations?|renamed|extracted|split|fixed|found|ran|read|named|implemented|designed|handled|step by step|(?<!open[- ])plan|answered|described|(?:her|his|their) reasoning|trade-off|assertion|loop|recursion|recursive(?:ly)?|tree|data model|schema|cache|benchmark|design|feature flags|property-based|release process|validate|estimated|pattern matching|game tree|the class|the chat|modell?ed|state machine|from the task|in the task|big-o|fixtures?|regenerated|complexity|algorithm|canary|walked (?:me|us) through|pull requests?|prs?|merged',
);
// The candidate's own circumstances stated as logistics: someone else acts on the fact (the
// recruiter, a room booked, a session moved, an accommodation granted) or the writer says it is
// not what they assess. A background in such a sentence is a fact, not a verdict on the person.
export const handled = w(
  "recruit(?:er|ers|ing|ment)|(?:hr|talent) (?:team|partner)|logistics|(?:i(?:'|’)ve |we(?:'|’)ve |i |we )?booked|(?:move|moved|moving|shift|shifted|rescheduled|rearranged|offered to (?:move|shift|pause)) (?:the |our |his |her |their )?(?:session|interview|call|slot|start|pairing)|reschedul(?:e|ed|ing)|accommodations?|allowed under|under our [\\p{L} -]+policy|at (?:his|her|their) request|(?:work |a )?visa|sponsorship|start[- ]date|earliest start|(?:for|to) [\\p{L}-]+ planning|leave planning|not(?:ed|ing) (?:it )?(?:for|to)|flagg(?:ed|ing) (?:it )?(?:for|to) (?:hr|the recruiter|recruiting|people ops)|no bearing on|(?:asked|had) (?:him|her|them) to repeat|(?:finish|leave|stop|log off|be off) by \\d|(?:we|i) (?:wrapped up|finished|ended|stopped) (?:at|by|early|on time)|transfer timeline|(?:live )?captions|interpreter|step[- ]free|remap|(?:eastern|central|pacific|local) time|time ?zone|(?:is|was)n(?:'|’)?t scored|not (?:scored|part of the (?:technical )?evaluation|assessed)|did(?:n(?:'|’)?t| not) affect|ran normally|evaluated on|scor(?:ed|ing) only|skills-based|per (?:the|her|his|their) cv|job ad|nice-to-have|(?:so|and) (?:we|i) (?:shared|used|switched|set up|turned on|enabled|offered|gave|adjusted|adapted|moved|shifted|paused|kept|started|ended|carried on|continued|resumed)|asked (?:us |me )?to (?:keep|start|move|shift|end|pause|finish|stop) (?:it|the|at|by)|as (?:requested|agreed|arranged|planned|mentioned|discussed)|(?:agreed|arranged) (?:in advance|beforehand|earlier)|(?:timer|clock) (?:was )?paused|(?:paused|stopped) for (?:a|one|two|three|four|five|a few|\\d+) (?:minutes?|moments?|bit)|picked up (?:exactly |right )?where (?:she|he|they) left off|(?:worked|went|ran) (?:fine|normally|smoothly)(?: throughout)?|(?<=;\\s*)(?:we|i) (?:shared|used|switched|set up|turned on|enabled|offered|gave|adjusted|adapted|moved|shifted|paused)|not (?:relevant|related|material) to (?:the )?(?:scor|assess|evaluat|rating|decision|hir)\\p{L}*|noting (?:it )?(?:only|just|here)|(?:she|he|they) raised it|for (?:the )?(?:hiring manager|recruiter|hr)|could start (?:early|earlier|sooner|immediately|straight away|right away|from|in|on|after|before)|notice period|garden leave|(?:pass(?:ing|ed)?|hand(?:ing|ed)?|forward(?:ing|ed)?)(?: (?:it|this|that))?(?: on| over)? to (?:hr|the recruiter|recruiting|people ops|the hiring manager)|available (?:to start|from)|so (?:(?:she|he|they) )?(?:typed|wrote|answered|sketched|drew)(?: some| the| a few)?(?: [\\p{L}]+){0,2} (?:in|on|via|through) (?:the )?(?:chat|shared doc|doc|whiteboard|paper|notepad)|(?:that|which|it|this) (?:was|worked) fine|if (?:an |the |we make an )?offer (?:comes|is made|goes)|(?:within|inside|above|below) (?:the )?(?:salary )?band",
);
// "will need a visa" is the fact itself, and so is how strong an accent is; "so", the sentence
// joining it to the booking; "the recruiter will handle it", someone else acting on it.
export const logisticsTense = w(
  "(?:strong|heavy|thick|noticeable|slight|mild) accent|will need|(?:(?:she|he|they)(?:'|’)(?:d|ll)|would) need (?:new |a |an |the )?(?:[\\p{L}-]+ )?(?:visa|sponsorship|permit|notice)|(?<=,\\s*)so|(?:would|will) be (?:mid|early|late|on|from|around|in|after|before|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[\\p{L}]*)|(?:(?:she|he|they)(?:'|’)ll|will) be (?:away|off|out|back|unavailable|on (?:holiday|leave|vacation))|no [\\p{L}]+ (?:needed|required)|(?:recruit(?:er|ing)|hr|we|i)(?: will|(?:'|’)ll) (?:handle|confirm|sort|check|book|arrange|follow up)|(?:worked|went|ran) (?:fine|normally|smoothly)(?: throughout)?|(?:was|were|is|are|felt|feels?) fine to (?:continue|carry on|proceed|go ahead|start|keep going)",
);

// The writer declaring common ground with the candidate so that the panel can check their scores:
// the opposite of resting a verdict on it.
export const disclosure = w(
  '(?:noting|flagging|declaring|disclosing|mentioning) (?:it|this|that)(?: here)? (?:so|for|in case)(?: that)? (?:the )?(?:panel|others|reviewers?|second reviewer|debrief|transparency)|for transparency|(?:scored|rated|marked) (?:[\\p{L} ]{0,20})?(?:against|to|on) the rubric only|declar(?:e|ing) a conflict',
);

// What a writer worried about the person adds to a logistics fact ("visa headaches", "I'd worry").
export const personConcern = w(
  'expect(?:s|ed)?|headaches?|short stay|worr(?:y|ied|ies)|doubt|concern(?:ed|s)?|risk(?:y|s)?|signals?',
);

// A compliment that carries surprise at the background ("good for a …", "surprisingly").
export const compliment = w(
  'surprisingly|surprised (?:she|he|they|at how|by how)|impressive(?:ly)? (?:she|he|they)|(?:well[- ]spoken|articulate|confident|technical|quick|good|strong) for (?:a|an|someone|somebody|his|her|their)|for someone (?:from|with|like)|expected (?:nothing less|no less|as much)|for a (?:woman|girl|guy|man|lady)',
);
