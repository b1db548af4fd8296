import { describe, expect, it } from 'vitest';
import { repositoryWindow, type WindowFacts } from './repository-window.ts';

// 14:00 in Berlin (UTC+1 in March): the window opens on its own at 13:55 Berlin time.
const planned: WindowFacts = {
  stage: 'invited',
  startsAt: '2030-03-05T13:00:00.000Z',
  setupStartedAt: null,
  pairingStartedAt: null,
  pairingMinutes: 60,
  pairingEndedAt: null,
  openedAt: null,
  closedAt: null,
  minutesBefore: 5,
  timeZone: 'Europe/Berlin',
};
const at = (iso: string) => new Date(iso);

describe('the repository access window', () => {
  it('is closed until a few minutes before the start, and says when it opens in the candidate’s zone', () => {
    const window = repositoryWindow(planned, at('2030-03-05T12:54:59.000Z'));
    expect(window).toMatchObject({ state: 'not_yet', opensAt: '2030-03-05T12:55:00.000Z', closesAt: null });
    expect(window.refusal).toBe(
      'This repository is not open yet. It opens at 13:55 on Tuesday 5 March 2030 (Europe/Berlin), ' +
        '5 minutes before your interview, or earlier if your interviewer opens it.',
    );
  });

  it('opens on schedule, at setup or on invitation, whichever is first', () => {
    expect(repositoryWindow(planned, at('2030-03-05T12:55:00.000Z'))).toMatchObject({
      state: 'open',
      openedBy: 'schedule',
      refusal: null,
    });
    const setup = { ...planned, stage: 'setup', setupStartedAt: '2030-03-05T12:40:00.000Z' };
    expect(repositoryWindow(setup, at('2030-03-05T12:41:00.000Z'))).toMatchObject({
      state: 'open',
      openedBy: 'setup',
      opensAt: '2030-03-05T12:40:00.000Z',
    });
    const invited = { ...planned, openedAt: '2030-03-04T09:00:00.000Z' };
    expect(repositoryWindow(invited, at('2030-03-04T09:00:01.000Z'))).toMatchObject({
      state: 'open',
      openedBy: 'navigator',
    });
  });

  it('closes at the alarm, even while pairing is still running', () => {
    const pairing = { ...planned, stage: 'pairing', pairingStartedAt: '2030-03-05T13:10:00.000Z' };
    expect(repositoryWindow(pairing, at('2030-03-05T14:09:59.000Z'))).toMatchObject({
      state: 'open',
      closesAt: '2030-03-05T14:10:00.000Z',
    });
    const over = repositoryWindow(pairing, at('2030-03-05T14:10:00.000Z'));
    expect(over).toMatchObject({ state: 'closed', closedBy: 'alarm' });
    expect(over.refusal).toMatch(/^Pairing has ended/);
  });

  it('closes when pairing ends early, and stays closed in every later stage', () => {
    const ended = {
      ...planned,
      stage: 'wrap',
      pairingStartedAt: '2030-03-05T13:10:00.000Z',
      pairingEndedAt: '2030-03-05T13:50:00.000Z',
    };
    expect(repositoryWindow(ended, at('2030-03-05T13:51:00.000Z'))).toMatchObject({
      state: 'closed',
      closedBy: 'pairing_ended',
      closesAt: '2030-03-05T13:50:00.000Z',
    });
    // A navigator's invitation never reopens a finished session.
    const reopened = { ...ended, stage: 'retrospective', openedAt: '2030-03-05T13:55:00.000Z' };
    expect(repositoryWindow(reopened, at('2030-03-05T13:56:00.000Z')).state).toBe('closed');
  });

  it('follows the navigator closing and reopening it', () => {
    const closed = { ...planned, openedAt: '2030-03-05T12:00:00.000Z', closedAt: '2030-03-05T12:10:00.000Z' };
    const window = repositoryWindow(closed, at('2030-03-05T12:20:00.000Z'));
    expect(window).toMatchObject({ state: 'closed', closedBy: 'navigator' });
    expect(window.refusal).toMatch(/^Your interviewer has closed/);
    const reopened = { ...closed, openedAt: '2030-03-05T12:30:00.000Z' };
    expect(repositoryWindow(reopened, at('2030-03-05T12:31:00.000Z'))).toMatchObject({
      state: 'open',
      openedBy: 'navigator',
    });
  });

  it('is closed for cancelled interviews and for ones that never started', () => {
    const cancelled = repositoryWindow({ ...planned, stage: 'cancelled' }, at('2030-03-05T13:00:00.000Z'));
    expect(cancelled).toMatchObject({ state: 'closed', closedBy: 'interview_over', opensAt: null });
    expect(cancelled.refusal).toBe('This interview is not taking place, so its repository is closed.');
    expect(repositoryWindow(planned, at('2030-03-05T19:00:00.000Z'))).toMatchObject({
      state: 'closed',
      closedBy: 'interview_over',
    });
  });

  it('moves with a rescheduled start', () => {
    const moved = { ...planned, startsAt: '2030-03-06T13:00:00.000Z' };
    expect(repositoryWindow(moved, at('2030-03-05T12:56:00.000Z')).state).toBe('not_yet');
  });
});
