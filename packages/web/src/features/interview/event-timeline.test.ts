import type { InterviewEvent, StoredInterviewEvent } from '@pairwise/domain';
import { describe, expect, it } from 'vitest';
import { describeEvent } from './event-timeline.tsx';

const event = (stored: StoredInterviewEvent): InterviewEvent => ({
  id: '00000000-0000-4000-8000-000000000000',
  seq: 1,
  at: '2030-03-05T13:00:00.000Z',
  actorName: 'Nora Navigator',
  ...stored,
});

describe('the timeline line of an event', () => {
  it('marks pairing cut short with its actual length', () => {
    expect(
      describeEvent(
        event({
          type: 'wrap',
          payload: { from: 'pairing', to: 'wrap', cutShort: true, minutesLeft: 59, pairingLengthMinutes: 0 },
        }),
      ).detail,
    ).toBe('Pairing → Wrap · pairing lasted 0 min · cut short with 59 min left (confirmed)');
  });

  it('says "Checked in" without the wellness answer when the reader does not get it', () => {
    expect(describeEvent(event({ type: 'checked_in', payload: {} })).title).toBe('Checked in');
    expect(describeEvent(event({ type: 'checked_in', payload: { well: true } })).title).toBe(
      'Checked in: the candidate is well',
    );
    expect(
      describeEvent(event({ type: 'checked_in', payload: { well: true, startedEarly: true } })).detail,
    ).toBe('started early (confirmed)');
  });
});
