import { z } from 'zod';
import { stages } from './lifecycle.ts';
import { decisionOutcomes } from './scorecard.ts';
import { tddPhases } from './tdd-rhythm.ts';

/**
 * Every event the interview log can hold, with its payload: the one list that the event log's
 * `record()`, its subscribers, the live channel and the web timeline share. A type that is not
 * here does not compile, so a typo can no longer silently stop a candidate's invitation.
 */

const stage = z.enum(stages);

/** What every stage change records: where it came from and what the person confirmed on the way. */
const stageChange = z.object({
  from: stage,
  to: stage,
  /** A protected phase (pairing, break) was ended before its time, confirmed. */
  cutShort: z.literal(true).optional(),
  minutesLeft: z.number().optional(),
  /** A day-of step taken more than the allowed hours before the start, confirmed. */
  startedEarly: z.literal(true).optional(),
});

export const rescheduleReasons = [
  'candidate_unwell',
  'candidate_request',
  'interviewer_request',
  'other',
] as const;

export const interviewEventPayloads = {
  planned: z.object({
    startsAt: z.string(),
    timeZone: z.string(),
    /** How many of the people's other bookings this one overlaps, confirmed by the planner. */
    overlapConfirmed: z.number().optional(),
    /** Busy times in the people's connected calendars this plan meets, confirmed by the planner. */
    calendarConflictsConfirmed: z.number().optional(),
    /** Why the planner booked over a conflict. */
    conflictReason: z.string().optional(),
  }),
  invited: stageChange.extend({
    checklistNotReady: z.literal(true).optional(),
    notReadyReason: z.string().optional(),
  }),
  checked_in: stageChange.extend({ well: z.literal(true) }),
  /** The candidate said they are not well: the interview is rescheduled with no disadvantage. */
  wellness_recorded: z.object({ well: z.literal(false), startedEarly: z.literal(true).optional() }),
  setup: stageChange,
  pairing: stageChange.extend({ pairingMinutes: z.number() }),
  wrap: stageChange.extend({ pairingLengthMinutes: z.number().nullable() }),
  break: stageChange,
  retrospective: stageChange.extend({ breakLengthMinutes: z.number().nullable() }),
  refinement: stageChange,
  reported: stageChange,
  scorecard_submitted: z.object({ cutShort: z.literal(true).optional(), minutesLeft: z.number().optional() }),
  decided: stageChange.extend({
    outcome: z.enum(decisionOutcomes),
    proceededWithoutPanel: z.object({ reason: z.string(), missing: z.array(z.string()) }).optional(),
  }),
  rescheduled: stageChange.extend({
    previousStartsAt: z.string(),
    startsAt: z.string(),
    timeZone: z.string(),
    reason: z.enum(rescheduleReasons),
    overlapConfirmed: z.number().optional(),
    calendarConflictsConfirmed: z.number().optional(),
    conflictReason: z.string().optional(),
  }),
  cancelled: stageChange.extend({ reason: z.string().optional() }),
  no_show: stageChange,
  /** The place changed after planning (an update went out as previewed, once invited). */
  place_changed: z.object({ previousPlace: z.string(), place: z.string() }),
  checklist_updated: z.object({ item: z.string(), done: z.boolean() }),
  difficulty_plan_chosen: z.object({ leverIds: z.array(z.string()) }),
  snapshot_chosen: z.object({ snapshotId: z.string(), commit: z.string() }),
  repository_deletion_confirmed: z.object({}),
  repository_window_opened: z.object({
    by: z.literal('navigator'),
    startedEarly: z.literal(true).optional(),
  }),
  repository_window_closed: z.object({
    by: z.literal('navigator'),
    startedEarly: z.literal(true).optional(),
  }),
  repository_credentials_rotated: z.object({ generation: z.number() }),
  push_received: z.object({
    pushId: z.string(),
    pushedAt: z.string(),
    offsetMs: z.number().nullable(),
    refs: z.array(z.string()),
    commitCount: z.number(),
    fileCount: z.number(),
    /** The newest few commits, for the timeline; the push itself keeps all of them. */
    commits: z.array(z.object({ sha: z.string(), subject: z.string() })),
  }),
  lever_pulled: z.object({
    leverId: z.string(),
    direction: z.enum(['easier', 'harder']),
    description: z.string(),
    offsetMs: z.number(),
  }),
  tdd_marked: z.object({ phase: z.enum(tddPhases), offsetMs: z.number() }),
  candidate_confirmed: z.object({}),
  candidate_requested_reschedule: z.object({ reason: z.string().nullable().optional() }),
  accommodation_requested: z.object({}),
  /** Staff answered; the texts can reveal health, so the event says only that an answer went out. */
  accommodation_answered: z.object({}),
  candidate_deadline_recorded: z.object({ deadline: z.string() }),
  data_request_recorded: z.object({ kind: z.enum(['copy', 'erasure']) }),
  candidate_notified: z.object({}),
  /**
   * A panel member's account was deactivated (by SCIM provisioning or an admin). A shadow on an
   * interview that has not started is taken off its panel (`removed`); otherwise someone must be
   * reassigned, which the interview page and the admins' list show while it is so.
   */
  panel_member_deactivated: z.object({
    userId: z.string(),
    name: z.string(),
    seat: z.enum(['navigator', 'shadow']),
    removed: z.boolean(),
  }),
  /** The navigator offered times to pick from (the invitation itself, or a new time). */
  slots_offered: z.object({ count: z.number(), kind: z.enum(['invitation', 'reschedule']) }),
  /** The candidate picked an offered time on the portal; the interview moved to it. */
  slot_picked: z.object({
    offerId: z.string(),
    slotId: z.string(),
    startsAt: z.string(),
    previousStartsAt: z.string(),
    timeZone: z.string(),
  }),
  /** The candidate's calendar answered the invitation (iTIP REPLY, or COUNTER with another time). */
  calendar_reply_received: z.object({
    method: z.enum(['REPLY', 'COUNTER']),
    partstat: z.enum(['ACCEPTED', 'DECLINED', 'TENTATIVE', 'NEEDS-ACTION']),
    proposedStartsAt: z.string().nullable().optional(),
    proposedEndsAt: z.string().nullable().optional(),
  }),
} satisfies Record<string, z.ZodObject>;

