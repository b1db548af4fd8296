import { AppError } from '@pairwise/domain';
import fc from 'fast-check';
import { foldLines as libraryFoldLines } from 'ical-generator';
import type { Attendee } from 'node-ical';
import { describe, expect, it } from 'vitest';
import {
  caretDecode,
  icsGrammarViolations,
  parseIcs,
  parseSingleEvent,
  propertyParams,
  propertyValue,
} from '../../../test/support/parse-ics.ts';
import {
  buildCalendarFeed,
  buildCalendarInvite,
  type CalendarEventInput,
  foldLines,
} from './calendar-invites.ts';

const uid = '6f1c2a9e-5d7b-4a3b-9c2d-3e1f0a9b8c7d';

function candidateEvent(overrides: Partial<CalendarEventInput> = {}): CalendarEventInput {
  return {
    uid,
    sequence: 0,
    startsAt: '2027-03-28T08:00:00Z',
    endsAt: '2027-03-28T09:45:00Z',
    summary: 'Pair-programming interview with Acme',
    description:
      '08:00–08:15  Setup\n08:15–09:15  Pairing: exactly one hour\nPortal: https://pairwise.example.com/p/x',
    location: 'https://meet.example.com/pairwise-7f3a',
    url: 'https://pairwise.example.com/p/x',
    organizer: { name: 'Grace Hopper', email: 'grace@acme.example' },
    attendees: [{ name: 'Ada Lovelace', email: 'ada@example.org' }],
    stamp: '2027-03-01T12:00:00Z',
    ...overrides,
  };
}

function attendees(value: Attendee[] | Attendee | undefined): Attendee[] {
  if (!value) return [];
  return Array.isArray(value) ? value : [value];
}

describe('RFC 5545 grammar', () => {
  it('caret-encodes quotes, carets and line breaks in names (RFC 6868) and ends every line with CRLF', () => {
    const invite = buildCalendarInvite(
      'REQUEST',
      candidateEvent({
        organizer: { name: 'Pairwise ^ Acme', email: 'pairwise@acme.example', sentBy: 'grace@acme.example' },
        attendees: [{ name: 'Zoë "Z" \\ Ändersson\nJr.', email: 'zoe@example.org' }],
      }),
    );
    expect(icsGrammarViolations(invite.content)).toEqual([]);
    const unfolded = invite.content.replace(/\r\n /g, '');
    expect(unfolded).toContain(`CN="Zoë ^'Z^' \\ Ändersson^nJr."`);
    expect(unfolded).toContain(
      'ORGANIZER;CN="Pairwise ^^ Acme";SENT-BY="mailto:grace@acme.example":mailto:pairwise@acme.example',
    );
    const { event } = parseSingleEvent(invite.content);
    expect(caretDecode(String(propertyParams(event.attendee).CN))).toBe('Zoë "Z" \\ Ändersson\nJr.');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const invite = buildCalendarInvite('REQUEST', candidateEvent({ summary: 'Ä'.repeat(120) }));
    expect(icsGrammarViolations(invite.content)).toEqual([]);
    expect(parseSingleEvent(invite.content).event.summary).toBe('Ä'.repeat(120));
  });
});

