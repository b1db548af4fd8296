import { IntlMessageFormat } from 'intl-messageformat';
import type { CandidateLocale } from '../locales.ts';
import { de } from './de.ts';
import { type Catalog, en, type MessageId } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { accentText, pseudoCatalog, pseudoLocale } from './pseudo.ts';

/** A locale messages render in: a candidate's, or the tests' pseudo-locale. */
export type MessageLocale = CandidateLocale | typeof pseudoLocale;

export type MessageValues = Record<string, string | number>;

export interface Translator {
  locale: MessageLocale;
  /** The BCP 47 tag `Intl` formats dates, times and lists with. */
  intlLocale: string;
  t(id: MessageId, values?: MessageValues): string;
  /** "A, B and C" in the reader's language. */
  list(items: string[]): string;
  /**
   * Text that went through `Intl` rather than the catalog (dates, times): as is, except in the
   * pseudo-locale, where it is accented too so the tests can tell it from text that skipped both.
   */
  formatted(text: string): string;
}

export const catalogs: Record<CandidateLocale, Catalog> = { en, de, fr, es };

// en-GB: day before month and a 24-hour clock, what an international team expects to read.
const intlLocales: Record<MessageLocale, string> = {
  en: 'en-GB',
  de: 'de-DE',
  fr: 'fr-FR',
  es: 'es-ES',
  [pseudoLocale]: 'en-GB',
};

let pseudo: Catalog | undefined;
const translators = new Map<MessageLocale, Translator>();

function catalogFor(locale: MessageLocale): Catalog {
  if (locale === pseudoLocale) {
    pseudo ??= pseudoCatalog(en);
    return pseudo;
  }
  return catalogs[locale];
}

export function isMessageLocale(value: unknown): value is MessageLocale {
  return value === pseudoLocale || (typeof value === 'string' && value in catalogs);
}

/** One translator per locale, with its compiled messages kept: mails render in bulk. */
export function translator(locale: MessageLocale = 'en'): Translator {
  const known = translators.get(locale);
  if (known) return known;
  const catalog = catalogFor(locale);
  const intlLocale = intlLocales[locale];
  const compiled = new Map<MessageId, IntlMessageFormat>();
  const lists = new Intl.ListFormat(intlLocale, { style: 'long', type: 'conjunction' });
  const accentIfPseudo = (text: string) => (locale === pseudoLocale ? accentText(text) : text);
  const created: Translator = {
    locale,
    intlLocale,
    t(id, values) {
      let format = compiled.get(id);
      if (!format) {
        format = new IntlMessageFormat(catalog[id] ?? en[id], intlLocale, undefined, { ignoreTag: true });
        compiled.set(id, format);
      }
      return String(format.format(values));
    },
    list: (items) =>
      lists
        .formatToParts(items)
        .map((part) => (part.type === 'literal' ? accentIfPseudo(part.value) : part.value))
        .join(''),
    formatted: accentIfPseudo,
  };
  translators.set(locale, created);
  return created;
}

/**
 * Each language named in itself, as a language switch lists them: a reader looks for their own
 * language's name, so these are never translated (the page marks each with its `lang`).
 */
export const languageNames: Record<MessageLocale, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  [pseudoLocale]: 'Ƥšéûðö',
};
