import { AppError } from '../errors.ts';
import { type AgendaMinutes, interviewMinutes, resolveAgendaMinutes } from './agenda.ts';
import { parseInstant, toUtcIso } from './zoned-time.ts';

export type InterviewerBlockKind = 'prep' | 'interview' | 'refinement' | 'debrief';

export interface InterviewerBlock {
  kind: InterviewerBlockKind;
  /** Calendar summary. Built only from staff-side data: invites never carry candidate details. */
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  minutes: number;
}

/**
 * Deliberately has no candidate fields: the interviewer's calendar may be visible to
 * colleagues or synced to other tools, so what cannot be passed in cannot leak.
 */
export interface InterviewerBlocksInput extends Partial<AgendaMinutes> {
  startsAt: string;
  prepMinutes?: number;
  refinementMinutes?: number;
  debriefMinutes?: number;
  /** Defaults to right after the refinement block. */
  debriefStartsAt?: string;
  positionTitle?: string;
  taskTitle?: string;
  lineManagerName?: string;
}

export const defaultInterviewerBlockMinutes = { prepMinutes: 30, refinementMinutes: 30, debriefMinutes: 30 };

function positiveMinutes(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 240) {
    throw new AppError('invalid_request', `${name} must be a whole number of minutes between 1 and 240.`, {
      [name]: 'Must be between 1 and 240 minutes.',
    });
  }
  return value;
}

/** Prep before, the interview itself, refinement right after, then the debrief with the line manager. */
export function interviewerBlocks(input: InterviewerBlocksInput): InterviewerBlock[] {
  const start = parseInstant(input.startsAt);
  const agenda = resolveAgendaMinutes(input);
  const prep = positiveMinutes(
    'prepMinutes',
    input.prepMinutes ?? defaultInterviewerBlockMinutes.prepMinutes,
  );
  const refinement = positiveMinutes(
    'refinementMinutes',
    input.refinementMinutes ?? defaultInterviewerBlockMinutes.refinementMinutes,
  );
  const debrief = positiveMinutes(
    'debriefMinutes',
    input.debriefMinutes ?? defaultInterviewerBlockMinutes.debriefMinutes,
  );

  const interview = interviewMinutes(agenda);
  const interviewEnd = start.plus({ minutes: interview });
  const refinementEnd = interviewEnd.plus({ minutes: refinement });
  const debriefStart = input.debriefStartsAt
    ? parseInstant(input.debriefStartsAt, 'debriefStartsAt')
    : refinementEnd;
  // The line manager should hear a refined, bias-checked impression, not first impressions.
  if (debriefStart < refinementEnd) {
    throw new AppError('invalid_request', 'The debrief must start after the refinement block ends.', {
      debriefStartsAt: 'Schedule the debrief after the refinement block.',
    });
  }

  const what = [input.positionTitle, input.taskTitle].filter(Boolean).join(' · ');
  const suffix = what ? ` (${what})` : '';
  const withManager = input.lineManagerName ? ` with ${input.lineManagerName}` : ' with the line manager';

  return [
    {
      kind: 'prep',
      title: `Prep: pair-programming interview${suffix}`,
      description:
        'Re-read the navigator guide and difficulty plan, check the latest rehearsal passed, ' +
        'confirm the candidate repository and credentials are ready, and open the session view.',
      startsAt: toUtcIso(start.minus({ minutes: prep })),
      endsAt: toUtcIso(start),
      minutes: prep,
    },
    {
      kind: 'interview',
      title: `Pair-programming interview${suffix}`,
      description:
        `Setup ${agenda.setupMinutes} min (not taken from pairing), pairing exactly ${agenda.pairingMinutes} min, ` +
        `break ${agenda.breakMinutes} min, retrospective ${agenda.retroMinutes} min. ` +
        'Candidate details are in Pairwise, not in this calendar entry.',
      startsAt: toUtcIso(start),
      endsAt: toUtcIso(interviewEnd),
      minutes: interview,
    },
    {
      kind: 'refinement',
      title: `Refine notes${suffix}`,
      description:
        'Refine notes while they are fresh (originals are kept), do the bias check, rate with linked evidence ' +
        'and write the impression. Keep this block free.',
      startsAt: toUtcIso(interviewEnd),
      endsAt: toUtcIso(refinementEnd),
      minutes: refinement,
    },
    {
      kind: 'debrief',
      title: `Debrief${withManager}${suffix}`,
      description: 'Walk through the submitted impression and the evidence behind it.',
      startsAt: toUtcIso(debriefStart),
      endsAt: toUtcIso(debriefStart.plus({ minutes: debrief })),
      minutes: debrief,
    },
  ];
}
