import { z } from 'zod';
import { rescheduleReasons, storedInterviewEvent } from '../interview-events.ts';
import { actions, stages } from '../lifecycle.ts';
import { noteTags } from '../note-tags.ts';
import { planningItemIds } from '../planning-checklist.ts';
import { panelMemberStates } from '../process/panel.ts';
import { tddPhases } from '../tdd-rhythm.ts';
import { calendarConflictView } from './calendar-connections.ts';
import {
  id,
  idParams,
  isoDate,
  isoDateTime,
  localDateTime,
  nextCursor,
  ok,
  pageCursor,
  pageLimit,
  searchText,
  shortText,
  timeZone,
} from './common.ts';
import { contract } from './contract.ts';
import { focusAttribute } from './positions.ts';
import { dayDurations } from './settings.ts';
import { lever } from './tasks.ts';

/**
 * Which of the two instants a wall-clock time means when the clocks go back and show it twice;
 * without it such a time is refused with a question rather than silently taking one.
 */
export const startsAtOccurrence = z.enum(['earlier', 'later']).optional();

export const planInterviewRequest = z.strictObject({
  candidateId: id,
  positionId: id,
  taskId: id,
  navigatorId: id,
  shadowIds: z.array(id).max(3).default([]),
  startsAtLocal: localDateTime,
  startsAtOccurrence,
  timeZone,
  place: z.string().trim().min(1).max(500),
  /** "Yes, book these people although the time overlaps another of their interviews." */
  confirmOverlap: z.boolean().optional(),
  /** Why the time is booked over a conflict; required when a connected calendar shows one. */
  conflictReason: z.string().trim().min(1).max(500).optional(),
});
export type PlanInterviewRequest = z.input<typeof planInterviewRequest>;

/**
 * What the plan form asks while it is being filled in: only the fields the guards look at, so a
 * half-filled form still gets its warnings.
 */
export const planPreviewRequest = z.strictObject({
  navigatorId: id,
  shadowIds: z.array(id).max(3).default([]),
  /** Its line manager joins the debrief, so their calendar counts for that block. */
  positionId: id.optional(),
  taskId: id.optional(),
  startsAtLocal: localDateTime,
  startsAtOccurrence,
  timeZone,
});
export type PlanPreviewRequest = z.input<typeof planPreviewRequest>;

export const planningOverlap = z.object({
  interviewId: id,
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  /** Only for readers on that interview (or admins); others see a time, not a person. */
  candidateName: z.string().nullable(),
  people: z.array(z.object({ id, name: z.string() })),
});
export type PlanningOverlapView = z.infer<typeof planningOverlap>;

export const planPreview = z.object({
  warnings: z.array(
    z.object({
      code: z.enum(['lead_time_short', 'lead_time_long', 'weekend', 'holiday']),
      message: z.string(),
    }),
  ),
  overlaps: z.array(planningOverlap),
  /** Refusals the plan itself would answer with (a start in the past), by field. */
  fields: z.record(z.string(), z.string()),
  /** Busy times in connected calendars that fall in the time someone must hold for this plan. */
  calendarConflicts: z.array(calendarConflictView).default([]),
  /** People whose connected calendar did not answer in time: their conflicts are unknown. */
  unknownCalendars: z.array(z.object({ id, name: z.string() })).default([]),
});
export type PlanPreview = z.infer<typeof planPreview>;

/** The actions driven through the generic transition route; submission and decision have their own. */
/** "Yes, cut the protected time short": refused without it while the phase is still running. */
const confirmEarly = z.boolean().optional();
/** "Yes, do this day-of step more than 2 hours before the start": recorded with the event. */
const startEarly = z.boolean().optional();

export const rescheduleReason = z.enum(rescheduleReasons);

