import {
  AppError,
  type BlockMinutes,
  type DayDurations,
  dayDurationsOf,
  defaultDayDurations,
  guardStartInFuture,
  type HolidayCheck,
  localTimeToUtc,
  type PlanningOverlapView,
  type PlanPreview,
  type planInterviewRequest,
  planningOverlaps,
  planningWarnings,
  type Stage,
  setupMinutesFor,
  unprocessable,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { mentionsPrivateTerm } from '../../platform/calendar/calendar-invites.ts';
import { toJsonColumn } from '../../platform/db/json-column.ts';
import type { Database } from '../../platform/db/schema.ts';
import { type Executor, type InterviewRow, InterviewsRepository } from './repository.ts';

type PlanRequest = z.output<typeof planInterviewRequest>;

/** A plan whose references exist and whose start is a real instant. */
export interface CheckedPlan {
  task: Database['tasks'];
  shadowIds: string[];
  startsAt: string;
}

/** Checks a plan against the database, refusing with one message per wrong field. */
export async function checkPlan(
  interviews: InterviewsRepository,
  request: PlanRequest,
): Promise<CheckedPlan> {
  const { candidate, position, task, navigator } = await interviews.planReferences(request);
  const fields: Record<string, string> = {};
  if (!candidate) fields.candidateId = 'Choose an existing candidate.';
  // The place goes into the panel's calendar entries, which colleagues may see.
  else if (mentionsPrivateTerm(request.place, [candidate.name, candidate.email])) {
    fields.place =
      "Leave the candidate's name and address out of the place: it appears in the panel's calendar entries.";
  }
  if (!position) fields.positionId = 'Choose an existing position.';
  if (!task) fields.taskId = 'Choose an existing task.';
  if (!navigator?.roles.includes('interviewer')) {
    fields.navigatorId = 'The navigator must be an interviewer.';
  } else if (navigator.active !== 1) {
    // A deactivated account is on no new panel (it was deprovisioned or disabled).
    fields.navigatorId = "The navigator's account is deactivated.";
  }
  const shadowIds = [...new Set(request.shadowIds)];
  if (shadowIds.includes(request.navigatorId)) fields.shadowIds = 'The navigator cannot also shadow.';
  const shadows = await interviews.panelAccounts(shadowIds);
  if (shadows.length !== shadowIds.length || shadows.some((s) => !s.roles.includes('interviewer'))) {
    fields.shadowIds ??= 'Shadows must be interviewers.';
  } else if (shadows.some((s) => s.active !== 1)) {
    fields.shadowIds ??= "A shadow's account is deactivated.";
  }
  let startsAt: string | null = null;
  try {
    startsAt = localTimeToUtc(request.startsAtLocal, request.timeZone, request.startsAtOccurrence);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    Object.assign(fields, error.fields);
  }
  if (Object.keys(fields).length > 0 || !task || !startsAt) {
    throw unprocessable('The interview plan is incomplete.', fields);
  }
  return { task, shadowIds, startsAt };
}

/** The row of a newly planned interview: stage 'planned', every phase and check still empty. */
export function plannedInterviewRow(
  id: string,
  request: PlanRequest,
  plan: CheckedPlan,
  snapshotId: string | null,
  now: string,
  durations: DayDurations = defaultDayDurations,
): InterviewRow {
  return {
    id,
    candidate_id: request.candidateId,
    position_id: request.positionId,
    task_id: request.taskId,
    navigator_id: request.navigatorId,
    starts_at: plan.startsAt,
    time_zone: request.timeZone,
    place: request.place,
    stage: 'planned',
    // Copied so later edits to the task never change the length of a planned session.
    pairing_minutes: plan.task.pairing_minutes,
    setup_budget_sec: plan.task.setup_budget_sec,
    calendar_sequence: 0,
    checklist: '[]',
    difficulty_plan: '[]',
    wellness: null,
    setup_started_at: null,
    pairing_started_at: null,
    pairing_ended_at: null,
    break_started_at: null,
    retrospective_started_at: null,
    refinement_started_at: null,
    repository_deletion_confirmed_at: null,
    snapshot_id: snapshotId,
    // Copied like the pairing length: a later setting never changes an announced interview.
    day_durations: toJsonColumn(durations),
    created_at: now,
    updated_at: now,
  };
}

export interface GuardInput {
  navigatorId: string;
  shadowIds: string[];
  startsAt: string;
  timeZone: string;
  pairingMinutes: number;
  setupMinutes: number;
  /** The day's lengths: the settings for a new plan, the interview's own copy for a new time. */
  durations?: DayDurations;
  /** The interview being rescheduled, which never overlaps itself. */
  interviewId?: string;
}

/** Stages whose interview no longer holds anyone's time. */
const releasedStages: Stage[] = ['cancelled', 'no_show'];
// Far wider than any prep-to-debrief span, so the query needs only the start index.
const SEARCH_WINDOW_HOURS = 24;

/**
 * The other live interviews that book any of the panel at overlapping times, as the reader may
 * see them: the candidate is named only to readers on that interview and to admins.
 */
export async function findOverlaps(
  // An executor reads through the same queries, inside a caller's transaction when it is one.
  source: InterviewsRepository | Executor,
  reader: { id: string; admin: boolean },
  input: GuardInput,
): Promise<PlanningOverlapView[]> {
  const interviews = source instanceof InterviewsRepository ? source : new InterviewsRepository(source);
  const panel = [input.navigatorId, ...input.shadowIds];
  const start = DateTime.fromISO(input.startsAt, { zone: 'utc' });
  const rows = await interviews.overlapCandidates(
    panel,
    {
      after: start.minus({ hours: SEARCH_WINDOW_HOURS }).toISO()!,
      before: start.plus({ hours: SEARCH_WINDOW_HOURS }).toISO()!,
    },
    releasedStages,
  );
  if (rows.length === 0) return [];
  const shadows = await interviews.shadowsOfInterviews(rows.map((row) => row.id));
  const shadowsOf = (id: string) => shadows.filter((s) => s.interview_id === id).map((s) => s.user_id);
  const overlaps = planningOverlaps(
    {
      id: input.interviewId,
      startsAt: input.startsAt,
      pairingMinutes: input.pairingMinutes,
      setupMinutes: input.setupMinutes,
      ...(input.durations ? { blockMinutes: blockMinutesOfDurations(input.durations) } : {}),
      panelIds: panel,
    },
    rows.map((row) => ({
      id: row.id,
      startsAt: row.starts_at,
      pairingMinutes: row.pairing_minutes,
      setupMinutes: setupMinutesFor(row.setup_budget_sec),
      blockMinutes: blockMinutesOfDurations(dayDurationsOf(row.day_durations)),
      navigatorId: row.navigator_id,
      shadowIds: shadowsOf(row.id),
    })),
  );
  if (overlaps.length === 0) return [];
  const people = await interviews.userNames([...new Set(overlaps.flatMap((o) => o.personIds))]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return overlaps.map((overlap) => {
    const row = byId.get(overlap.interviewId)!;
    const onIt = row.navigator_id === reader.id || shadowsOf(row.id).includes(reader.id);
    return {
      interviewId: overlap.interviewId,
      startsAt: overlap.startsAt,
      endsAt: overlap.endsAt,
      candidateName: onIt || reader.admin ? row.candidate_name : null,
      people: overlap.personIds.map((id) => ({ id, name: people.find((p) => p.id === id)?.name ?? '' })),
    };
  });
}

/** What the guards say about a time: refusals by field, overlaps and warnings. */
export async function previewPlan(
  interviews: InterviewsRepository,
  reader: { id: string; admin: boolean },
  input: GuardInput,
  now: Date,
  isHoliday?: HolidayCheck,
): Promise<PlanPreview> {
  const fields: Record<string, string> = {};
  try {
    guardStartInFuture(input.startsAt, now);
  } catch (error) {
    if (error instanceof AppError && error.fields) Object.assign(fields, error.fields);
    else throw error;
  }
  return {
    fields,
    overlaps: await findOverlaps(interviews, reader, input),
    warnings: planningWarnings({ startsAt: input.startsAt, timeZone: input.timeZone, now, isHoliday }),
    // Connected calendars are asked by the service, which holds them (decision 032).
    calendarConflicts: [],
    unknownCalendars: [],
  };
}

/** The busy span's lengths from the day's durations: the panel's refinement is its calendar block. */
function blockMinutesOfDurations(durations: DayDurations): BlockMinutes {
  return {
    breakMinutes: durations.breakMinutes,
    retroMinutes: durations.retroMinutes,
    prepMinutes: durations.prepMinutes,
    refinementMinutes: durations.refinementBlockMinutes,
    debriefMinutes: durations.debriefMinutes,
  };
}
