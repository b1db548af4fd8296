import { type MessageLocale, type Translator, translator } from '@pairwise/domain';
import { createContext, useContext } from 'react';

/**
 * The candidate's language on the portal: every word comes from the domain's catalogs (the
 * same ones their mails use), every date through `Intl` in their locale and zone.
 */
export const PortalText = createContext<Translator>(translator('en'));
export const usePortalText = () => useContext(PortalText);
export const portalTranslator = (locale: string): Translator => translator(locale as MessageLocale);

const formats = new Map<string, Intl.DateTimeFormat>();
function format(key: string, create: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let known = formats.get(key);
  if (!known) {
    known = create();
    formats.set(key, known);
  }
  return known;
}

/** "Di., 10. Dez. 2026, 14:00 MEZ": an instant in the candidate's zone and language. */
export function portalDateTime(tr: Translator, iso: string, timeZone: string): string {
  const dates = format(
    `${tr.intlLocale} ${timeZone}`,
    () =>
      new Intl.DateTimeFormat(tr.intlLocale, {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZone,
        timeZoneName: 'short',
      }),
  );
  return tr.formatted(dates.format(new Date(iso)));
}

/** A calendar date ("2026-12-24") in the candidate's language, without moving it through a zone. */
export function portalCalendarDate(tr: Translator, isoDate: string): string {
  const dates = format(
    `${tr.intlLocale} date`,
    () =>
      new Intl.DateTimeFormat(tr.intlLocale, {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      }),
  );
  return tr.formatted(dates.format(new Date(`${isoDate}T12:00:00Z`)));
}
