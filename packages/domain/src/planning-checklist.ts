/**
 * The planning checklist of DESIGN §2.1. Items marked `manual` are ticked by the navigator
 * until a later capability computes them from evidence (rehearsals, exports, calendar).
 */
export const planningItems = [
  {
    id: 'calendar_cleared',
    label: 'Calendar cleared: a prep block before and a refinement block after',
    required: true,
    manual: true,
  },
  { id: 'guide_read', label: "Navigator has read the task's navigator guide", required: true, manual: true },
  {
    id: 'setup_rehearsed',
    label: 'Setup rehearsed from scratch within its budget, recently',
    required: true,
    manual: true,
  },
  {
    id: 'rehearsed_second_machine',
    label: 'Rehearsed on a second machine (recommended)',
    required: false,
    manual: true,
  },
  { id: 'repository_exported', label: 'Fresh candidate repository exported', required: true, manual: true },
  {
    id: 'credentials_ready',
    label: 'Candidate repository credentials ready to release before pairing',
    required: true,
    manual: true,
  },
  { id: 'difficulty_plan', label: 'Difficulty plan chosen', required: true, manual: false },
] as const;

export type PlanningItemId = (typeof planningItems)[number]['id'];
export const planningItemIds = planningItems.map((item) => item.id) as [PlanningItemId, ...PlanningItemId[]];

export interface PlanningItemState {
  id: PlanningItemId;
  label: string;
  required: boolean;
  manual: boolean;
  done: boolean;
}

/** Readiness: every required item done. Recommended items show, but never block. */
export function planningReadiness(
  ticked: ReadonlySet<string>,
  computed: Partial<Record<PlanningItemId, boolean>>,
): { items: PlanningItemState[]; ready: boolean } {
  const items = planningItems.map((item) => ({
    ...item,
    done: item.manual ? ticked.has(item.id) : (computed[item.id] ?? false),
  }));
  return { items, ready: items.every((item) => !item.required || item.done) };
}
