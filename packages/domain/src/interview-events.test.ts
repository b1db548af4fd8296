import { describe, expect, it } from 'vitest';
import { interviewEventTypes, readInterviewEvent, storedInterviewEvent } from './interview-events.ts';
import { stages } from './lifecycle.ts';

describe('reading a stored interview event', () => {
  it('keeps the fields its type promises', () => {
    expect(readInterviewEvent('tdd_marked', { phase: 'red', offsetMs: 60_000 })).toEqual({
      type: 'tdd_marked',
      payload: { phase: 'red', offsetMs: 60_000 },
    });
  });

  it('drops a field of the wrong shape rather than passing it on as the promised type', () => {
    expect(readInterviewEvent('tdd_marked', { phase: 'blue', offsetMs: 430_000 })).toEqual({
      type: 'tdd_marked',
      payload: { offsetMs: 430_000 },
    });
    expect(readInterviewEvent('lever_pulled', { leverId: 7, offsetMs: '12' })?.payload).toEqual({});
  });

  it('reads a payload that retention erased as one with every field absent', () => {
    expect(readInterviewEvent('rescheduled', {})).toEqual({ type: 'rescheduled', payload: {} });
    expect(readInterviewEvent('planned', null)).toEqual({ type: 'planned', payload: {} });
  });

  it('does not pass on fields no type declares', () => {
    expect(readInterviewEvent('candidate_confirmed', { note: 'hi' })?.payload).toEqual({});
  });

  it('returns null for a type this version does not know', () => {
    expect(readInterviewEvent('invitd', {})).toBeNull();
    expect(readInterviewEvent('__proto__', {})).toBeNull();
  });

  it('reads back every type it can record', () => {
    for (const type of interviewEventTypes) {
      expect(storedInterviewEvent.safeParse({ type, payload: {} }).success, type).toBe(true);
    }
  });

  it('has an event for entering every stage, which the generic transition records', () => {
    for (const stage of stages) expect(interviewEventTypes).toContain(stage);
  });
});
