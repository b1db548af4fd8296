import { IntlMessageFormat } from 'intl-messageformat';
import { AppError } from './errors.ts';
import type { CandidateLocale } from './locales.ts';

/**
 * The free parts of candidate messages an organisation may write in its own voice, per locale.
 * Everything else in a message (times, agenda, links, the "no disadvantage" promises) stays
 * Pairwise's, so an edit can never drop what the candidate must be told.
 */
export const templateParts = [
  'welcome',
  'whatToBring',
  'reminder',
  'decisionOffer',
  'decisionNoOffer',
] as const;
export type TemplatePart = (typeof templateParts)[number];

export const templatePartLabels: Record<TemplatePart, string> = {
  welcome: 'Welcome (the invitation’s opening)',
  whatToBring: 'What to install or bring',
  reminder: 'Day-before reminder (its opening)',
  decisionOffer: 'Decision message: offer',
  decisionNoOffer: 'Decision message: no offer',
};

export const templateVariables = [
  'candidateName',
  'positionTitle',
  'organisationName',
  'interviewDate',
  'agenda',
  'portalLink',
  'navigatorName',
  'taskTitle',
  'setupCommands',
  'lineManagerName',
] as const;
export type TemplateVariable = (typeof templateVariables)[number];
export type TemplateValues = Record<TemplateVariable, string>;

/**
 * Which variables each part may use: only what is known when that message is written. The
 * decision message is a draft the line manager edits and its portal link is made when it is
 * sent, so it offers no link; the candidate's link is part of the frame around it.
 */
export const templatePartVariables: Record<TemplatePart, readonly TemplateVariable[]> = {
  welcome: [
    'candidateName',
    'positionTitle',
    'organisationName',
    'interviewDate',
    'agenda',
    'portalLink',
    'navigatorName',
    'taskTitle',
  ],
  whatToBring: ['candidateName', 'positionTitle', 'taskTitle', 'setupCommands'],
  reminder: [
    'candidateName',
    'positionTitle',
    'organisationName',
    'interviewDate',
    'agenda',
    'portalLink',
    'navigatorName',
    'taskTitle',
  ],
  decisionOffer: ['candidateName', 'positionTitle', 'organisationName', 'navigatorName', 'lineManagerName'],
  decisionNoOffer: ['candidateName', 'positionTitle', 'organisationName', 'navigatorName', 'lineManagerName'],
};

/** A template text is a message, not a document: long enough for a warm paragraph or three. */
export const TEMPLATE_MAX_LENGTH = 5000;

/**
 * Pairwise's own wording of each part, written as a template: what the editor starts from and
 * what "Reset to Pairwise's wording" restores. Candidate messages without an override keep the
 * wording of their renderer (and, once merged, its catalog); these say the same.
 */
const pairwiseEnglish: Record<TemplatePart, string> = {
  welcome:
    'You are invited to a pair-programming interview for the {positionTitle} position. ' +
    'Everything about the day is below, so nothing should come as a surprise.',
  whatToBring:
    'A laptop with git and the editor you like to use.\n' +
    'The interview repository is set up and tested with these commands, so please have what they need installed:\n' +
    '{setupCommands}',
  reminder:
    'A short reminder that your pair-programming interview for the {positionTitle} position is tomorrow. ' +
    'Everything is as in your invitation; your portal always shows the current details.',
  decisionOffer:
    'Thank you for pairing with us on the {positionTitle} position. We enjoyed working with you, ' +
    'and we would like to make you an offer.\n\n' +
    'I will be in touch in the next few days to talk through the details and answer any questions you have.',
  decisionNoOffer:
    'Thank you for the time and care you put into pairing with us on the {positionTitle} position.\n\n' +
    'After a careful look at the whole session we have decided not to make an offer this time. ' +
    'This was not an easy decision. If you would like to hear what we observed, reply to this message ' +
    'and we will gladly share it.',
};

/**
 * Pairwise's wording of a part in a locale. English until the candidate-side catalogs are
 * merged; this is the one place they plug in.
 */
export function pairwiseWording(part: TemplatePart, _locale: CandidateLocale): string {
  return pairwiseEnglish[part];
}