export type InterviewEventType = keyof typeof interviewEventPayloads;
export const interviewEventTypes = Object.keys(interviewEventPayloads) as InterviewEventType[];

/** The payload as it is written: every field the event promises. */
export type InterviewEventPayload<T extends InterviewEventType> = z.input<(typeof interviewEventPayloads)[T]>;

/** One event as written, discriminated by `type`. */
export type InterviewEventInput = {
  [T in InterviewEventType]: { type: T; payload: InterviewEventPayload<T> };
}[InterviewEventType];

export function isInterviewEventType(type: string): type is InterviewEventType {
  return Object.hasOwn(interviewEventPayloads, type);
}

/**
 * Reads a stored event at the repository's edge: known fields are checked against the type's
 * schema (a field of the wrong shape is dropped, never passed on as the promised type); null for a
 * type this version does not know, so the caller decides how to say so.
 */
export function readInterviewEvent(type: string, payload: unknown): StoredInterviewEvent | null {
  if (!isInterviewEventType(type)) return null;
  const source = z.record(z.string(), z.unknown()).safeParse(payload);
  const shape: Record<string, z.ZodType> = interviewEventPayloads[type].shape;
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source.success ? source.data : {})) {
    const parsed = shape[key]?.safeParse(value);
    if (parsed?.success) fields[key] = parsed.data;
  }
  // Every field kept is valid and every field is optional, so this parse only attaches the type.
  return storedInterviewEvent.parse({ type, payload: fields });
}

/**
 * One event as read back. Retention erases payloads (they may quote the candidate) and older
 * versions wrote fewer fields, so a reader sees every payload field as possibly absent.
 */
const stored = <T extends InterviewEventType>(type: T) =>
  z.object({ type: z.literal(type), payload: interviewEventPayloads[type].partial() });

export type StoredInterviewEvent = {
  [T in InterviewEventType]: { type: T; payload: Partial<InterviewEventPayload<T>> };
}[InterviewEventType];

// The annotation carries each type's payload fields (zod cannot infer them through `stored`'s
// generic index); the unit test checks that the list names every type.
export const storedInterviewEvent: z.ZodType<StoredInterviewEvent> = z.discriminatedUnion('type', [
  stored('planned'),
  stored('invited'),
  stored('checked_in'),
  stored('wellness_recorded'),
  stored('setup'),
  stored('pairing'),
  stored('wrap'),
  stored('break'),
  stored('retrospective'),
  stored('refinement'),
  stored('reported'),
  stored('scorecard_submitted'),
  stored('decided'),
  stored('rescheduled'),
  stored('cancelled'),
  stored('no_show'),
  stored('place_changed'),
  stored('checklist_updated'),
  stored('difficulty_plan_chosen'),
  stored('snapshot_chosen'),
  stored('repository_deletion_confirmed'),
  stored('repository_window_opened'),
  stored('repository_window_closed'),
  stored('repository_credentials_rotated'),
  stored('push_received'),
  stored('lever_pulled'),
  stored('tdd_marked'),
  stored('candidate_confirmed'),
  stored('candidate_requested_reschedule'),
  stored('accommodation_requested'),
  stored('accommodation_answered'),
  stored('candidate_deadline_recorded'),
  stored('data_request_recorded'),
  stored('candidate_notified'),
  stored('panel_member_deactivated'),
  stored('slots_offered'),
  stored('slot_picked'),
  stored('calendar_reply_received'),
]);