export const transitionRequest = z.discriminatedUnion('action', [
  // Accepted by the schema so the refusal can say where the invitation is sent from.
  z.strictObject({ action: z.literal('invite') }),
  z.strictObject({ action: z.literal('start_setup'), startEarly }),
  z.strictObject({ action: z.literal('start_pairing') }),
  z.strictObject({ action: z.literal('end_pairing'), confirmEarly }),
  z.strictObject({ action: z.literal('start_break') }),
  z.strictObject({ action: z.literal('start_retrospective'), confirmEarly }),
  z.strictObject({ action: z.literal('start_refinement') }),
  z.strictObject({ action: z.literal('cancel'), reason: shortText.optional() }),
  z.strictObject({ action: z.literal('mark_no_show') }),
  z.strictObject({
    action: z.literal('reschedule'),
    startsAtLocal: localDateTime,
    startsAtOccurrence,
    timeZone,
    // Why, in neutral words; there is deliberately no field that could carry a penalty.
    reason: rescheduleReason,
    /** Book the new time although it overlaps the same people's other interviews. */
    confirmOverlap: z.boolean().optional(),
    /** Why the new time is booked over a busy time in someone's connected calendar. */
    conflictReason: z.string().trim().min(1).max(500).optional(),
  }),
]);
export type TransitionRequest = z.infer<typeof transitionRequest>;

export const wellnessRequest = z.strictObject({ well: z.boolean(), startEarly });
export const submitScorecardRequest = z.strictObject({ confirmEarly });
export const checklistItemParams = z.strictObject({ id, itemId: z.enum(planningItemIds) });
export const checklistItemRequest = z.strictObject({ done: z.boolean() });
export const difficultyPlanRequest = z.strictObject({ leverIds: z.array(z.string().max(64)).max(30) });
export const deletionConfirmationRequest = z.strictObject({ confirmed: z.literal(true) });

export const interviewRole = z.enum(['navigator', 'shadow', 'line_manager', 'admin']);
export type InterviewRole = z.infer<typeof interviewRole>;

export const interviewEvent = z
  .object({ id, seq: z.number(), at: z.string(), actorName: z.string().nullable() })
  .and(storedInterviewEvent);
export type InterviewEvent = z.infer<typeof interviewEvent>;

export const interviewSummary = z.object({
  id,
  candidateName: z.string(),
  positionTitle: z.string(),
  taskTitle: z.string(),
  navigatorName: z.string(),
  startsAt: z.string(),
  timeZone: z.string(),
  stage: z.enum(stages),
  myRoles: z.array(interviewRole),
  /** The reader's own path on the panel; null when they are not on it. */
  myPanelState: z.enum(panelMemberStates).nullable(),
});
export type InterviewSummary = z.infer<typeof interviewSummary>;
export const interviewList = z.object({ interviews: z.array(interviewSummary), nextCursor });

/**
 * One page of the interviews the actor may see, by start time. Lists ask for what they show
 * (today, this week, in progress, done) instead of everything; `stages` is a comma-separated list.
 */
export const interviewListQuery = z.strictObject({
  stages: z
    .string()
    .max(300)
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(z.enum(stages)).min(1))
    .optional(),
  positionId: id.optional(),
  navigatorId: id.optional(),
  /** Inclusive start-time bounds, ISO-8601 with offset. */
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  q: searchText.optional(),
  /** asc: soonest first (what is coming); desc: latest first (what happened). */
  order: z.enum(['asc', 'desc']).default('asc'),
  cursor: pageCursor(2).optional(),
  limit: pageLimit,
});
export type InterviewListQuery = z.input<typeof interviewListQuery>;

export const panelSeatToReassign = z.object({
  id,
  name: z.string(),
  seat: z.enum(['navigator', 'shadow']),
});

