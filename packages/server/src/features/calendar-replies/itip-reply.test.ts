import { describe, expect, it } from 'vitest';
import { parseItipReply } from './itip-reply.ts';

const calendar = (lines: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR', ''].join('\r\n');

describe('parseItipReply', () => {
  it('reads a REPLY’s UID, SEQUENCE and the attendee’s answer, address lower-cased', () => {
    const reply = parseItipReply(
      calendar([
        'METHOD:REPLY',
        'BEGIN:VEVENT',
        'UID:abc@pairwise',
        'SEQUENCE:2',
        'DTSTAMP:20261207T101500Z',
        'ATTENDEE;PARTSTAT=DECLINED:MAILTO:Robin@Example.ORG',
        'END:VEVENT',
      ]),
    );
    expect(reply).toMatchObject({
      method: 'REPLY',
      uid: 'abc@pairwise',
      sequence: 2,
      attendees: [{ address: 'robin@example.org', partstat: 'DECLINED' }],
      proposedStartsAt: null,
    });
  });

  it('reads the time a COUNTER proposes through the VTIMEZONE of a Windows zone name', () => {
    const reply = parseItipReply(
      calendar([
        'METHOD:COUNTER',
        'BEGIN:VTIMEZONE',
        'TZID:W. Europe Standard Time',
        'BEGIN:STANDARD',
        'DTSTART:16010101T030000',
        'TZOFFSETFROM:+0200',
        'TZOFFSETTO:+0100',
        'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10',
        'END:STANDARD',
        'BEGIN:DAYLIGHT',
        'DTSTART:16010101T020000',
        'TZOFFSETFROM:+0100',
        'TZOFFSETTO:+0200',
        'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3',
        'END:DAYLIGHT',
        'END:VTIMEZONE',
        'BEGIN:VEVENT',
        'UID:abc@pairwise',
        'DTSTAMP:20261207T101500Z',
        // Summer time: 15:00 local is 13:00 UTC.
        'DTSTART;TZID=W. Europe Standard Time:20300605T150000',
        'DTEND;TZID=W. Europe Standard Time:20300605T170000',
        'COMMENT:Afternoons suit me better.',
        'ATTENDEE;PARTSTAT=TENTATIVE:mailto:robin@example.org',
        'END:VEVENT',
      ]),
    );
    expect(reply).toMatchObject({
      method: 'COUNTER',
      sequence: 0,
      proposedStartsAt: '2030-06-05T13:00:00.000Z',
      proposedEndsAt: '2030-06-05T15:00:00.000Z',
      comment: 'Afternoons suit me better.',
    });
  });

  it('returns null for anything that is not a reply: another METHOD, no UID, no attendee, not iCalendar', () => {
    const event = ['BEGIN:VEVENT', 'UID:x', 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@b.c', 'END:VEVENT'];
    expect(parseItipReply(calendar(['METHOD:REQUEST', ...event]))).toBeNull();
    expect(
      parseItipReply(calendar(['METHOD:REPLY', 'BEGIN:VEVENT', 'ATTENDEE:mailto:a@b.c', 'END:VEVENT'])),
    ).toBeNull();
    expect(parseItipReply(calendar(['METHOD:REPLY', 'BEGIN:VEVENT', 'UID:x', 'END:VEVENT']))).toBeNull();
    expect(parseItipReply('hello')).toBeNull();
  });
});
