import { type planInterviewRequest, unprocessable } from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { InterviewRow } from './repository.ts';

type PlanRequest = z.output<typeof planInterviewRequest>;

/** A plan whose references exist and whose start is a real instant. */
export interface CheckedPlan {
  task: Database['tasks'];
  shadowIds: string[];
  startsAt: string;
}

/** Checks a plan against the database, refusing with one message per wrong field. */
export async function checkPlan(db: Db, request: PlanRequest): Promise<CheckedPlan> {
  const [candidate, position, task, navigator] = await Promise.all([
    db.selectFrom('candidates').select('id').where('id', '=', request.candidateId).executeTakeFirst(),
    db.selectFrom('positions').select('id').where('id', '=', request.positionId).executeTakeFirst(),
    db.selectFrom('tasks').selectAll().where('id', '=', request.taskId).executeTakeFirst(),
    db.selectFrom('users').select('roles').where('id', '=', request.navigatorId).executeTakeFirst(),
  ]);
  const fields: Record<string, string> = {};
  if (!candidate) fields.candidateId = 'Choose an existing candidate.';
  if (!position) fields.positionId = 'Choose an existing position.';
  if (!task) fields.taskId = 'Choose an existing task.';
  if (!navigator || !(JSON.parse(navigator.roles) as string[]).includes('interviewer')) {
    fields.navigatorId = 'The navigator must be an interviewer.';
  }
  const shadowIds = [...new Set(request.shadowIds)];
  if (shadowIds.includes(request.navigatorId)) fields.shadowIds = 'The navigator cannot also shadow.';
  const shadows = shadowIds.length
    ? await db.selectFrom('users').select(['id', 'roles']).where('id', 'in', shadowIds).execute()
    : [];
  if (
    shadows.length !== shadowIds.length ||
    shadows.some((s) => !(JSON.parse(s.roles) as string[]).includes('interviewer'))
  ) {
    fields.shadowIds ??= 'Shadows must be interviewers.';
  }
  const startsAt = toUtc(request.startsAtLocal, request.timeZone);
  if (!startsAt) fields.startsAtLocal = 'This time does not exist in the chosen time zone (a clock change).';
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
    created_at: now,
    updated_at: now,
  };
}

/** Wall-clock time in a zone to UTC; null when the time falls into a daylight-saving gap. */
export function toUtc(local: string, zone: string): string | null {
  const dateTime = DateTime.fromISO(local, { zone });
  if (!dateTime.isValid || dateTime.toFormat("yyyy-MM-dd'T'HH:mm") !== local) return null;
  return dateTime.toUTC().toISO();
}
