import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { setupMinutesFor } from './agenda.ts';
import { renderDecisionMessage } from './decision-message.ts';
import {
  renderCancellation,
  renderDayBeforeReminder,
  renderInvitation,
  renderRescheduledInvitation,
} from './invitation-content.ts';
import type { InvitationInput } from './invitation-input.ts';
import { canonicalTimeZone, zonedLocalToUtc } from './zoned-time.ts';

// Planned by a navigator sitting in New York for an interview held in Berlin on the day
// Berlin switches to summer time (last Sunday of March 2027).
const berlinMorning = zonedLocalToUtc('2027-03-28T10:00', 'Europe/Berlin');

function invitation(overrides: Partial<InvitationInput> = {}): InvitationInput {
  return {
    candidate: { name: 'Ada Lovelace', timeZone: 'America/New_York' },
    startsAt: berlinMorning,
    interviewTimeZone: 'Europe/Berlin',
    place: 'https://meet.example.com/pairwise-7f3a',
    task: { title: 'Bowling score kata', whatToBring: 'Node.js 20 or newer and git.\nYour usual editor.' },
    contact: { name: 'Sam Rivera', email: 'sam.rivera@example.com' },
    portalUrl: 'https://pairwise.example.com/p/3q8vJx2mT0bYk1nZ',
    navigatorName: 'Grace Hopper',
    ...overrides,
  };
}

const FAULT_WORDS = /sorry|unfortunately|fault|because you|your request|you missed|no-show|failed|penalt/i;

describe('renderInvitation across the DST boundary', () => {
  it('converts 10:00 Berlin on 2027-03-28 to 08:00 UTC (summer time already in force)', () => {
    expect(berlinMorning).toBe('2027-03-28T08:00:00Z');
  });

  it('shows a New York candidate their own time (EDT) and the interviewer time in Berlin (CEST)', () => {
    const content = renderInvitation(invitation());
    expect(content.subject).toBe(
      'Invitation: pair-programming interview on Sunday 28 March 2027, 04:00 (America/New_York)',
    );
    expect(content.text).toContain('When:  Sunday 28 March 2027, 04:00–05:45 (America/New_York, UTC-04:00)');
    expect(content.text).toContain('For your interviewer: 10:00–11:45 (Europe/Berlin, UTC+02:00)');
    expect(content.text).toContain('04:15–05:15  Pairing: exactly one hour');
    expect(content.text).toContain('(times in America/New_York, UTC-04:00)');
    expect(content.agenda[0]?.startsAt).toBe('2027-03-28T08:00:00Z');
    expect(content.endsAt).toBe('2027-03-28T09:45:00Z');
  });

  it('shows a Berlin candidate 10:00 CEST and no second zone', () => {
    const content = renderInvitation(invitation({ candidate: { name: 'Ada', timeZone: 'Europe/Berlin' } }));
    expect(content.text).toContain('When:  Sunday 28 March 2027, 10:00–11:45 (Europe/Berlin, UTC+02:00)');
    expect(content.text).toContain('10:15–11:15  Pairing: exactly one hour');
    expect(content.text).not.toContain('For your interviewer');
    expect(content.html).toContain('10:00–11:45 (Europe/Berlin, UTC+02:00)');
  });

  it('names the date the interviewer sees when it differs from the candidate date', () => {
    const content = renderInvitation(
      invitation({ candidate: { name: 'Ada', timeZone: 'Pacific/Honolulu' } }),
    );
    expect(content.text).toContain(
      'When:  Saturday 27 March 2027, 22:00–23:45 (Pacific/Honolulu, UTC-10:00)',
    );
    expect(content.text).toContain('For your interviewer: Sunday 28 March 2027, 10:00–11:45 (Europe/Berlin');
  });
});

