import { describe, expect, it } from 'vitest';
import { nextStepFor } from './next-step.ts';

describe('the next step', () => {
  it('tells a shadow still refining after the navigator reported to refine, not to wait', () => {
    expect(nextStepFor('reported', ['shadow'], 'refining')).toMatch(/Your impression is not in yet/);
    expect(nextStepFor('reported', ['shadow'], 'submitted')).toMatch(/Waiting for the line manager/);
    expect(nextStepFor('reported', ['line_manager'], null)).toMatch(/record the decision/);
  });
});
