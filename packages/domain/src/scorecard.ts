/** What a rating is given on: a 1–4 scale, each step described by its anchor. */
export interface FocusAttribute {
  id: string;
  label: string;
  anchors: [string, string, string, string];
}

/**
 * Focus attributes fit for pairing, each on a 1–4 anchored scale. A new position
 * starts with these; an admin edits them per position.
 */
export const defaultFocusAttributes: readonly FocusAttribute[] = [
  {
    id: 'collaboration',
    label: 'Collaboration and communication',
    anchors: [
      'Worked alone; did not share thinking',
      'Shared thinking when asked',
      'Thought aloud and invited input',
      'Built on ideas together; made pairing easy',
    ],
  },
  {
    id: 'decomposition',
    label: 'Problem decomposition',
    anchors: [
      'Could not break the problem down',
      'Broke it down with help',
      'Broke it into sensible steps',
      'Chose small, valuable steps and reordered them as learning came in',
    ],
  },
  {
    id: 'testing',
    label: 'Testing / TDD',
    anchors: [
      'No tests',
      'Tests after the fact',
      'Test-first for most changes',
      'Tests drove the design; tight red-green-refactor',
    ],
  },
  {
    id: 'design',
    label: 'Design and refactoring',
    anchors: [
      'Left tangled code',
      'Some cleanup when prompted',
      'Refactored on green to clear names and structure',
      'Design improved continuously and deliberately',
    ],
  },
  {
    id: 'tooling',
    label: 'Tooling fluency',
    anchors: [
      'Struggled with the basics',
      'Got there with help',
      'Fluent with editor, tests and git',
      'Tooling sped the pair up noticeably',
    ],
  },
  {
    id: 'receptiveness',
    label: 'Receptiveness to feedback',
    anchors: [
      'Dismissed suggestions',
      'Accepted suggestions without engaging',
      'Weighed suggestions and responded',
      'Sought feedback and adapted visibly',
    ],
  },
];

export const recommendations = ['strong_yes', 'yes', 'no', 'strong_no'] as const;
export type Recommendation = (typeof recommendations)[number];
export const recommendationLabels: Record<Recommendation, string> = {
  strong_yes: 'Strong yes',
  yes: 'Yes',
  no: 'No',
  strong_no: 'Strong no',
};

export const decisionOutcomes = ['offer', 'next_round', 'decline'] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];
export const decisionLabels: Record<DecisionOutcome, string> = {
  offer: 'Make an offer',
  next_round: 'Invite to a next round',
  decline: 'Decline',
};

/** The navigator's own bias reflection before submitting. */
export const biasChecklist = [
  {
    id: 'first_impression',
    question: 'Did my first impression (before the work started) colour what I noted?',
  },
  { id: 'halo_horn', question: 'Did one strong or weak moment shape every rating (halo/horn)?' },
  { id: 'similarity', question: 'Did I rate higher because the candidate works or thinks like me?' },
  { id: 'confirmation', question: 'Did I look only for evidence confirming an early opinion?' },
  { id: 'contrast', question: 'Am I comparing with the previous candidate instead of the scale?' },
  { id: 'stereotyping', question: 'Did any assumption about a group the candidate belongs to creep in?' },
  { id: 'culture_fit', question: 'Did "culture fit" stand in for a concrete, job-related observation?' },
] as const;
export type BiasChecklistId = (typeof biasChecklist)[number]['id'];
export const biasChecklistIds = biasChecklist.map((b) => b.id) as [BiasChecklistId, ...BiasChecklistId[]];