describe('renderInvitation content', () => {
  const content = renderInvitation(invitation({ shadowNames: ['Linus'] }));

  it.each([
    ['the agenda', /Setup: install and clone \(not taken from your pairing time\)/],
    ['exactly one hour of pairing', /Pairing: exactly one hour/],
    ['a short break', /A short break/],
    ['a retrospective over coffee', /short retrospective over coffee/],
    ['collaboration, not finishing', /about collaboration, not about finishing/],
    [
      'the interviewer takes notes and why',
      /Grace Hopper will take notes.*nothing has to be recalled from memory.*fairly/s,
    ],
    ['questions and web searches are welcome', /Questions are welcome.*searching the web.*is fine/s],
    ['what to install', /Node\.js 20 or newer and git\.\nYour usual editor\./],
    ['who to contact', /Your contact: Sam Rivera <sam\.rivera@example\.com>/],
    ['the portal link', /https:\/\/pairwise\.example\.com\/p\/3q8vJx2mT0bYk1nZ/],
    ['no disadvantage in asking for another time', /Asking for another time carries no disadvantage/],
    ['the second interviewer up front', /Linus will also join as a second interviewer/],
    ['the video link', /Where: Video call: https:\/\/meet\.example\.com\/pairwise-7f3a/],
  ])('states %s in the text part', (_what, pattern) => {
    expect(content.text).toMatch(pattern);
  });

  it('carries the same essentials in the HTML part, with links', () => {
    expect(content.html).toContain('<a href="https://pairwise.example.com/p/3q8vJx2mT0bYk1nZ">');
    expect(content.html).toContain('<a href="https://meet.example.com/pairwise-7f3a">');
    expect(content.html).toContain('<a href="mailto:sam.rivera@example.com">');
    expect(content.html).toContain('Pairing: exactly one hour');
    expect(content.html).toContain('carries no disadvantage');
  });

  it('puts the agenda, not staff details, in the calendar description', () => {
    expect(content.calendarDescription).toContain('Pairing: exactly one hour');
    expect(content.calendarDescription).toContain('Portal: https://pairwise.example.com/p/3q8vJx2mT0bYk1nZ');
  });

  it('shows a room as plain text', () => {
    const room = renderInvitation(invitation({ place: 'Room 4.12, Main Street 1, Berlin' }));
    expect(room.text).toContain('Where: Room 4.12, Main Street 1, Berlin');
  });

  it('says "exactly N minutes" when the task sets another pairing length', () => {
    const longer = renderInvitation(invitation({ agendaMinutes: { pairingMinutes: 90 } }));
    expect(longer.text).toContain('Pairing then lasts exactly 90 minutes');
    expect(longer.endsAt).toBe('2027-03-28T10:15:00Z');
  });
});

describe('HTML escaping', () => {
  const evil = '<script>alert("x")</script>&\'';
  const content = renderInvitation(
    invitation({
      candidate: { name: evil, timeZone: 'Europe/Berlin' },
      place: `Room ${evil}`,
      task: { title: evil, whatToBring: `${evil}\n${evil}` },
      contact: { name: evil, email: 'sam@example.com' },
      navigatorName: evil,
      shadowNames: [evil],
      organizationName: evil,
      positionTitle: evil,
    }),
  );

  it('escapes every input in the HTML part', () => {
    expect(content.html).not.toContain('<script>');
    expect(content.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    // The raw text part keeps the characters as typed: it is not HTML.
    expect(content.text).toContain(evil);
  });

  it('refuses a portal link that is not http(s)', () => {
    expect(() => renderInvitation(invitation({ portalUrl: 'javascript:alert(1)' }))).toThrow(AppError);
  });

  it('never turns a non-web place into a link', () => {
    const odd = renderInvitation(invitation({ place: 'javascript:alert(1)' }));
    expect(odd.html).not.toContain('href="javascript');
  });

  it('reports invalid fields by path', () => {
    try {
      renderInvitation(invitation({ candidate: { name: '', timeZone: 'Nowhere/Town' } }));
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).fields).toMatchObject({
        'candidate.name': expect.any(String),
        'candidate.timeZone': 'Unknown time zone.',
      });
    }
  });
});

describe('renderRescheduledInvitation', () => {
  it('states the new and previous time, repeats everything, and implies no fault', () => {
    const content = renderRescheduledInvitation({
      ...invitation(),
      previousStartsAt: '2027-03-21T09:00:00Z',
    });
    expect(content.subject).toBe(
      'New time: pair-programming interview on Sunday 28 March 2027, 04:00 (America/New_York)',
    );
    expect(content.text).toContain('New time:      Sunday 28 March 2027, 04:00 (America/New_York)');
    expect(content.text).toContain('Previous time: Sunday 21 March 2027, 05:00 (America/New_York)');
    expect(content.text).toContain('Pairing: exactly one hour');
    expect(content.text).toContain('carries no disadvantage');
    expect(content.text).not.toMatch(FAULT_WORDS);
  });

  it('names a new place when only the place changed', () => {
    const content = renderRescheduledInvitation({
      ...invitation({ place: 'Room 2' }),
      previousStartsAt: berlinMorning,
      previousPlace: 'Room 1',
    });
    expect(content.subject).toMatch(/^New place: /);
    expect(content.text).toContain('New place: Room 2');
    expect(content.text).not.toContain('Previous time');
  });
});