/** The organisation's and a position's stored texts, keyed by `locale:part`. */
export type TemplateOverrides = ReadonlyMap<string, string>;
export const templateKey = (locale: CandidateLocale, part: TemplatePart) => `${locale}:${part}`;

export type TemplateSource = 'position' | 'organisation' | 'pairwise';

/**
 * Which text a part of a message uses: the position's override, else the organisation's, else
 * Pairwise's own wording. The one function every message asks.
 */
export function resolveTemplate(
  part: TemplatePart,
  locale: CandidateLocale,
  overrides: { position?: TemplateOverrides; organisation?: TemplateOverrides },
): { text: string; source: TemplateSource } {
  const key = templateKey(locale, part);
  const position = overrides.position?.get(key);
  if (position !== undefined) return { text: position, source: 'position' };
  const organisation = overrides.organisation?.get(key);
  if (organisation !== undefined) return { text: organisation, source: 'organisation' };
  return { text: pairwiseWording(part, locale), source: 'pairwise' };
}

function compile(text: string, locale: CandidateLocale): IntlMessageFormat {
  // Tags are plain text here: candidates' HTML is escaped by the message renderer, never interpreted.
  return new IntlMessageFormat(text, locale, undefined, { ignoreTag: true });
}

type AstNode = { type: number; value?: unknown; options?: Record<string, { value: AstNode[] }> };

function collectArguments(nodes: AstNode[], into: Set<string>): void {
  for (const node of nodes) {
    // Every element but literal text (0) and the plural's # (7) names an argument in `value`.
    if (node.type !== 0 && node.type !== 7 && typeof node.value === 'string') into.add(node.value);
    for (const option of Object.values(node.options ?? {})) collectArguments(option.value, into);
  }
}

/**
 * Checks a text an admin wrote for a part: ICU syntax, and only the variables that part knows.
 * An unknown variable is named in the message and on the `text` field.
 */
export function validateTemplate(part: TemplatePart, text: string, locale: CandidateLocale): void {
  if (text.trim().length === 0) {
    throw new AppError('unprocessable', 'Write the text, or reset to Pairwise’s wording.', {
      text: 'Must not be empty.',
    });
  }
  if (text.length > TEMPLATE_MAX_LENGTH) {
    throw new AppError('unprocessable', `The text is longer than ${TEMPLATE_MAX_LENGTH} characters.`, {
      text: `At most ${TEMPLATE_MAX_LENGTH} characters.`,
    });
  }
  let used: Set<string>;
  try {
    used = new Set();
    collectArguments(compile(text, locale).getAst() as AstNode[], used);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(
      'unprocessable',
      `The text is not a valid template (${reason}). Variables are written {candidateName}; a literal brace as '{'.`,
      { text: 'Check the braces.' },
    );
  }
  const allowed = templatePartVariables[part] as readonly string[];
  const unknown = [...used].filter((name) => !allowed.includes(name));
  if (unknown.length > 0) {
    const named = unknown.map((name) => `{${name}}`).join(', ');
    throw new AppError(
      'unprocessable',
      `Unknown variable ${named}. This text can use: ${allowed.map((name) => `{${name}}`).join(', ')}.`,
      { text: `Unknown variable ${named}.` },
      { unknownVariables: unknown },
    );
  }
}

/** The text with its variables filled in, formatted for the locale (plurals, selects). */
export function fillTemplate(text: string, values: Partial<TemplateValues>, locale: CandidateLocale): string {
  const result = compile(text, locale).format<string>(values);
  return Array.isArray(result) ? result.join('') : String(result);
}

/** What the live preview fills in, so an admin sees a realistic message without a real candidate. */
export const sampleTemplateValues: TemplateValues = {
  candidateName: 'Alex Example',
  positionTitle: 'Backend Engineer',
  organisationName: 'Your organisation',
  interviewDate: 'Tuesday, 16 March 2027, 10:00 (Europe/Berlin)',
  agenda:
    '10:00–10:15  Setup: install and clone\n10:15–11:15  Pairing: exactly 1 hour\n' +
    '11:15–11:25  A short break\n11:25–11:45  A short retrospective over coffee',
  portalLink: 'https://pairwise.example/p/private-link',
  navigatorName: 'Sam Navigator',
  taskTitle: 'Bank account kata',
  setupCommands: '  npm ci\n  npm test',
  lineManagerName: 'Lee Manager',
};
