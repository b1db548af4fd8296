import { describe, expect, it } from 'vitest';
import { planningItemIds, planningItems, planningReadiness } from './planning-checklist.ts';

const manualIds = planningItems.filter((item) => item.manual).map((item) => item.id);
const evidence = { label: 'Passed in 42 s on build-01', href: '/tasks/t#rehearsal-r' };

describe('planning readiness', () => {
  it('is not ready while a required item is open', () => {
    const { ready, items } = planningReadiness(new Set(['guide_read']), { difficulty_plan: true });
    expect(ready).toBe(false);
    expect(items.find((i) => i.id === 'guide_read')?.done).toBe(true);
  });

  it('is ready without the recommended second rehearsal', () => {
    const { ready } = planningReadiness(new Set(manualIds), {
      calendar_cleared: true,
      difficulty_plan: true,
      setup_rehearsed: { done: true, evidence },
      repository_exported: { done: true },
      rehearsed_second_machine: { done: false },
    });
    expect(ready).toBe(true);
  });

  it('does not let a hand tick stand in for a computed item', () => {
    expect(planningReadiness(new Set(planningItemIds), {}).ready).toBe(false);
    const { items } = planningReadiness(new Set(planningItemIds), { difficulty_plan: true });
    expect(items.filter((item) => !item.done).map((item) => item.id)).toEqual([
      'calendar_cleared',
      'setup_rehearsed',
      'rehearsed_second_machine',
      'repository_exported',
    ]);
  });

  it('computes rehearsal and export items from evidence and carries the link to it', () => {
    expect(planningItems.filter((item) => !item.manual).map((item) => item.id)).toEqual([
      'calendar_cleared',
      'setup_rehearsed',
      'rehearsed_second_machine',
      'repository_exported',
      'difficulty_plan',
    ]);
    const { items } = planningReadiness(new Set(), {
      setup_rehearsed: { done: true, evidence },
      repository_exported: { done: false, evidence: { label: 'Export the task', href: '/tasks/t' } },
    });
    const byId = Object.fromEntries(items.map((item) => [item.id, item]));
    expect(byId.setup_rehearsed).toMatchObject({ done: true, evidence });
    expect(byId.repository_exported).toMatchObject({ done: false, evidence: { href: '/tasks/t' } });
    expect(byId.guide_read?.evidence).toBeNull();
    expect(byId.rehearsed_second_machine).toMatchObject({ done: false, evidence: null });
  });
});
