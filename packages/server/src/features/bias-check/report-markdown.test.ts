import { type BiasCheckSummary, defaultFocusAttributes, type Report } from '@pairwise/domain';
import { describe, expect, it } from 'vitest';
import { renderReportMarkdown, slices } from './report-markdown.ts';

const note = {
  id: 'n1',
  authorId: 'u1',
  authorName: 'Nora Navigator',
  stage: 'pairing' as const,
  offsetMs: 125_000,
  text: 'Wrote the test | first',
  tags: [],
  createdAt: '2030-03-05T13:02:05.000Z',
  updatedAt: '2030-03-05T13:02:05.000Z',
  deleted: false,
  revisions: [{ text: 'Test first', tags: [], revisedAt: '2030-03-05T14:20:00.000Z' }],
};

const report: Report = {
  interviewId: 'i1',
  candidateName: 'Casey Candidate',
  positionTitle: 'Backend Engineer',
  taskTitle: 'Shopping list',
  navigatorName: 'Nora Navigator',
  startsAt: '2030-03-05T13:00:00.000Z',
  stage: 'reported',
  deadline: '2030-03-12',
  daysLeft: 1,
  notes: [note],
  retrospective: {
    sharedNoteIds: [],
    answers: { solution: 'Tidy', learned: '', change: 'More tests' },
    deadline: '2030-03-12',
    nextSteps: 'Lena writes.',
    updatedAt: null,
  },
  scorecards: [
    {
      authorId: 'u1',
      authorName: 'Nora Navigator',
      ratings: [
        { attribute: 'testing', score: 4, evidenceNoteIds: ['n1'] },
        { attribute: 'domain', score: 2, evidenceNoteIds: ['n1'] },
      ],
      focusAttributes: [
        ...defaultFocusAttributes,
        {
          id: 'domain',
          label: 'Domain modelling',
          anchors: ['None', 'Named things', 'Modelled', 'Taught us'],
        },
      ],
      impression: 'Test-first.\nCalm.',
      recommendation: 'yes',
      biasChecklist: {},
      submittedAt: '2030-03-05T14:30:00.000Z',
      updatedAt: '2030-03-05T14:30:00.000Z',
    },
  ],
  impressionsIn: { submitted: 1, total: 2, missing: [{ id: 'sam', name: 'Sam Shadow' }] },
  phaseLengths: [
    { phase: 'pairing', promisedMinutes: 60, actualMinutes: 41, cutShort: true },
    { phase: 'break', promisedMinutes: 10, actualMinutes: 10, cutShort: false },
    { phase: 'refinement', promisedMinutes: 30, actualMinutes: null, cutShort: false },
  ],
  decision: null,
  events: [],
  canDecide: true,
} as unknown as Report;

const checks: BiasCheckSummary[] = [
  {
    authorId: 'u1',
    authorName: 'Nora Navigator',
    findings: [
      {
        target: 'note',
        targetId: 'n1',
        ruleId: 'similarity-to-self',
        category: 'affinity',
        start: 0,
        end: 5,
        phrase: 'like me',
        message: 'm',
        suggestion: 's',
        resolution: {
          target: 'note',
          targetId: 'n1',
          ruleId: 'similarity-to-self',
          phrase: 'like me',
          resolution: 'kept',
          reason: 'Quoted the candidate.',
          resolvedAt: '2030-03-05T14:25:00.000Z',
          category: 'affinity',
          review: null,
        },
      },
    ],
    resolutions: [
      {
        target: 'note',
        targetId: 'n1',
        ruleId: 'culture-fit',
        phrase: 'culture fit',
        resolution: 'rewritten',
        reason: '',
        resolvedAt: '2030-03-05T14:20:00.000Z',
        category: 'affinity',
        review: null,
      },
    ],
    structural: [],
  },
];

describe('renderReportMarkdown', () => {
  const markdown = renderReportMarkdown(report, checks);

  it('gives the decision facts first: candidate, deadline and days left, decision state', () => {
    expect(markdown.startsWith('# Casey Candidate — Backend Engineer\n')).toBe(true);
    expect(markdown).toContain("- Candidate's deadline: 2030-03-12 (1 day left)");
    expect(markdown).toContain('- Decision: not recorded yet');
  });

  it('says how many impressions are in, who is missing, and what time was cut short', () => {
    expect(markdown).toContain('- Impressions: 1 of 2 impressions in; missing: Sam Shadow');
    expect(markdown).toContain('- Time: pairing 41 of 60 min (cut short); break 10 of 10 min; refinement —');
    const without = renderReportMarkdown(
      {
        ...report,
        decision: {
          outcome: 'offer',
          note: '',
          decidedAt: '2030-03-06T10:00:00.000Z',
          decidedByName: 'Lena Manager',
          proceededWithoutPanel: { reason: 'Sam is on leave.', missing: ['Sam Shadow'] },
        },
      },
      checks,
    );
    expect(without).toContain('- Decided without the impression of Sam Shadow: Sam is on leave.');
  });

  it('lists ratings with their anchor and timestamped evidence, escaping table pipes', () => {
    expect(markdown).toContain('Recommendation: **Yes**');
    expect(markdown).toContain('> Test-first.\n> Calm.');
    expect(markdown).toMatch(/\| Testing \/ TDD \| 4\/4 — .+ \| \[02:05\] Wrote the test \\\| first \|/);
  });

  it("rates on the scorecard's own attributes, including a position's own", () => {
    expect(markdown).toContain('| Domain modelling | 2/4 — Named things |');
  });

  it('says how each flagged phrase was resolved', () => {
    expect(markdown).toContain('- "like me" (Affinity / similarity) — kept: Quoted the candidate.');
    expect(markdown).toContain('- "culture fit" (Affinity / similarity) — rewritten');
    expect(markdown).toContain('- [02:05] Nora Navigator: Wrote the test | first _(refined)_');
  });
});

describe('slices', () => {
  it('cuts a text into slices that join back to it, never between the halves of a surrogate pair', () => {
    const text = `ab${'😀'.repeat(5)}c`;
    for (const size of [1, 2, 3, 4, 100]) {
      const parts = [...slices(text, size)];
      expect(parts.join('')).toBe(text);
      for (const part of parts) expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
    }
    expect([...slices('', 4)]).toEqual([]);
  });
});
