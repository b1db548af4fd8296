import { createRequire } from 'node:module';
import type { HolidayCheck } from '@pairwise/domain';
import type Holidays from 'date-holidays';
import { DateTime } from 'luxon';

/**
 * HOLIDAY_REGION turned into the holiday check that deadline reminders count business days with.
 * date-holidays carries every country's calendar and costs ~25 MB of memory once loaded, so it is
 * required only when a region is configured (synchronously, so the setting is checked with the
 * rest of the configuration at start-up).
 */
type HolidaysClass = typeof Holidays;

let library: HolidaysClass | undefined;
const load = (): HolidaysClass => {
  library ??= createRequire(import.meta.url)('date-holidays') as HolidaysClass;
  return library;
};

/** `DE`, `DE-BE`, `US-CA`, `GB-ENG`, `DE-BY-A`: country, then optionally state and region. */
export interface HolidayRegion {
  country: string;
  state?: string;
  region?: string;
}

/** Parses a region code and checks it against date-holidays' data; null when it is not known. */
export function parseHolidayRegion(code: string): HolidayRegion | null {
  const parts = code.trim().toUpperCase().split('-');
  if (parts.length > 3 || parts.some((part) => !/^[A-Z0-9]+$/.test(part))) return null;
  const [country, state, region] = parts as [string, string?, string?];
  const calendar = new (load())();
  if (!(country in calendar.getCountries())) return null;
  if (state === undefined) return { country };
  if (!(state in (calendar.getStates(country) ?? {}))) return null;
  if (region === undefined) return { country, state };
  if (!(region in (calendar.getRegions(country, state) ?? {}))) return null;
  return { country, state, region };
}

/**
 * Whether a calendar date is a public holiday in the region. Only `public` days count: bank
 * holidays, optional days and observances (24 December in Germany, Mother's Day) do not. The
 * answer is about the date as written, so it holds in whatever zone the caller's day is in.
 */
export function publicHolidays({ country, state, region }: HolidayRegion): HolidayCheck {
  const Calendar = load();
  const options = { types: ['public' as const] };
  const calendar =
    state === undefined
      ? new Calendar(country, options)
      : region === undefined
        ? new Calendar(country, state, options)
        : new Calendar(country, state, region, options);
  const byYear = new Map<number, Set<string>>();
  return (isoDate) => {
    const year = Number(isoDate.slice(0, 4));
    let dates = byYear.get(year);
    if (!dates) {
      // A holiday may span days (Eid al-Fitr: up to four); each of its days is off.
      dates = new Set(
        calendar
          .getHolidays(year)
          .filter((holiday) => holiday.type === 'public')
          .flatMap((holiday) => {
            const first = DateTime.fromISO(holiday.date.slice(0, 10), { zone: 'utc' });
            const days = Math.max(
              1,
              Math.ceil((holiday.end.getTime() - holiday.start.getTime()) / 86_400_000),
            );
            return Array.from({ length: days }, (_, i) => first.plus({ days: i }).toISODate()!);
          }),
      );
      byYear.set(year, dates);
    }
    return dates.has(isoDate);
  };
}
