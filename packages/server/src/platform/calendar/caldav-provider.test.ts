import { describe, expect, it } from 'vitest';
import { busyPeriods } from './caldav-provider.ts';

const calendar = (...lines: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');
const range = { from: '2031-06-02T00:00:00Z', to: '2031-06-09T00:00:00Z' };

describe('busy periods from a calendar object', () => {
  it('reads a plain event in its own zone', () => {
    const data = calendar(
      'BEGIN:VTIMEZONE',
      'TZID:Europe/Berlin',
      'BEGIN:DAYLIGHT',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'TZNAME:CEST',
      'DTSTART:19700329T020000',
      'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
      'END:DAYLIGHT',
      'BEGIN:STANDARD',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'TZNAME:CET',
      'DTSTART:19701025T030000',
      'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
      'END:STANDARD',
      'END:VTIMEZONE',
      'BEGIN:VEVENT',
      'UID:one',
      'DTSTAMP:20310101T000000Z',
      'DTSTART;TZID=Europe/Berlin:20310603T090000',
      'DTEND;TZID=Europe/Berlin:20310603T100000',
      'END:VEVENT',
    );
    expect(busyPeriods(data, range)).toEqual([
      { startsAt: '2031-06-03T07:00:00Z', endsAt: '2031-06-03T08:00:00Z', uid: 'one' },
    ]);
  });

  it('expands a weekly recurrence, with a moved occurrence, inside the range only', () => {
    const data = calendar(
      'BEGIN:VEVENT',
      'UID:standup',
      'DTSTAMP:20310101T000000Z',
      'DTSTART:20310526T090000Z',
      'DTEND:20310526T093000Z',
      'RRULE:FREQ=WEEKLY;COUNT=4',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:standup',
      'DTSTAMP:20310101T000000Z',
      'RECURRENCE-ID:20310602T090000Z',
      'DTSTART:20310602T140000Z',
      'DTEND:20310602T143000Z',
      'END:VEVENT',
    );
    expect(busyPeriods(data, range)).toEqual([
      { startsAt: '2031-06-02T14:00:00Z', endsAt: '2031-06-02T14:30:00Z', uid: 'standup' },
    ]);
  });

  it('ignores free (transparent) and cancelled events, and unreadable objects', () => {
    const event = (uid: string, extra: string) =>
      calendar(
        'BEGIN:VEVENT',
        `UID:${uid}`,
        'DTSTAMP:20310101T000000Z',
        'DTSTART:20310603T090000Z',
        'DTEND:20310603T100000Z',
        extra,
        'END:VEVENT',
      );
    expect(busyPeriods(event('free', 'TRANSP:TRANSPARENT'), range)).toEqual([]);
    expect(busyPeriods(event('off', 'STATUS:CANCELLED'), range)).toEqual([]);
    expect(busyPeriods(event('tentative', 'STATUS:TENTATIVE'), range)).toHaveLength(1);
    expect(busyPeriods('not a calendar', range)).toEqual([]);
  });
});
