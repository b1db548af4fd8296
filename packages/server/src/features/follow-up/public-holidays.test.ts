import { reminderAt } from '@pairwise/domain';
import { describe, expect, it } from 'vitest';
import { parseHolidayRegion, publicHolidays } from './public-holidays.ts';

const checkFor = (code: string) => publicHolidays(parseHolidayRegion(code)!);

describe('public holidays of HOLIDAY_REGION', () => {
  it('counts public holidays only, not bank holidays or observances', () => {
    const germany = checkFor('DE');
    expect(germany('2026-12-25')).toBe(true);
    expect(germany('2026-12-26')).toBe(true);
    expect(germany('2026-10-03')).toBe(true);
    expect(germany('2026-12-24')).toBe(false); // a half-day bank holiday
    expect(germany('2026-05-10')).toBe(false); // Mother's Day, an observance
    expect(germany('2026-12-28')).toBe(false);
  });

  it('knows states: Women’s Day is a holiday in Berlin, not in all of Germany', () => {
    expect(checkFor('DE-BE')('2027-03-08')).toBe(true);
    expect(checkFor('DE')('2027-03-08')).toBe(false);
    expect(checkFor('US-CA')('2026-11-27')).toBe(true); // the day after Thanksgiving
    expect(checkFor('GB-ENG')('2026-12-28')).toBe(true); // Boxing Day (substitute day)
  });

  it('moves a deadline reminder back past the holidays', () => {
    expect(reminderAt('2026-12-28', 'Europe/Berlin', checkFor('DE'))).toBe('2026-12-23T08:00:00Z');
    expect(reminderAt('2026-12-30', 'Europe/London', checkFor('GB-ENG'))).toBe('2026-12-24T09:00:00Z');
    expect(reminderAt('2026-12-30', 'Europe/London')).toBe('2026-12-28T09:00:00Z');
  });

  it('keeps every day of a holiday that spans several days', () => {
    const saudi = checkFor('SA');
    // Eid al-Fitr 2026 in Saudi Arabia: four days from 19 March.
    for (const day of ['2026-03-19', '2026-03-20', '2026-03-21', '2026-03-22']) expect(saudi(day)).toBe(true);
    expect(saudi('2026-03-25')).toBe(false);
  });

  it('returns null for a region it does not know', () => {
    expect(parseHolidayRegion('XX')).toBeNull();
    expect(parseHolidayRegion('DE-XX')).toBeNull();
    expect(parseHolidayRegion('')).toBeNull();
  });
});
