/**
 * The planning checklist. Items marked `manual` are ticked by the navigator
 * until a later capability computes them from evidence (calendar, credentials); the others
 * follow their evidence (rehearsals, the exported snapshot, the difficulty plan) and cannot
 * be ticked by hand.
 */
export const planningItems = [
  {
    id: 'calendar_cleared',
    label: 'Calendar cleared: a prep block before and a refinement block after',
    required: true,
    // Evidence: the blocks in each connected calendar with nothing over them, or mailed (decision 032).
    manual: false,
  },
  { id: 'guide_read', label: "Navigator has read the task's navigator guide", required: true, manual: true },
  {
    id: 'setup_rehearsed',
    label: 'Setup rehearsed from scratch within its budget, recently',
    required: true,
    manual: false,
  },
  {
    id: 'rehearsed_second_machine',
    label: 'Rehearsed on a second machine (recommended)',
    required: false,
    manual: false,
  },
  {
    id: 'repository_exported',
    label: 'Fresh candidate repository exported',
    required: true,
    manual: false,
  },
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

/** Where a computed item's state comes from (a rehearsal, a snapshot), or where to produce it. */
export interface PlanningEvidence {
  label: string;
  /** A path in the web app. */
  href: string;
}

export interface ComputedPlanningItem {
  done: boolean;
  evidence?: PlanningEvidence;
}

export interface PlanningItemState {
  id: PlanningItemId;
  label: string;
  required: boolean;
  manual: boolean;
  done: boolean;
  evidence: PlanningEvidence | null;
}

/** Readiness: every required item done. Recommended items show, but never block. */
export function planningReadiness(
  ticked: ReadonlySet<string>,
  computed: Partial<Record<PlanningItemId, boolean | ComputedPlanningItem>>,
): { items: PlanningItemState[]; ready: boolean } {
  const items = planningItems.map((item): PlanningItemState => {
    if (item.manual) return { ...item, done: ticked.has(item.id), evidence: null };
    const value = computed[item.id];
    const state = typeof value === 'boolean' ? { done: value } : (value ?? { done: false });
    return { ...item, done: state.done, evidence: state.evidence ?? null };
  });
  return { items, ready: items.every((item) => !item.required || item.done) };
}