export const interviewDetail = z.object({
  id,
  stage: z.enum(stages),
  startsAt: z.string(),
  timeZone: z.string(),
  place: z.string(),
  /**
   * Accommodations, typed on the record and asked for through the portal, go to the panel and
   * admins at every stage, never to the line manager (see process/candidate-data).
   */
  candidate: z.object({
    id,
    name: z.string(),
    timeZone: z.string(),
    pronouns: z.string().nullable(),
    accommodations: z.string().nullable(),
    accommodationRequests: z.array(z.object({ text: z.string(), at: z.string() })),
  }),
  position: z.object({
    id,
    title: z.string(),
    lineManagerName: z.string(),
    focusAttributes: z.array(focusAttribute),
  }),
  task: z.object({
    id,
    title: z.string(),
    summary: z.string(),
    navigatorGuide: z.string(),
    pairingMinutes: z.number(),
    setupBudgetSec: z.number(),
    tddRhythm: z.boolean(),
    levers: z.array(lever),
  }),
  navigator: z.object({ id, name: z.string() }),
  shadows: z.array(z.object({ id, name: z.string() })),
  myRoles: z.array(interviewRole),
  myPanelState: z.enum(panelMemberStates).nullable(),
  /** Each panel member's path, so everyone sees who is still refining (never what they wrote). */
  panel: z.array(z.object({ id, name: z.string(), state: z.enum(panelMemberStates) })),
  /** Panel members whose accounts were deactivated while this interview still needs them. */
  panelToReassign: z.array(panelSeatToReassign),
  availableActions: z.array(z.enum(actions)),
  checklist: z.object({
    ready: z.boolean(),
    items: z.array(
      z.object({
        id: z.enum(planningItemIds),
        label: z.string(),
        required: z.boolean(),
        manual: z.boolean(),
        done: z.boolean(),
        /** For computed items: the rehearsal or snapshot behind the state, or where to produce it. */
        evidence: z.object({ label: z.string(), href: z.string() }).nullable(),
      }),
    ),
  }),
  /**
   * The task snapshot the candidate's repository starts from: the one chosen at planning, or
   * while none was, the task's latest. `latestId` differs when the task was re-imported since.
   */
  snapshot: z
    .object({ id, commit: z.string(), createdAt: z.string(), pinned: z.boolean(), latestId: id })
    .nullable(),
  difficultyPlan: z.array(z.string()),
  /** Phase start times written by the server; every clock is computed from these. */
  clock: z.object({
    serverNow: z.string(),
    setupStartedAt: z.string().nullable(),
    pairingStartedAt: z.string().nullable(),
    pairingEndsAt: z.string().nullable(),
    pairingEndedAt: z.string().nullable(),
    breakStartedAt: z.string().nullable(),
    retrospectiveStartedAt: z.string().nullable(),
    refinementStartedAt: z.string().nullable(),
    refinementEndsAt: z.string().nullable(),
    /** When the promised break is up; the break and refinement timer this interview was planned with. */
    breakEndsAt: z.string().nullable(),
    breakMinutes: z.number(),
    refinementMinutes: z.number(),
  }),
  /** The day's lengths copied from the settings when the interview was planned. */
  dayDurations: dayDurations,
  repositoryDeletionConfirmedAt: z.string().nullable(),
  wellness: z.enum(['well', 'not_well']).nullable(),
  /** The candidate's answer to "by when would you like to hear back?", once recorded. */
  deadline: isoDate.nullable(),
  events: z.array(interviewEvent),
});
export type InterviewDetail = z.infer<typeof interviewDetail>;

export const noteParams = z.strictObject({ id, noteId: id });
export const putNoteRequest = z.strictObject({
  text: z.string().trim().min(1, 'A note needs text.').max(5_000),
  tags: z.array(z.enum(noteTags)).max(8).default([]),
  /** Offset into pairing when typing started, measured on the server's clock. */
  offsetMs: z.number().int().min(-86_400_000).max(86_400_000).nullable(),
});
export type PutNoteRequest = z.input<typeof putNoteRequest>;
export const editNoteRequest = z.strictObject({
  text: z.string().trim().min(1, 'A note needs text.').max(5_000),
  tags: z.array(z.enum(noteTags)).max(8),
});
export type EditNoteRequest = z.infer<typeof editNoteRequest>;

export const noteRevision = z.object({
  text: z.string(),
  tags: z.array(z.enum(noteTags)),
  revisedAt: z.string(),
});
export const note = z.object({
  id,
  authorId: id,
  authorName: z.string(),
  stage: z.enum(stages),
  offsetMs: z.number().nullable(),
  text: z.string(),
  tags: z.array(z.enum(noteTags)),
  createdAt: z.string(),
  updatedAt: z.string(),
  deleted: z.boolean(),
  revisions: z.array(noteRevision),
});
export type Note = z.infer<typeof note>;
/**
 * An interview's notes a page at a time, oldest first (written time, then id): a page holds at
 * most `limit` notes and ends early rather than pass about half a megabyte, so no answer of a
 * long interview grows past 1 MB; `nextCursor` asks for the rest.
 */