describe('buildCalendarInvite', () => {
  it('writes a REQUEST that an independent parser reads back field by field', () => {
    const invite = buildCalendarInvite('REQUEST', candidateEvent());
    expect(invite.method).toBe('REQUEST');
    expect(invite.filename).toBe('invite.ics');
    const { method, event } = parseSingleEvent(invite.content);
    expect(method).toBe('REQUEST');
    expect(event.uid).toBe(uid);
    expect(event.sequence).toBe(0);
    expect(event.status).toBe('CONFIRMED');
    expect(event.start.toISOString()).toBe('2027-03-28T08:00:00.000Z');
    expect(event.end?.toISOString()).toBe('2027-03-28T09:45:00.000Z');
    expect(propertyValue(event.summary)).toBe('Pair-programming interview with Acme');
    expect(propertyValue(event.description)).toContain('Pairing: exactly one hour\nPortal:');
    expect(propertyValue(event.location)).toBe('https://meet.example.com/pairwise-7f3a');
    expect(propertyValue(event.organizer).toLowerCase()).toBe('mailto:grace@acme.example');
    expect(propertyParams(event.organizer).CN).toBe('Grace Hopper');
    const [ada] = attendees(event.attendee);
    expect(propertyValue(ada).toLowerCase()).toBe('mailto:ada@example.org');
    expect(propertyParams(ada)).toMatchObject({
      CN: 'Ada Lovelace',
      ROLE: 'REQ-PARTICIPANT',
      PARTSTAT: 'NEEDS-ACTION',
      RSVP: true,
    });
    expect(invite.content).toMatch(/^DTSTART:20270328T080000Z\r$/m);
  });

  it('writes an update with the same UID and a higher SEQUENCE', () => {
    const update = buildCalendarInvite(
      'REQUEST',
      candidateEvent({ sequence: 1, startsAt: '2027-04-04T08:00:00Z', endsAt: '2027-04-04T09:45:00Z' }),
    );
    const { method, event } = parseSingleEvent(update.content);
    expect(method).toBe('REQUEST');
    expect(event.uid).toBe(uid);
    expect(event.sequence).toBe(1);
    expect(event.start.toISOString()).toBe('2027-04-04T08:00:00.000Z');
  });

  it('writes a CANCEL with STATUS:CANCELLED and keeps the attendees it cancels for', () => {
    const cancel = buildCalendarInvite('CANCEL', candidateEvent({ sequence: 2 }));
    expect(cancel.filename).toBe('cancel.ics');
    const { method, event } = parseSingleEvent(cancel.content);
    expect(method).toBe('CANCEL');
    expect(event.uid).toBe(uid);
    expect(event.sequence).toBe(2);
    expect(event.status).toBe('CANCELLED');
    expect(attendees(event.attendee)).toHaveLength(1);
    expect(cancel.content).not.toContain('RSVP=TRUE');
  });

  it('can write local time with TZID and a VTIMEZONE, across the DST change', () => {
    const invite = buildCalendarInvite('REQUEST', candidateEvent({ timeZone: 'Europe/Berlin' }));
    expect(invite.content).toContain('DTSTART;TZID=Europe/Berlin:20270328T100000');
    expect(invite.content).toContain('DTEND;TZID=Europe/Berlin:20270328T114500');
    expect(invite.content).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin');
    expect(invite.content).toMatch(/DTSTAMP:20270301T120000Z/);
    const { event } = parseSingleEvent(invite.content);
    expect(event.start.toISOString()).toBe('2027-03-28T08:00:00.000Z');
    expect(event.end?.toISOString()).toBe('2027-03-28T09:45:00.000Z');
  });

  it('marks optional attendees as such', () => {
    const invite = buildCalendarInvite(
      'REQUEST',
      candidateEvent({
        attendees: [{ name: 'Linus Shadow', email: 'linus@acme.example', optional: true, rsvp: false }],
      }),
    );
    const [linus] = attendees(parseSingleEvent(invite.content).event.attendee);
    expect(propertyParams(linus)).toMatchObject({ ROLE: 'OPT-PARTICIPANT' });
    expect(invite.content).not.toContain('RSVP=TRUE');
  });

  it('allows candidate data on the attendee line of an interviewer invite, and nowhere else', () => {
    const privateTerms = ['Ada Lovelace', 'ada@example.org'];
    const interviewer = candidateEvent({
      summary: 'Pair-programming interview (Backend Engineer)',
      description: 'Candidate details are in Pairwise, not in this calendar entry.',
      attendees: [
        { name: 'Grace Hopper', email: 'grace@acme.example' },
        { name: 'Ada Lovelace', email: 'ada@example.org' },
      ],
    });
    expect(() => buildCalendarInvite('REQUEST', interviewer, { privateTerms })).not.toThrow();
    const leaky = { ...interviewer, description: `Notes on ${'x'.repeat(70)} ada lovelace` };
    expect(() => buildCalendarInvite('REQUEST', leaky, { privateTerms })).toThrow(AppError);
  });

  it('matches private terms as whole words, so a short name does not block an invite', () => {
    const event = candidateEvent({
      summary: 'Pair-programming interview (Backend Engineer)',
      description: 'Calendar entry for the interview panel.',
      attendees: [{ name: 'Li', email: 'li@example.org' }],
    });
    expect(() =>
      buildCalendarInvite('REQUEST', event, { privateTerms: ['Li', 'li@example.org'] }),
    ).not.toThrow();
    const leaky = { ...event, description: 'Interview with Li about lists.' };
    expect(() => buildCalendarInvite('REQUEST', leaky, { privateTerms: ['Li'] })).toThrow(AppError);
  });

  it('refuses an event that ends before it starts, a bad SEQUENCE or a multi-line UID', () => {
    expect(() => buildCalendarInvite('REQUEST', candidateEvent({ endsAt: '2027-03-28T07:00:00Z' }))).toThrow(
      AppError,
    );
    expect(() => buildCalendarInvite('REQUEST', candidateEvent({ sequence: -1 }))).toThrow(AppError);
    expect(() => buildCalendarInvite('REQUEST', candidateEvent({ uid: 'a\r\nMETHOD:CANCEL' }))).toThrow(
      AppError,
    );
    expect(() => buildCalendarInvite('REQUEST', candidateEvent({ startsAt: '2027-03-28T08:00:00' }))).toThrow(
      AppError,
    );
  });
});

