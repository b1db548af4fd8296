import { IntlMessageFormat } from 'intl-messageformat';
import { type StaffCatalog, type StaffMessageId, staffEn } from './staff-messages.ts';

/**
 * The staff screens' one path to words: `t('nav.candidates')`. English is the only catalog
 * today; a language is added by putting its catalog here (a missing id does not compile), and
 * the choice of language becomes a user setting then. Candidate-facing words do not live here:
 * they are in the domain's catalogs, shared with the mails.
 */
const catalogs: Record<string, StaffCatalog> = { en: staffEn };
const staffLocale = 'en';
const intlLocale = 'en-GB';

const compiled = new Map<StaffMessageId, IntlMessageFormat>();

export function t(id: StaffMessageId, values?: Record<string, string | number>): string {
  let format = compiled.get(id);
  if (!format) {
    const catalog = catalogs[staffLocale] ?? staffEn;
    format = new IntlMessageFormat(catalog[id] ?? staffEn[id], intlLocale, undefined, { ignoreTag: true });
    compiled.set(id, format);
  }
  return String(format.format(values));
}
