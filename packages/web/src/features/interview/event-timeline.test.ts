import { describe, expect, it } from 'vitest';
import { describeEvent } from './event-timeline.tsx';

const event = (type: string, payload: Record<string, unknown>) => ({
  id: '00000000-0000-4000-8000-000000000000',
  seq: 1,
  type,
  at: '2030-03-05T13:00:00.000Z',
  actorName: 'Nora Navigator',
  payload,
});

describe('the timeline line of an event', () => {
  it('marks pairing cut short with its actual length', () => {
    expect(
      describeEvent(
        event('wrap', {
          from: 'pairing',
          to: 'wrap',
          cutShort: true,
          minutesLeft: 59,
          pairingLengthMinutes: 0,
        }),
      ).detail,
    ).toBe('Pairing → Wrap · pairing lasted 0 min · cut short with 59 min left (confirmed)');
  });

  it('says "Checked in" without the wellness answer when the reader does not get it', () => {
    expect(describeEvent(event('checked_in', {})).title).toBe('Checked in');
    expect(describeEvent(event('checked_in', { well: true })).title).toBe(
      'Checked in: the candidate is well',
    );
    expect(describeEvent(event('checked_in', { well: true, startedEarly: true })).detail).toBe(
      'started early (confirmed)',
    );
  });
});