describe('renderCancellation', () => {
  it('states the cancellation plainly, in the candidate zone, without implying fault', () => {
    const content = renderCancellation({
      candidate: { name: 'Ada', timeZone: 'Europe/Berlin' },
      startsAt: berlinMorning,
      interviewTimeZone: 'Europe/Berlin',
      contact: { name: 'Sam Rivera', email: 'sam.rivera@example.com' },
    });
    expect(content.subject).toBe(
      'Cancelled: pair-programming interview on Sunday 28 March 2027, 10:00 (Europe/Berlin)',
    );
    expect(content.text).toContain('is cancelled');
    expect(content.text).toContain('you do not need to do anything');
    expect(content.text).toContain('sam.rivera@example.com');
    expect(content.text).not.toMatch(FAULT_WORDS);
    expect(content.html).toContain('<a href="mailto:sam.rivera@example.com">');
  });
});

describe('renderDecisionMessage', () => {
  const base = {
    candidate: { name: 'Ada' },
    lineManager: { name: 'Lin Meyer', title: 'Engineering Manager' },
    contact: { name: 'Sam Rivera', email: 'sam.rivera@example.com' },
    portalUrl: 'https://pairwise.example.com/p/3q8vJx2mT0bYk1nZ',
    positionTitle: 'Backend Engineer',
  };

  it('wraps the manager text verbatim in text and escaped in HTML', () => {
    const content = renderDecisionMessage({
      ...base,
      message: 'Thank you!\n\nWe would <b>love</b> to continue.',
    });
    expect(content.subject).toBe('About your interview for Backend Engineer');
    expect(content.text).toBe(
      'Hello Ada,\n\nThank you!\n\nWe would <b>love</b> to continue.\n\nLin Meyer\nEngineering Manager\n\n' +
        'Questions? Sam Rivera is happy to help: sam.rivera@example.com\n' +
        'Your portal: https://pairwise.example.com/p/3q8vJx2mT0bYk1nZ\n',
    );
    expect(content.html).toContain('<p>We would &lt;b&gt;love&lt;/b&gt; to continue.</p>');
  });

  it('does not add a second greeting when the manager wrote one', () => {
    const content = renderDecisionMessage({ ...base, message: 'Dear Ada,\n\nthank you.' });
    expect(content.text.startsWith('Dear Ada,')).toBe(true);
  });

  it('refuses an empty message', () => {
    expect(() => renderDecisionMessage({ ...base, message: '   ' })).toThrow(AppError);
  });
});

describe('renderDayBeforeReminder', () => {
  it("repeats the agenda in the candidate's zone, says when cloning opens, and links the portal", () => {
    const content = renderDayBeforeReminder({
      ...invitation({ agendaMinutes: { setupMinutes: 30 } }),
      cloneOpensMinutesBefore: 5,
    });
    expect(content.subject).toBe(
      'Reminder: pair-programming interview on Sunday 28 March 2027, 04:00 (America/New_York)',
    );
    expect(content.text).toContain('04:00–04:30  Setup');
    expect(content.text).toContain('04:30–05:30  Pairing: exactly one hour');
    expect(content.text).toContain('Node.js 20 or newer and git.');
    expect(content.text).toContain('From 03:55 (America/New_York), 5 minutes before the start');
    expect(content.text).toContain('https://pairwise.example.com/p/3q8vJx2mT0bYk1nZ');
    expect(content.html).toContain('From 03:55 (America/New_York)');
    expect(`${content.subject}\n${content.text}`).not.toMatch(FAULT_WORDS);
  });
});

describe('setupMinutesFor and canonicalTimeZone', () => {
  it('rounds a setup budget up to whole minutes, so setup never eats into pairing', () => {
    expect(setupMinutesFor(300)).toBe(5);
    expect(setupMinutesFor(1800)).toBe(30);
    expect(setupMinutesFor(90)).toBe(2);
    expect(setupMinutesFor(10)).toBe(1);
  });

  it('names zones as the IANA database does today', () => {
    expect(canonicalTimeZone('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('Europe/Kiev')).toBe('Europe/Kyiv');
    expect(canonicalTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
  });
});
