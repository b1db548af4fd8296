import { describe, expect, it } from 'vitest';
import { discloseEvents } from './disclosure.ts';

const events = [
  { type: 'wellness_recorded', payload: { well: false } },
  {
    type: 'rescheduled',
    payload: { from: 'invited', to: 'invited', reason: 'candidate_unwell', startsAt: 'x' },
  },
  { type: 'candidate_requested_reschedule', payload: { reason: 'I have a fever' } },
  { type: 'checked_in', payload: { well: true } },
];

describe('no disadvantage from rescheduling', () => {
  it('shows the panel and admins the circumstances', () => {
    expect(discloseEvents(events, ['shadow'])).toEqual(events);
    expect(discloseEvents(events, ['admin'])).toEqual(events);
  });

  it('shows the line manager "rescheduled" without a reason and no health information', () => {
    const shown = discloseEvents(events, ['line_manager']);
    expect(shown.map((e) => e.type)).toEqual(['rescheduled', 'candidate_requested_reschedule', 'checked_in']);
    expect(JSON.stringify(shown)).not.toMatch(/unwell|fever|well/);
    expect(shown[0]!.payload).toEqual({ from: 'invited', to: 'invited', startsAt: 'x' });
  });
});