export const noteList = z.object({ notes: z.array(note), nextCursor });
export const notePageQuery = z.strictObject({
  cursor: pageCursor(2).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type NotePageQuery = z.output<typeof notePageQuery>;

const noteAnswer = z.object({ note });

/** An interview's notes, implemented by the server's notes feature and called by the note taker. */
export const notesApi = {
  list: contract({
    method: 'GET',
    path: '/api/interviews/:id/notes',
    params: idParams,
    query: notePageQuery,
    response: noteList,
  }),
  put: contract({
    method: 'PUT',
    path: '/api/interviews/:id/notes/:noteId',
    params: noteParams,
    body: putNoteRequest,
    response: noteAnswer,
  }),
  edit: contract({
    method: 'PATCH',
    path: '/api/interviews/:id/notes/:noteId',
    params: noteParams,
    body: editNoteRequest,
    response: noteAnswer,
  }),
  remove: contract({
    method: 'DELETE',
    path: '/api/interviews/:id/notes/:noteId',
    params: noteParams,
    response: ok,
  }),
};

export const retrospectiveRequest = z.strictObject({
  sharedNoteIds: z.array(id).max(200),
  answers: z.strictObject({
    solution: z.string().max(5_000),
    learned: z.string().max(5_000),
    change: z.string().max(5_000),
  }),
  deadline: isoDate.nullable(),
  nextSteps: z.string().max(5_000),
});
export type RetrospectiveRequest = z.infer<typeof retrospectiveRequest>;
export const retrospective = retrospectiveRequest.extend({ updatedAt: z.string().nullable() });
export type Retrospective = z.infer<typeof retrospective>;

const interviewAnswer = z.object({ interview: interviewDetail });

/** The interviews routes, implemented by the server's interviews feature and called by the web. */
export const interviewsApi = {
  list: contract({
    method: 'GET',
    path: '/api/interviews',
    query: interviewListQuery,
    response: interviewList,
  }),
  plan: contract({
    method: 'POST',
    path: '/api/interviews',
    status: 201,
    body: planInterviewRequest,
    response: interviewAnswer,
  }),
  previewPlan: contract({
    method: 'POST',
    path: '/api/interviews/plan-preview',
    body: planPreviewRequest,
    response: planPreview,
  }),
  detail: contract({
    method: 'GET',
    path: '/api/interviews/:id',
    params: idParams,
    response: interviewAnswer,
  }),
  transition: contract({
    method: 'POST',
    path: '/api/interviews/:id/transitions',
    params: idParams,
    body: transitionRequest,
    response: interviewAnswer,
  }),
  recordWellness: contract({
    method: 'POST',
    path: '/api/interviews/:id/wellness',
    params: idParams,
    body: wellnessRequest,
    response: interviewAnswer,
  }),
  setChecklistItem: contract({
    method: 'PUT',
    path: '/api/interviews/:id/checklist/:itemId',
    params: checklistItemParams,
    body: checklistItemRequest,
    response: interviewAnswer,
  }),
  setDifficultyPlan: contract({
    method: 'PUT',
    path: '/api/interviews/:id/difficulty-plan',
    params: idParams,
    body: difficultyPlanRequest,
    response: interviewAnswer,
  }),
  confirmRepositoryDeletion: contract({
    method: 'POST',
    path: '/api/interviews/:id/repository-deletion',
    params: idParams,
    body: deletionConfirmationRequest,
    response: interviewAnswer,
  }),
};

/** The retrospective's routes, implemented by the server's retrospectives feature. */
export const retrospectivesApi = {
  get: contract({
    method: 'GET',
    path: '/api/interviews/:id/retrospective',
    params: idParams,
    response: z.object({ retrospective: retrospective.nullable() }),
  }),
  save: contract({
    method: 'PUT',
    path: '/api/interviews/:id/retrospective',
    params: idParams,
    body: retrospectiveRequest,
    response: z.object({ retrospective }),
  }),
};

export const leverRequest = z.strictObject({ leverId: z.string().min(1).max(64) });
export const tddMarkerRequest = z.strictObject({ phase: z.enum(tddPhases) });
/** Where the marker sits in the log, and how far into pairing it was set. */
const pairingMarker = z.object({ seq: z.number(), offsetMs: z.number() });

/** What the panel records while pairing besides notes, implemented by the server's pairing feature. */
export const pairingApi = {
  pullLever: contract({
    method: 'POST',
    path: '/api/interviews/:id/levers',
    params: idParams,
    body: leverRequest,
    response: pairingMarker,
  }),
  markTdd: contract({
    method: 'POST',
    path: '/api/interviews/:id/tdd-markers',
    params: idParams,
    body: tddMarkerRequest,
    response: pairingMarker,
  }),
};
