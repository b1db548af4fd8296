import { stages } from '@pairwise/domain';
import { describe, expect, it } from 'vitest';
import { parseSingleEvent } from '../../../test/support/parse-ics.ts';
import { buildCalendarInvite } from '../../platform/calendar/calendar-invites.ts';
import { portalPhase } from '../portal/service.ts';
import {
  blockCalendarEvent,
  calendarUid,
  candidatePrivateTerms,
  panelBlocks,
  whatToBring,
} from './invitation-mail.ts';
import type { InterviewFacts } from './repository.ts';

const person = (id: string, name: string) => ({ id, name, email: `${id}@acme.example` });

function facts(overrides: Partial<InterviewFacts> = {}): InterviewFacts {
  return {
    interview: {
      id: '7b0d4a52-0000-4000-8000-000000000001',
      starts_at: '2027-03-28T08:00:00.000Z',
      time_zone: 'Europe/Berlin',
      place: 'Room 4.12',
      pairing_minutes: 60,
      setup_budget_sec: 900,
      calendar_sequence: 0,
    } as InterviewFacts['interview'],
    candidate: {
      id: 'c1',
      name: 'Ada Lovelace',
      email: 'ada@example.org',
      timeZone: 'America/New_York',
      locale: 'en',
    },
    position: { id: 'p1', title: 'Backend Engineer' },
    lineManager: person('lena', 'Lena Manager'),
    task: { title: 'Bowling kata', setupCommands: ['npm ci'], testCommand: 'npm test' },
    navigator: person('nora', 'Nora Navigator'),
    shadows: [person('sam', 'Sam Shadow')],
    ...overrides,
  };
}

describe('calendarUid', () => {
  it('is stable per interview × block × attendee and shaped like a UUID', () => {
    const uid = calendarUid('i1', 'prep', 'nora');
    expect(uid).toBe(calendarUid('i1', 'prep', 'nora'));
    expect(uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set([uid, calendarUid('i1', 'prep', 'sam'), calendarUid('i1', 'debrief', 'nora')]).size).toBe(
      3,
    );
  });
});

describe('panelBlocks', () => {
  it('gives navigator and shadows four blocks each, and the line manager the debrief', () => {
    const blocks = panelBlocks(facts()).map((b) => `${b.attendee.id}:${b.block.kind}`);
    expect(blocks).toEqual([
      'nora:prep',
      'nora:interview',
      'nora:refinement',
      'nora:debrief',
      'sam:prep',
      'sam:interview',
      'sam:refinement',
      'sam:debrief',
      'lena:debrief',
    ]);
  });

  it('does not invite a line manager who shadows to the debrief twice', () => {
    const blocks = panelBlocks(facts({ shadows: [person('lena', 'Lena Manager')] }));
    expect(blocks.filter((b) => b.attendee.id === 'lena' && b.block.kind === 'debrief')).toHaveLength(1);
  });

  it('builds panel invites that carry no candidate data', () => {
    const f = facts();
    for (const block of panelBlocks(f)) {
      const event = blockCalendarEvent(
        f,
        block,
        0,
        { name: 'Pairwise', email: 'pairwise@acme.example' },
        'https://p/i',
      );
      const invite = buildCalendarInvite('REQUEST', event, { privateTerms: candidatePrivateTerms(f) });
      expect(invite.content).not.toMatch(/Ada|Lovelace|ada@example\.org/);
      expect(parseSingleEvent(invite.content).event.uid).toBe(
        calendarUid(f.interview.id, block.block.kind, block.attendee.id),
      );
    }
  });

  it('refuses to build a panel invite when a staff-side field would leak the candidate', () => {
    const f = facts({ interview: { ...facts().interview, place: 'Call with Ada Lovelace' } });
    const [, interviewBlock] = panelBlocks(f);
    const event = blockCalendarEvent(
      f,
      interviewBlock!,
      0,
      { name: 'Pairwise', email: 'p@acme.example' },
      'https://p/i',
    );
    expect(() => buildCalendarInvite('REQUEST', event, { privateTerms: candidatePrivateTerms(f) })).toThrow(
      /private data/,
    );
    // The refusal names what the navigator typed, so they know what to change.
    expect(() =>
      buildCalendarInvite('REQUEST', event, {
        privateTerms: candidatePrivateTerms(f),
        privateTermFields: { LOCATION: 'place' },
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'unprocessable',
        fields: { place: expect.stringMatching(/candidate/) },
      }),
    );
  });
});

describe('whatToBring', () => {
  it('names the commands the repository is set up and tested with', () => {
    expect(whatToBring(facts().task)).toBe(
      'A laptop with git and the editor you like to use.\n' +
        'The interview repository is set up and tested with these commands, so please have what they need installed:\n' +
        '  npm ci\n  npm test',
    );
    expect(whatToBring({ title: 'T', setupCommands: [], testCommand: '' })).toBe(
      'A laptop with git and the editor you like to use.',
    );
  });
});

describe('portalPhase', () => {
  it('maps every stage to what the candidate needs to know, never to a panel-internal stage', () => {
    expect(Object.fromEntries(stages.map((stage) => [stage, portalPhase(stage)]))).toEqual({
      planned: 'upcoming',
      invited: 'upcoming',
      checked_in: 'upcoming',
      setup: 'in_session',
      pairing: 'in_session',
      wrap: 'after',
      break: 'after',
      retrospective: 'after',
      refinement: 'after',
      reported: 'after',
      decided: 'decided',
      cancelled: 'cancelled',
      no_show: 'closed',
    });
  });
});
