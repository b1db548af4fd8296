import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { type Action, actions, availableActions, nextStage, type Stage, stages } from './lifecycle.ts';

// The whole table, written out independently of the implementation: every (stage, action)
// pair not listed here must be refused.
const legal: Record<string, Stage> = {
  'planned/invite': 'invited',
  'invited/check_in': 'checked_in',
  'checked_in/start_setup': 'setup',
  'setup/start_pairing': 'pairing',
  'pairing/end_pairing': 'wrap',
  'wrap/start_break': 'break',
  'break/start_retrospective': 'retrospective',
  'retrospective/start_refinement': 'refinement',
  'refinement/submit_report': 'reported',
  'reported/decide': 'decided',
  'planned/reschedule': 'planned',
  'invited/reschedule': 'invited',
  'checked_in/reschedule': 'invited',
  'setup/reschedule': 'invited',
  'planned/cancel': 'cancelled',
  'invited/cancel': 'cancelled',
  'checked_in/cancel': 'cancelled',
  'setup/cancel': 'cancelled',
  'planned/mark_no_show': 'no_show',
  'invited/mark_no_show': 'no_show',
  'checked_in/mark_no_show': 'no_show',
  'setup/mark_no_show': 'no_show',
};

describe('interview lifecycle', () => {
  const pairs = stages.flatMap((stage) => actions.map((action) => [stage, action] as [Stage, Action]));

  it.each(pairs)('%s + %s follows the table', (stage, action) => {
    const expected = legal[`${stage}/${action}`];
    if (expected) {
      expect(nextStage(stage, action)).toBe(expected);
    } else {
      expect(() => nextStage(stage, action)).toThrowError(AppError);
    }
  });

  it('explains an illegal transition in words', () => {
    try {
      nextStage('setup', 'start_retrospective');
      expect.fail('should refuse');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('illegal_transition');
      expect((error as AppError).message).toMatch(/retrospective follows the break/);
    }
  });

  it('walks the happy path from planned to decided', () => {
    const path: Action[] = [
      'invite',
      'check_in',
      'start_setup',
      'start_pairing',
      'end_pairing',
      'start_break',
      'start_retrospective',
      'start_refinement',
      'submit_report',
      'decide',
    ];
    expect(path.reduce<Stage>((stage, action) => nextStage(stage, action), 'planned')).toBe('decided');
  });

  it('offers nothing once an interview is finished', () => {
    expect(availableActions('decided')).toEqual([]);
    expect(availableActions('cancelled')).toEqual([]);
    expect(availableActions('no_show')).toEqual([]);
  });

  it('never offers cancel or no-show once pairing started', () => {
    for (const stage of ['pairing', 'wrap', 'break', 'retrospective', 'refinement', 'reported'] as const) {
      expect(availableActions(stage)).not.toContain('cancel');
      expect(availableActions(stage)).not.toContain('mark_no_show');
    }
  });
});
