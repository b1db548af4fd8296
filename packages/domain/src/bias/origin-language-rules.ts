import type { BiasRule } from './rule-types.ts';
import {
  nationality,
  nationalityPlural,
  personNouns,
  personSubject,
  possessive,
  programmingLanguages,
  upTo,
} from './rule-vocabulary.ts';

const r = String.raw;

/** Phrases that introduce where someone is from ("being from", "for someone from"). */
const comingFrom = r`(?:being|coming|comes|came|as someone|for someone|since ${personSubject}|because ${personSubject})`;

/**
 * Rules about where someone is from, what they believe, and how they speak: accent, native
 * language, nationality, ethnicity and religion. Communication is assessed through what
 * happened in the pairing, never through these.
 */
export const originAndLanguageRules: BiasRule[] = [
  {
    id: 'accent',
    category: 'accent_language',
    patterns: [r`accent(?:s|ed)?`],
    unless: [
      r`accent(?:ed)?[\s-]+(?:colou?rs?|char\p{L}*|letters?|marks?|keys?|insensitiv\p{L}*|folding|strip\p{L}*|normali[sz]\p{L}*|borders?|bars?|buttons?|styles?|variables?|tokens?)`,
      // Accents on letters in text processing: collation, normalisation, stripping them.
      r`accent(?:s|ed)?${upTo(4)}(?:collations?|locales?|unicode|diacritics?|normali[sz]\p{L}*|strings?|sort\p{L}*|comparisons?|compared|nf(?:k?[cd]))`,
      r`(?:nf(?:k?[cd])|unicode|normali[sz]\p{L}*|collat\p{L}*)${upTo(6)}accent(?:s|ed)?`,
      r`(?:ignor|strip|remov|fold|normali[sz])\p{L}* (?:the )?accents?`,
    ],
    message: 'An accent says nothing about engineering skill; judging it is linked to national-origin bias.',
    suggestion:
      'If communication mattered, describe a concrete moment (e.g. "we agreed the API shape after one round of questions").',
  },
  {
    id: 'native-language',
    category: 'accent_language',
    patterns: [
      r`(?:non[- ]?)?native (?:english |german |french |spanish )?speakers?`,
      r`non[- ]native`,
      r`native (?:english|german|french|spanish|language|tongue)`,
      r`(?:mother|first|second|native) (?:language|tongue)`,
      r`broken english`,
      r`english as a (?:second|foreign|third) language`,
      r`esl`,
      r`language barrier`,
      r`${possessive} (?:spoken |written )?(?:english|german|french|spanish|grammar|pronunciation|vocabulary)`,
      r`(?:himself|herself|themselves|themself) in (?:english|german|french|spanish)`,
      r`(?:speak|speaks|spoke|speaking) (?:\p{L}+ )?(?:english|german|french|spanish)`,
      r`twang|drawl|brogue`,
      r`(?:funny|strange|odd|weird|heavy|thick|strong) (?:voice|way of (?:speaking|talking))`,
      r`english (?:is|was|isn['’]?t|wasn['’]?t|seemed|seems)${upTo(3)}(?:good|great|poor|bad|broken|weak|limited|strong|fluent|excellent|rough|basic|ok|okay|shaky)`,
      r`fluen(?:t|cy) (?:in )?english`,
      r`english fluency`,
    ],
    unless: [
      r`${possessive} grammar (?:rules?|files?|definitions?|for the)`,
      r`${programmingLanguages}${upTo(4)}first language`,
      r`first (?:programming )?language${upTo(3)}${programmingLanguages}`,
      // The product's users, not the candidate: a locale fallback for "the user's native language".
      r`(?:users?|browser|device|system|client|customer|visitor)(?:['’]s?)? (?:native|first|preferred) language`,
    ],
    message:
      'Native language and fluency are not what a pairing interview measures, and judging them is biased.',
    suggestion: 'Assess communication through what happened: did you understand each other, and how?',
  },
  {
    id: 'nationality-stereotype',
    category: 'nationality_ethnicity_religion',
    patterns: [
      r`(?:typical(?:ly)?|stereotypical(?:ly)?|classic|very|so|such an?|quite|proper|true|real) ${nationality}`,
      r`${nationality} (?:work ethic|attention to detail|efficiency|directness|precision|mentality|temperament|punctuality|humou?r|accent|guys?|girls?|m[ae]n|wom[ae]n|lad(?:y|ies)|people|folks?|engineers?|developers?|candidates?|background|culture|upbringing)`,
      r`(?:most|all|many|those) ${nationalityPlural}`,
      r`${nationalityPlural} (?:are|tend to|usually|always|often|all|generally|never|can['’]?t|don['’]?t)`,
      r`(?:black|white|brown|mixed[- ]race) ${personNouns}`,
      r`(?:looks?|looked|looking|sounds?|sounded|seems?|seemed) ${nationality}`,
      r`(?:being|as an?|is an?|was an?|he['’]s an?|she['’]s an?) ${nationality}`,
      r`(?:dark|light|fair|olive|brown)[- ]skinned|skin tone|complexion`,
      r`(?:americani[sz]ed|westerni[sz]ed|angli[cs]i[sz]ed|europeani[sz]ed|assimilated)`,
      r`(?:ethnic|foreign|exotic)[- ]sounding`,
      r`cultur(?:al|ally) (?:different|differences|background)|different culture`,
      r`third[- ]world|developing countr(?:y|ies)`,
    ],
    unless: [
      r`(?:as an?|is an?|was an?|very|so|quite) ${nationality} (?:translat\p{L}*|locales?|strings?|copy|versions?|keyboards?|layouts?|date|dates|formats?|number|numbers)`,
      r`${nationality} (?:translat\p{L}*|locales?|strings?|copy|keyboards?|layouts?|date|dates|formats?|numbers?)`,
    ],
    message: 'Generalises from nationality, ethnicity or religion to the person: that is stereotyping.',
    suggestion: 'Describe this candidate’s own behaviour in the session, with an example.',
  },
  {
    id: 'origin-faith',
    category: 'nationality_ethnicity_religion',
    patterns: [
      r`${comingFrom} from`,
      r`(?:family|parents)(?:['’]s)? (?:is|are|were|was|comes?|came) (?:originally )?from`,
      r`grew up|raised in|born and raised|(?:moved|came|immigrated) (?:here |over )?from`,
      r`where ${personSubject} (?:is |are )?(?:originally )?from`,
      r`${possessive} (?:race|ethnicity|ethnic \p{L}+|skin(?: colou?r)?|religion|faith|nationality|heritage|origins?|roots|country of origin|home country|immigration status|visa status)`,
      r`ethnic(?:ity|ally)?`,
      r`racial(?:ly)?`,
      r`visas?|work permits?|sponsorship|citizenship|passports?`,
      r`immigrants?|refugees?|expats?|foreigners?`,
      r`foreign (?:degrees?|education|qualifications?|names?|accents?|candidates?|nationals?|workers?|backgrounds?|universit(?:y|ies)|diplomas?)`,
      r`exotic`,
      r`names? (?:is |was |are )?(?:hard|difficult|tricky) to (?:pronounce|say|spell)`,
      r`(?:very|so|surprisingly|quite|remarkably|really|extremely|incredibly) (?:articulate|well[- ]spoken)`,
      r`(?:articulate|well[- ]spoken) for`,
      r`hijab|head ?scarf|turban|kippah|yarmulke|burqa|niqab|rosary`,
      r`(?:cross|crucifix) necklace`,
      r`religio(?:n|us)`,
      r`church|mosque|synagogue|gurdwara|temple`,
      r`ramadan|fasting|sabbath|shabbat|shabbos|kosher|halal|passover|diwali|hanukkah|yom kippur|lent`,
      r`observant|devout`,
      r`pray(?:s|ed|ing|ers?)?`,
    ],
    unless: [
      r`(?:visa|mastercard|amex)${upTo(1)}(?:cards?|debit|credit|payments?|network|transactions?)`,
      r`(?:cards?|payments?)${upTo(2)}visa`,
      r`visa${upTo(4)}(?:mastercard|amex|maestro|cards?|payments?|luhn|pan|bin|prefix\p{L}*|codes?|declines?|declined|rejections?|transactions?|network|issuers?|acquirers?|brands?|schemes?)`,
      r`(?:mastercard|amex|maestro|luhn)${upTo(4)}visa`,
      r`${comingFrom} from (?:scratch|memory|the (?:docs|documentation|tests?|spec|logs?|start|beginning|top|bottom|command line|terminal|editor))`,
      r`${comingFrom} from (?:the |a |an |${possessive} )?(?:${programmingLanguages}|frontend|backend|front-end|back-end|full-?stack|mobile|web|ops|devops|data|finance|fintech|enterprise|\p{L}+ (?:shops?|teams?|compan(?:y|ies)|jobs?|roles?|startups?|agenc(?:y|ies)|banks?|consultanc(?:y|ies)|projects?))(?:[\s-]+(?:backgrounds?|world|side|shops?|teams?|jobs?|roles?|heavy))?`,
      r`${comingFrom} from (?:the |a |an |${possessive} )?(?:\p{L}+ )?(?:backgrounds? in|shops?|teams?|compan(?:y|ies)|jobs?|roles?|startups?|agenc(?:y|ies)|banks?|consultanc(?:y|ies)|projects?)`,
      r`passport\.?js`,
      r`passport[\s-]+(?:strateg\p{L}*|middleware|library|config\p{L}*|setup)`,
    ],
    message:
      'Origin, ethnicity, faith and immigration status are protected and irrelevant to how someone pairs.',
    suggestion: 'Remove it. Right-to-work questions are for HR, asked of every candidate alike.',
  },
];
