import { describe, expect, it } from 'vitest';
import { planningItemIds, planningReadiness } from './planning-checklist.ts';

describe('planning readiness', () => {
  it('is not ready while a required item is open', () => {
    const { ready, items } = planningReadiness(new Set(['calendar_cleared']), { difficulty_plan: true });
    expect(ready).toBe(false);
    expect(items.find((i) => i.id === 'calendar_cleared')?.done).toBe(true);
  });

  it('is ready without the recommended second rehearsal', () => {
    const manual = planningItemIds.filter(
      (id) => id !== 'rehearsed_second_machine' && id !== 'difficulty_plan',
    );
    expect(planningReadiness(new Set(manual), { difficulty_plan: true }).ready).toBe(true);
  });

  it('does not let a hand tick stand in for a computed item', () => {
    expect(planningReadiness(new Set(planningItemIds), {}).ready).toBe(false);
  });
});