describe('buildCalendarFeed', () => {
  const blocks = [
    { kind: 'prep', start: '2027-03-28T07:30:00Z', end: '2027-03-28T08:00:00Z' },
    { kind: 'interview', start: '2027-03-28T08:00:00Z', end: '2027-03-28T09:45:00Z' },
    { kind: 'refinement', start: '2027-03-28T09:45:00Z', end: '2027-03-28T10:15:00Z' },
  ];

  it('publishes many events in one calendar without attendees or organizer', async () => {
    const feed = await buildCalendarFeed({
      name: 'Pairwise: Grace Hopper',
      refreshMinutes: 30,
      events: [
        ...blocks.map((b, i) => ({
          uid: `${uid}-${b.kind}`,
          sequence: i,
          startsAt: b.start,
          endsAt: b.end,
          summary: b.kind,
          stamp: '2027-03-01T12:00:00Z',
        })),
        {
          uid: 'old-one',
          sequence: 3,
          startsAt: '2027-03-21T08:00:00Z',
          endsAt: '2027-03-21T09:00:00Z',
          summary: 'Cancelled one',
          cancelled: true,
          timeZone: 'Europe/Berlin',
        },
      ],
    });
    const { method, events } = parseIcs(feed);
    expect(method).toBe('PUBLISH');
    expect(events.map((e) => e.uid).sort()).toEqual([
      `${uid}-interview`,
      `${uid}-prep`,
      `${uid}-refinement`,
      'old-one',
    ]);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    expect(byUid.get(`${uid}-refinement`)?.start.toISOString()).toBe('2027-03-28T09:45:00.000Z');
    expect(byUid.get('old-one')?.status).toBe('CANCELLED');
    // Confirmed and busy are what an event without STATUS and TRANSP is: only the cancelled one says.
    expect(feed.match(/^STATUS:.*$/gm)).toEqual(['STATUS:CANCELLED']);
    expect(feed.match(/^TRANSP:.*$/gm)).toEqual(['TRANSP:TRANSPARENT']);
    expect(byUid.get('old-one')?.start.toISOString()).toBe('2027-03-21T08:00:00.000Z');
    expect(feed).not.toMatch(/^(ATTENDEE|ORGANIZER)/m);
    expect(feed).toContain('X-WR-CALNAME:Pairwise: Grace Hopper');
    expect(feed).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT30M');
  });

  it('is a valid empty calendar when the user has no events: it carries its zone as a component', async () => {
    const feed = await buildCalendarFeed({ name: 'Pairwise', events: [], timeZone: 'Europe/Berlin' });
    expect(parseIcs(feed)).toEqual({ method: 'PUBLISH', events: [] });
    expect(icsGrammarViolations(feed)).toEqual([]);
    expect(feed).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n');
  });

  it('folds long lines of any script at 75 octets and they unfold to the same text', async () => {
    const description = `Zürich — 東京 — 🧑‍💻 pairing notes; ${'ünïcødé and emoji 🎉 '.repeat(12)}`;
    const feed = await buildCalendarFeed({
      name: 'Pairwise',
      events: [
        {
          uid: 'long-one',
          sequence: 0,
          startsAt: '2027-03-28T08:00:00Z',
          endsAt: '2027-03-28T09:00:00Z',
          timeZone: 'Europe/Berlin',
          summary: 'Pair-programming interview (Backend Engineer · Bowling kata)',
          description,
        },
      ],
    });
    for (const line of feed.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const [event] = parseIcs(feed).events;
    expect(event?.description).toBe(description);
    expect(feed.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1);
    expect(feed.indexOf('BEGIN:VTIMEZONE')).toBeLessThan(feed.indexOf('BEGIN:VEVENT'));
    expect(feed.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
  });

  it('folds exactly as ical-generator does', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 200 }), { maxLength: 5 }), (lines) => {
        const content = lines.join('\r\n');
        expect(foldLines(content)).toBe(libraryFoldLines(content));
      }),
    );
  });
});
