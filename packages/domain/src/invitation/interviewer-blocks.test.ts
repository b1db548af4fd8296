import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { interviewerBlocks } from './interviewer-blocks.ts';

describe('interviewerBlocks', () => {
  it('places prep before, refinement right after and the debrief right after refinement', () => {
    const blocks = interviewerBlocks({ startsAt: '2027-03-28T08:00:00Z' });
    expect(blocks.map((b) => [b.kind, b.startsAt, b.endsAt, b.minutes])).toEqual([
      ['prep', '2027-03-28T07:30:00Z', '2027-03-28T08:00:00Z', 30],
      ['interview', '2027-03-28T08:00:00Z', '2027-03-28T09:45:00Z', 105],
      ['refinement', '2027-03-28T09:45:00Z', '2027-03-28T10:15:00Z', 30],
      ['debrief', '2027-03-28T10:15:00Z', '2027-03-28T10:45:00Z', 30],
    ]);
  });

  it('follows the agenda durations and custom block lengths', () => {
    const blocks = interviewerBlocks({
      startsAt: '2027-03-28T08:00:00Z',
      setupMinutes: 5,
      pairingMinutes: 60,
      breakMinutes: 5,
      retroMinutes: 15,
      prepMinutes: 45,
      debriefMinutes: 20,
    });
    expect(blocks[0]?.startsAt).toBe('2027-03-28T07:15:00Z');
    expect(blocks[1]?.endsAt).toBe('2027-03-28T09:25:00Z');
    expect(blocks[2]?.endsAt).toBe('2027-03-28T09:55:00Z');
    expect(blocks[3]?.endsAt).toBe('2027-03-28T10:15:00Z');
  });

  it('accepts a later debrief but never one before the refinement is done', () => {
    const later = interviewerBlocks({
      startsAt: '2027-03-28T08:00:00Z',
      debriefStartsAt: '2027-03-28T14:00:00+02:00',
    });
    expect(later[3]?.startsAt).toBe('2027-03-28T12:00:00Z');
    expect(() =>
      interviewerBlocks({ startsAt: '2027-03-28T08:00:00Z', debriefStartsAt: '2027-03-28T10:00:00Z' }),
    ).toThrow(AppError);
  });

  it('builds titles from staff-side data only', () => {
    const blocks = interviewerBlocks({
      startsAt: '2027-03-28T08:00:00Z',
      positionTitle: 'Backend Engineer',
      taskTitle: 'Bowling kata',
      lineManagerName: 'Lin',
    });
    expect(blocks.map((b) => b.title)).toEqual([
      'Prep: pair-programming interview (Backend Engineer · Bowling kata)',
      'Pair-programming interview (Backend Engineer · Bowling kata)',
      'Refine notes (Backend Engineer · Bowling kata)',
      'Debrief with Lin (Backend Engineer · Bowling kata)',
    ]);
  });
});
