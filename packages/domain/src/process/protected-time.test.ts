import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { guardDayOfStep, guardPhaseEnd, minutesLeft, phaseLengths } from './protected-time.ts';
import {
  genericTransitionRefusal,
  guardRefinementEnd,
  guardTransition,
  type TransitionFacts,
} from './transitions.ts';

const start = '2030-03-05T13:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(start) + minutes * 60_000);

const facts: TransitionFacts = {
  stage: 'pairing',
  startsAt: start,
  pairingStartedAt: start,
  pairingMinutes: 60,
  breakStartedAt: null,
  repositoryDeletionConfirmed: false,
  deadlineRecorded: false,
  checklistReady: true,
};

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('Expected a refusal');
}

describe('protected time', () => {
  it('refuses to end pairing 33 seconds in without a confirmation, naming the minutes left', () => {
    const error = refusal(() => guardTransition('end_pairing', facts, at(0.55)));
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/60 minutes of the promised 60 left/);
    expect(error.fields).toHaveProperty('confirmEarly');
    expect(error.details).toMatchObject({ phase: 'pairing', minutesLeft: 60 });
  });

  it('records a confirmed early end as cut short, and needs nothing once the alarm rang', () => {
    expect(guardTransition('end_pairing', facts, at(20), { confirmEarly: true })).toEqual({
      next: 'wrap',
      recorded: { cutShort: true, minutesLeft: 40 },
    });
    expect(guardTransition('end_pairing', facts, at(60)).recorded).toEqual({});
  });

  it('keeps the 10-minute break and the 30-minute refinement', () => {
    const onBreak = { ...facts, stage: 'break' as const, breakStartedAt: start };
    expect(refusal(() => guardTransition('start_retrospective', onBreak, at(0.01))).message).toMatch(
      /End the break with 10 minutes/,
    );
    expect(guardTransition('start_retrospective', onBreak, at(10)).next).toBe('retrospective');
    expect(refusal(() => guardRefinementEnd(start, at(0.2), false)).message).toMatch(
      /Submit with 30 minutes of the promised 30 left/,
    );
    expect(guardRefinementEnd(start, at(0.2), true)).toEqual({ cutShort: true, minutesLeft: 30 });
    expect(guardRefinementEnd(start, at(31), false)).toEqual({});
  });

  it('rounds minutes left up, so one second before the end still counts', () => {
    expect(minutesLeft(start, 60, at(59.99))).toBe(1);
    expect(minutesLeft(start, 60, at(61))).toBe(0);
    expect(guardPhaseEnd('pairing', null, 60, at(0), false).cutShort).toBe(false);
  });

  it('asks for "start early" before check-in or setup more than 2 hours ahead, and records it', () => {
    const invited = { ...facts, stage: 'invited' as const };
    const twoWeeks = new Date(Date.parse(start) - 13 * 24 * 3_600_000);
    expect(refusal(() => guardTransition('check_in', invited, twoWeeks)).message).toMatch(
      /starts in 13 days/,
    );
    expect(guardTransition('check_in', invited, twoWeeks, { startEarly: true }).recorded).toEqual({
      startedEarly: true,
    });
    expect(guardTransition('check_in', invited, at(-119)).recorded).toEqual({});
    expect(refusal(() => guardDayOfStep('Setup', start, at(-121), false)).fields).toHaveProperty(
      'startEarly',
    );
  });

  it('measures what each phase actually lasted and marks the ones cut short', () => {
    expect(
      phaseLengths({
        pairingStartedAt: start,
        pairingEndedAt: at(0.55).toISOString(),
        pairingMinutes: 60,
        breakStartedAt: at(1).toISOString(),
        retrospectiveStartedAt: at(11).toISOString(),
        refinementStartedAt: at(30).toISOString(),
        reportedAt: null,
      }),
    ).toEqual([
      { phase: 'pairing', promisedMinutes: 60, actualMinutes: 0, cutShort: true },
      { phase: 'break', promisedMinutes: 10, actualMinutes: 10, cutShort: false },
      { phase: 'refinement', promisedMinutes: 30, actualMinutes: null, cutShort: false },
    ]);
  });
});

describe('transition preconditions', () => {
  it('keeps the preconditions of the break, refinement and invitation with their refusal', () => {
    const wrap = { ...facts, stage: 'wrap' as const };
    expect(refusal(() => guardTransition('start_break', wrap, at(70))).status).toBe(422);
    const retro = { ...facts, stage: 'retrospective' as const };
    expect(refusal(() => guardTransition('start_refinement', retro, at(90))).fields).toHaveProperty(
      'deadline',
    );
    const planned = { ...facts, stage: 'planned' as const, checklistReady: false };
    expect(refusal(() => guardTransition('invite', planned, at(-9000))).fields).toHaveProperty(
      'notReadyReason',
    );
    expect(
      guardTransition('invite', planned, at(-9000), { notReadyReason: 'Rehearsed on paper' }).recorded,
    ).toEqual({ checklistNotReady: true, notReadyReason: 'Rehearsed on paper' });
  });

  it('sends the invitation, a new time and a cancellation only from their preview', () => {
    expect(genericTransitionRefusal('invite', 'planned')?.message).toMatch(/from its preview/);
    expect(genericTransitionRefusal('end_pairing', 'pairing')).toBeNull();
    for (const stage of ['invited', 'checked_in', 'setup'] as const) {
      expect(genericTransitionRefusal('reschedule', stage)?.fields).toHaveProperty('previewDigest');
      expect(genericTransitionRefusal('cancel', stage)?.message).toMatch(/preview that mail/);
    }
    // Nobody was invited: nothing is sent, so the plan moves or ends without a preview.
    expect(genericTransitionRefusal('reschedule', 'planned')).toBeNull();
    expect(genericTransitionRefusal('cancel', 'planned')).toBeNull();
  });
});
