import { randomUUID } from 'node:crypto';
import {
  AppError,
  dayDurationsOf,
  defaultAgendaMinutes,
  defaultDayDurations,
  genericTransitionRefusal,
  guardCalendarConflicts,
  guardDayOfStep,
  guardOverlaps,
  guardStartInFuture,
  guardTransition,
  type HolidayCheck,
  type InterviewDetail,
  type InterviewEventInput,
  type InterviewRole,
  type InterviewSummary,
  type interviewListQuery,
  localTimeToUtc,
  nextStage,
  type Occurrence,
  type OrganisationSettings,
  type PanelMemberState,
  type PlanningItemId,
  type PlanPreview,
  type ProcessFacts,
  panelMemberState,
  type planInterviewRequest,
  planningItems,
  type planPreviewRequest,
  type Reader,
  type Stage,
  searchWords,
  setupMinutesFor,
  type TransitionConfirmations,
  type TransitionFacts,
  type TransitionRequest,
  unprocessable,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import { toJsonColumn } from '../../platform/db/json-column.ts';
import { toPage } from '../../platform/db/keyset.ts';
import type { CalendarClearedEvidence } from '../calendar-connections/calendar-cleared.ts';
import type { FreeBusyPlanner } from '../calendar-connections/free-busy-planner.ts';
import { mayManageCandidates } from '../candidates/candidates.ts';
import type { TaskPreparationReadiness } from '../rehearsals/readiness.ts';
import { interviewDetail } from './detail.ts';
import type { InterviewEventLog } from './event-log.ts';
import { PanelReassignment } from './panel-reassignment.ts';
import { checkPlan, findOverlaps, plannedInterviewRow, previewPlan } from './planning.ts';
import { authorize, type Capability, interviewRoles } from './policy.ts';
import {
  checklistOf,
  type InterviewListFilter,
  type InterviewRow,
  type InterviewScope,
  type InterviewsRepository,
  type MemberInterview,
} from './repository.ts';

export interface InterviewAccess {
  interview: InterviewRow;
  roles: InterviewRole[];
  shadowIds: string[];
  reader: Reader;
}

export interface InterviewAccessWithPanel extends InterviewAccess {
  /** The interview as the process model sees it: its stage and each panel member's path. */
  process: ProcessFacts;
}

export interface InterviewAccessAsMember extends Omit<InterviewAccess, 'interview'> {
  interview: MemberInterview;
  /** The actor's own state on the panel, or null when they are not on it. */
  state: PanelMemberState | null;
}

const readerOf = (actor: Actor) => ({ id: actor.id, admin: hasRole(actor, 'admin') });

export class InterviewsService {
  constructor(
    private readonly interviews: InterviewsRepository,
    private readonly log: InterviewEventLog,
    private readonly preparation: TaskPreparationReadiness,
    /** HOLIDAY_REGION's public holidays, for the plan form's warnings; none when unset. */
    private readonly isHoliday?: HolidayCheck,
    /** Connected calendars' busy times, checked when a plan is saved and previewed. */
    private readonly calendars?: FreeBusyPlanner,
    /** The "calendar cleared" item's evidence: blocks in connected calendars, or mailed. */
    private readonly calendarCleared?: CalendarClearedEvidence,
    /** The organisation's settings: planning copies the day's lengths from them. */
    private readonly settings?: { current(): Promise<OrganisationSettings> },
  ) {
    this.reassignment = new PanelReassignment(interviews, log);
  }

  /** Deactivated accounts on panels: what they leave behind and who must be reassigned. */
  readonly reassignment: PanelReassignment;

  /**
   * Loads an interview for an actor and checks a capability: the entry to every interview rule.
   * It reads no panel state: most routes need none, and this runs on every request of a live
   * session. Rules that depend on the panel's submissions start with `accessWithPanel`.
   */
  async access(actor: Actor, id: string, capability: Capability): Promise<InterviewAccess> {
    const facts = await this.interviews.accessFacts(id);
    if (!facts) throw new AppError('not_found', 'Interview was not found.');
    const { interview, shadowIds, lineManagerId } = facts;
    const roles = interviewRoles(actor, { navigatorId: interview.navigator_id, shadowIds, lineManagerId });
    authorize(roles, capability);
    return { interview, roles, shadowIds, reader: { id: actor.id, roles } };
  }

  /** `access`, plus the process facts: the stage and each panel member's name and submission. */
  async accessWithPanel(actor: Actor, id: string, capability: Capability): Promise<InterviewAccessWithPanel> {
    const access = await this.access(actor, id, capability);
    const { interview, shadowIds } = access;
    const panel = await this.interviews.panel(id, interview.navigator_id, shadowIds);
    return { ...access, process: { stage: interview.stage, panel } };
  }

  /**
   * `access`, plus the actor's own path on the panel (null when not on it): what a rule about
   * one's own writing needs, read in the access query itself. The live note save starts here.
   */
  async accessAsMember(actor: Actor, id: string, capability: Capability): Promise<InterviewAccessAsMember> {
    const facts = await this.interviews.authorFacts(id, actor.id);
    if (!facts) throw new AppError('not_found', 'Interview was not found.');
    const { interview, shadowIds, lineManagerId, submitted } = facts;
    const roles = interviewRoles(actor, { navigatorId: interview.navigator_id, shadowIds, lineManagerId });
    authorize(roles, capability);
    const onPanel = interview.navigator_id === actor.id || shadowIds.includes(actor.id);
    return {
      interview,
      roles,
      shadowIds,
      reader: { id: actor.id, roles },
      state: onPanel ? panelMemberState(interview.stage, submitted) : null,
    };
  }

  /**
   * One page of the interviews the actor may see. An admin's is one query; anyone else's is the
   * union of the interviews they navigate, shadow and manage, each read a page deep from its own
   * index and merged here, so a navigator with thousands of interviews reads about one page.
   */
  async list(
    actor: Actor,
    query: z.output<typeof interviewListQuery>,
  ): Promise<{ interviews: InterviewSummary[]; nextCursor: string | null }> {
    const filter: InterviewListFilter = {
      stages: query.stages,
      positionId: query.positionId,
      navigatorId: query.navigatorId,
      from: query.from ? toIsoUtc(query.from) : undefined,
      to: query.to ? toIsoUtc(query.to) : undefined,
      words: query.q ? searchWords(query.q) : [],
      order: query.order,
      cursor: query.cursor,
      limit: query.limit,
    };
    const scopes: InterviewScope[] = [];
    if (hasRole(actor, 'admin')) scopes.push({ kind: 'all' });
    else {
      if (hasRole(actor, 'interviewer')) {
        scopes.push({ kind: 'navigator', userId: actor.id }, { kind: 'shadow', userId: actor.id });
      }
      if (hasRole(actor, 'line_manager')) {
        // One scope per position: each reads its own (position, start) index range in order.
        for (const positionId of await this.interviews.managedPositionIds(actor.id)) {
          scopes.push({ kind: 'position', positionId });
        }
      }
    }
    const direction = query.order === 'asc' ? 1 : -1;
    const keys = new Map<string, string>();
    for (const scope of scopes) {
      for (const row of await this.interviews.pageKeys(filter, scope)) keys.set(row.id, row.starts_at);
    }
    const ordered = [...keys]
      .map(([id, startsAt]) => ({ id, startsAt }))
      .sort(
        (a, b) =>
          direction * (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.id < b.id ? -1 : 1),
      );
    const page = toPage(ordered, query.limit, (row) => [row.startsAt, row.id]);
    const pageIds = page.rows.map((row) => row.id);
    const [{ rows, shadows }, submitted] = await Promise.all([
      this.interviews.summaries(pageIds),
      this.interviews.submittedBy(actor.id, pageIds),
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const interviews = page.rows.flatMap(({ id }) => {
      const row = byId.get(id);
      if (!row) return [];
      const myRoles = interviewRoles(actor, {
        navigatorId: row.navigator_id,
        shadowIds: shadows.get(row.id) ?? [],
        lineManagerId: row.line_manager_id,
      });
      if (myRoles.length === 0) return [];
      const onPanel = row.navigator_id === actor.id || (shadows.get(row.id) ?? []).includes(actor.id);
      return [
        {
          id: row.id,
          candidateName: row.candidate_name,
          positionTitle: row.position_title,
          taskTitle: row.task_title,
          navigatorName: row.navigator_name,
          startsAt: row.starts_at,
          timeZone: row.time_zone,
          stage: row.stage,
          myRoles,
          myPanelState: onPanel ? panelMemberState(row.stage, submitted.has(row.id)) : null,
        },
      ];
    });
    return { interviews, nextCursor: page.nextCursor };
  }

  async plan(actor: Actor, request: z.output<typeof planInterviewRequest>): Promise<InterviewDetail> {
    if (!mayManageCandidates(actor))
      throw new AppError('forbidden', 'Only interviewers and admins plan interviews.');
    // Planning for someone else would create an interview its planner cannot see.
    if (!hasRole(actor, 'admin') && request.navigatorId !== actor.id) {
      throw new AppError(
        'forbidden',
        'Interviewers plan their own interviews; an admin can plan one for a colleague.',
        {
          navigatorId: 'Choose yourself as navigator.',
        },
      );
    }
    const plan = await checkPlan(this.interviews, request);
    guardStartInFuture(plan.startsAt, new Date());
    const durations = (await this.settings?.current())?.durations ?? defaultDayDurations;
    const overlaps = await findOverlaps(this.interviews, readerOf(actor), {
      navigatorId: request.navigatorId,
      shadowIds: plan.shadowIds,
      startsAt: plan.startsAt,
      timeZone: request.timeZone,
      pairingMinutes: plan.task.pairing_minutes,
      setupMinutes: setupMinutesFor(plan.task.setup_budget_sec),
      durations,
    });
    guardOverlaps(overlaps, request.confirmOverlap === true);
    // Checked here, not only in the form: a plan saved by any client meets the same calendars.
    const calendar = await this.calendarConflicts(
      { navigatorId: request.navigatorId, shadowIds: plan.shadowIds, positionId: request.positionId },
      plan.startsAt,
      plan.task.pairing_minutes,
      setupMinutesFor(plan.task.setup_budget_sec),
    );
    guardCalendarConflicts(calendar.conflicts, {
      confirmOverlap: request.confirmOverlap === true,
      conflictReason: request.conflictReason,
    });
    const now = DateTime.utc().toISO();
    const id = randomUUID();
    // The interview keeps this snapshot when the task is re-imported later.
    const snapshotId = await this.preparation.latestSnapshotId(plan.task.id);
    await this.log.transaction(async (trx, record) => {
      await this.interviews.insert(
        plannedInterviewRow(id, request, plan, snapshotId, now, durations),
        plan.shadowIds,
        trx,
      );
      await record({
        interviewId: id,
        type: 'planned',
        actorId: actor.id,
        payload: {
          startsAt: plan.startsAt,
          timeZone: request.timeZone,
          // Recorded so a double booking is visibly a choice, not an accident.
          ...(overlaps.length > 0 ? { overlapConfirmed: overlaps.length } : {}),
          ...(calendar.conflicts.length > 0 ? { calendarConflictsConfirmed: calendar.conflicts.length } : {}),
          ...((overlaps.length > 0 || calendar.conflicts.length > 0) && request.conflictReason
            ? { conflictReason: request.conflictReason }
            : {}),
        },
      });
    });
    return this.detail(actor, id);
  }

  /** Busy times in connected calendars that a start meets; none when no calendars are wired. */
  private async calendarConflicts(
    people: { navigatorId: string; shadowIds: string[]; positionId?: string; interviewId?: string },
    startsAt: string,
    pairingMinutes: number,
    setupMinutes: number,
  ) {
    if (!this.calendars) return { conflicts: [], unknown: [] };
    return this.calendars.conflictsAt(people, startsAt, { pairingMinutes, setupMinutes });
  }

  /** The plan form's live check: what the plan would be refused for, overlap with, or warn about. */
  async previewPlan(actor: Actor, request: z.output<typeof planPreviewRequest>): Promise<PlanPreview> {
    if (!mayManageCandidates(actor))
      throw new AppError('forbidden', 'Only interviewers and admins plan interviews.');
    const startsAt = localTimeToUtc(request.startsAtLocal, request.timeZone, request.startsAtOccurrence);
    const task = request.taskId ? await this.interviews.taskLengths(request.taskId) : undefined;
    const durations = (await this.settings?.current())?.durations ?? defaultDayDurations;
    const guarded = {
      navigatorId: request.navigatorId,
      shadowIds: [...new Set(request.shadowIds)],
      startsAt,
      timeZone: request.timeZone,
      pairingMinutes: task?.pairing_minutes ?? defaultAgendaMinutes.pairingMinutes,
      setupMinutes: task ? setupMinutesFor(task.setup_budget_sec) : durations.setupDefaultMinutes,
      durations,
    };
    const [preview, calendar] = await Promise.all([
      previewPlan(this.interviews, readerOf(actor), guarded, new Date(), this.isHoliday),
      this.calendarConflicts(
        { ...guarded, positionId: request.positionId },
        startsAt,
        guarded.pairingMinutes,
        guarded.setupMinutes,
      ),
    ]);
    return { ...preview, calendarConflicts: calendar.conflicts, unknownCalendars: calendar.unknown };
  }

  async detail(actor: Actor, id: string): Promise<InterviewDetail> {
    return this.detailOf(await this.accessWithPanel(actor, id, 'view'));
  }

  /** The detail for an access already checked. */
  async detailOf(access: InterviewAccessWithPanel): Promise<InterviewDetail> {
    const { interview: row, roles, process, reader } = access;
    // Each part needs only the interview's row: read together, one round trip to the database
    // instead of three in a row.
    const [parts, events, preparation, calendarCleared, panelToReassign] = await Promise.all([
      this.interviews.detailParts(row),
      this.interviews.events(row.id),
      this.preparation.forInterview(row.task_id, row.snapshot_id),
      this.calendarCleared?.forInterview(row.id),
      this.reassignment.forInterview(row),
    ]);
    if (calendarCleared) preparation.items.calendar_cleared = calendarCleared;
    return interviewDetail({ row, roles, parts, events, preparation, process, reader, panelToReassign });
  }

  /** The generic transition route: every step except the ones that send a previewed message. */
  async transition(actor: Actor, id: string, request: TransitionRequest): Promise<InterviewDetail> {
    const { interview } = await this.access(actor, id, 'drive');
    const refusal = genericTransitionRefusal(request.action, interview.stage);
    if (refusal) throw refusal;
    return this.applyTransition(actor, interview, request);
  }

  /** The reschedule's and the cancellation's own path calls this once the preview digest matched. */
  async changeFromPreview(
    actor: Actor,
    id: string,
    request: Extract<TransitionRequest, { action: 'reschedule' | 'cancel' }>,
  ): Promise<InterviewDetail> {
    const { interview } = await this.access(actor, id, 'drive');
    return this.applyTransition(actor, interview, request);
  }

  /** The same people's other interviews a new time would overlap, prep to debrief. */
  async rescheduleOverlaps(actor: Actor, interview: InterviewRow, startsAt: string, timeZone: string) {
    return findOverlaps(this.interviews, readerOf(actor), {
      navigatorId: interview.navigator_id,
      shadowIds: await this.interviews.shadowIds(interview.id),
      startsAt,
      timeZone,
      pairingMinutes: interview.pairing_minutes,
      setupMinutes: setupMinutesFor(interview.setup_budget_sec),
      durations: dayDurationsOf(interview.day_durations),
      interviewId: interview.id,
    });
  }

  /** What the plan form's guards say about a new time for this interview. */
  async previewReschedule(
    actor: Actor,
    interview: InterviewRow,
    startsAtLocal: string,
    timeZone: string,
    occurrence: Occurrence | undefined,
  ): Promise<PlanPreview> {
    const startsAt = localTimeToUtc(startsAtLocal, timeZone, occurrence);
    const guarded = {
      navigatorId: interview.navigator_id,
      shadowIds: await this.interviews.shadowIds(interview.id),
      startsAt,
      timeZone,
      pairingMinutes: interview.pairing_minutes,
      setupMinutes: setupMinutesFor(interview.setup_budget_sec),
      durations: dayDurationsOf(interview.day_durations),
      interviewId: interview.id,
    };
    const [preview, calendar] = await Promise.all([
      previewPlan(this.interviews, readerOf(actor), guarded, new Date(), this.isHoliday),
      this.calendarConflicts(
        { ...guarded, positionId: interview.position_id },
        startsAt,
        guarded.pairingMinutes,
        guarded.setupMinutes,
      ),
    ]);
    return { ...preview, calendarConflicts: calendar.conflicts, unknownCalendars: calendar.unknown };
  }

  /** The invitation's own path calls this once the navigator's preview digest matched. */
  async invite(actor: Actor, id: string, notReadyReason?: string): Promise<InterviewDetail> {
    const { interview } = await this.access(actor, id, 'drive');
    return this.applyTransition(actor, interview, { action: 'invite' }, { notReadyReason });
  }

  /** What a transition's preconditions look at (the process model decides). */
  private async transitionFacts(actor: Actor, interview: InterviewRow): Promise<TransitionFacts> {
    const deadline = await this.interviews.retrospectiveDeadline(interview.id);
    const checklistReady =
      interview.stage === 'planned' ? (await this.detail(actor, interview.id)).checklist.ready : true;
    return {
      stage: interview.stage,
      startsAt: interview.starts_at,
      pairingStartedAt: interview.pairing_started_at,
      pairingMinutes: interview.pairing_minutes,
      breakStartedAt: interview.break_started_at,
      breakMinutes: dayDurationsOf(interview.day_durations).breakMinutes,
      repositoryDeletionConfirmed: interview.repository_deletion_confirmed_at !== null,
      deadlineRecorded: Boolean(deadline),
      checklistReady,
    };
  }

  private async applyTransition(
    actor: Actor,
    interview: InterviewRow,
    request: TransitionRequest,
    extra: TransitionConfirmations = {},
  ): Promise<InterviewDetail> {
    const stage = interview.stage;
    const id = interview.id;
    const { next, recorded } = guardTransition(
      request.action,
      await this.transitionFacts(actor, interview),
      new Date(),
      {
        ...extra,
        ...('confirmEarly' in request ? { confirmEarly: request.confirmEarly } : {}),
        ...('startEarly' in request ? { startEarly: request.startEarly } : {}),
      },
    );
    const now = DateTime.utc().toISO();
    const changes: Partial<InterviewRow> = { stage: next };
    const change = { from: stage, to: next, ...recorded };
    const minutesSince = (since: string | null) =>
      since ? Math.floor((Date.parse(now) - Date.parse(since)) / 60_000) : null;
    let event: InterviewEventInput;
    switch (request.action) {
      case 'start_setup':
        changes.setup_started_at = now;
        event = { type: 'setup', payload: change };
        break;
      case 'start_pairing':
        changes.pairing_started_at = now;
        event = { type: 'pairing', payload: { ...change, pairingMinutes: interview.pairing_minutes } };
        break;
      case 'end_pairing':
        changes.pairing_ended_at = now;
        event = {
          type: 'wrap',
          payload: { ...change, pairingLengthMinutes: minutesSince(interview.pairing_started_at) },
        };
        break;
      case 'start_break':
        changes.break_started_at = now;
        event = { type: 'break', payload: change };
        break;
      case 'start_retrospective':
        changes.retrospective_started_at = now;
        event = {
          type: 'retrospective',
          payload: { ...change, breakLengthMinutes: minutesSince(interview.break_started_at) },
        };
        break;
      case 'start_refinement':
        changes.refinement_started_at = now;
        event = { type: 'refinement', payload: change };
        break;
      case 'reschedule': {
        const startsAt = localTimeToUtc(request.startsAtLocal, request.timeZone, request.startsAtOccurrence);
        guardStartInFuture(startsAt, new Date());
        const overlaps = await this.rescheduleOverlaps(actor, interview, startsAt, request.timeZone);
        guardOverlaps(overlaps, request.confirmOverlap === true);
        // The new time meets the same calendars a plan does; this interview's own blocks do not count.
        const shadowIds = await this.interviews.shadowIds(interview.id);
        const calendar = await this.calendarConflicts(
          {
            navigatorId: interview.navigator_id,
            shadowIds,
            positionId: interview.position_id,
            interviewId: interview.id,
          },
          startsAt,
          interview.pairing_minutes,
          setupMinutesFor(interview.setup_budget_sec),
        );
        guardCalendarConflicts(calendar.conflicts, {
          confirmOverlap: request.confirmOverlap === true,
          conflictReason: request.conflictReason,
        });
        Object.assign(changes, {
          starts_at: startsAt,
          time_zone: request.timeZone,
          calendar_sequence: interview.calendar_sequence + 1,
          wellness: null,
          setup_started_at: null,
        });
        event = {
          type: 'rescheduled',
          payload: {
            ...change,
            previousStartsAt: interview.starts_at,
            startsAt,
            timeZone: request.timeZone,
            reason: request.reason,
            // Recorded so a double booking is visibly a choice, not an accident.
            ...(overlaps.length > 0 ? { overlapConfirmed: overlaps.length } : {}),
            ...(calendar.conflicts.length > 0
              ? { calendarConflictsConfirmed: calendar.conflicts.length }
              : {}),
            ...((overlaps.length > 0 || calendar.conflicts.length > 0) && request.conflictReason
              ? { conflictReason: request.conflictReason }
              : {}),
          },
        };
        break;
      }
      case 'cancel':
        event = {
          type: 'cancelled',
          payload: request.reason ? { ...change, reason: request.reason } : change,
        };
        break;
      case 'invite':
        event = { type: 'invited', payload: change };
        break;
      case 'mark_no_show':
        event = { type: 'no_show', payload: change };
        break;
    }
    await this.applyChange(actor, interview, stage, changes, event);
    return this.detail(actor, id);
  }

  /** Check-in: a candidate who is not well goes straight to a reschedule, with nothing held against them. */
  async recordWellness(
    actor: Actor,
    id: string,
    well: boolean,
    startEarly = false,
  ): Promise<InterviewDetail> {
    const { interview } = await this.access(actor, id, 'drive');
    const stage = interview.stage;
    if (well) {
      const { next, recorded } = guardTransition(
        'check_in',
        await this.transitionFacts(actor, interview),
        new Date(),
        { startEarly },
      );
      await this.applyChange(
        actor,
        interview,
        stage,
        { stage: next, wellness: 'well' },
        { type: 'checked_in', payload: { from: stage, to: next, well: true, ...recorded } },
      );
    } else {
      nextStage(stage, 'reschedule');
      // Asking "are you well?" is the check-in itself: days ahead it is a deliberate early start too.
      const { early } = guardDayOfStep('Check-in', interview.starts_at, new Date(), startEarly);
      await this.applyChange(
        actor,
        interview,
        stage,
        { wellness: 'not_well' },
        { type: 'wellness_recorded', payload: { well: false, ...(early ? { startedEarly: true } : {}) } },
      );
    }
    return this.detail(actor, id);
  }

  async setChecklistItem(
    actor: Actor,
    id: string,
    itemId: PlanningItemId,
    done: boolean,
  ): Promise<InterviewDetail> {
    const { interview } = await this.access(actor, id, 'drive');
    if (!planningItems.find((item) => item.id === itemId)?.manual) {
      throw unprocessable(
        'This item follows its evidence (rehearsals, the export, the plan); it cannot be ticked.',
        {
          itemId: 'Computed, not ticked.',
        },
      );
    }
    const ticked = new Set(checklistOf(interview));
    if (done) ticked.add(itemId);
    else ticked.delete(itemId);
    await this.applyChange(
      actor,
      interview,
      interview.stage,
      { checklist: toJsonColumn([...ticked]) },
      { type: 'checklist_updated', payload: { item: itemId, done } },
    );
    return this.detail(actor, id);
  }

  async setDifficultyPlan(actor: Actor, id: string, leverIds: string[]): Promise<InterviewDetail> {
    const { interview } = await this.access(actor, id, 'drive');
    const levers = await this.interviews.taskLevers(interview.task_id);
    const known = new Set(levers.map((lever) => lever.id));
    const unknown = leverIds.filter((leverId) => !known.has(leverId));
    if (unknown.length > 0)
      throw unprocessable(`Unknown lever(s): ${unknown.join(', ')}.`, {
        leverIds: 'Pick levers of this task.',
      });
    await this.applyChange(
      actor,
      interview,
      interview.stage,
      { difficulty_plan: toJsonColumn([...new Set(leverIds)]) },
      { type: 'difficulty_plan_chosen', payload: { leverIds } },
    );
    return this.detail(actor, id);
  }

  async confirmRepositoryDeletion(actor: Actor, id: string): Promise<InterviewDetail> {
    const { interview } = await this.access(actor, id, 'drive');
    if (interview.stage !== 'wrap') {
      throw new AppError(
        'illegal_transition',
        'The deletion of the repository is confirmed during the wrap-up, right after pairing.',
      );
    }
    if (!interview.repository_deletion_confirmed_at) {
      await this.applyChange(
        actor,
        interview,
        'wrap',
        { repository_deletion_confirmed_at: DateTime.utc().toISO() },
        { type: 'repository_deletion_confirmed', payload: {} },
      );
    }
    return this.detail(actor, id);
  }

  /** Writes a change and its event in one transaction, refusing if someone moved the interview meanwhile. */
  async applyChange(
    actor: Actor,
    interview: InterviewRow,
    expectedStage: Stage,
    changes: Partial<InterviewRow>,
    event: InterviewEventInput,
  ): Promise<void> {
    await this.log.transaction(async (trx, record) => {
      const won = await this.interviews.updateIfStage(interview.id, expectedStage, changes, trx);
      if (!won)
        throw new AppError(
          'conflict',
          'Someone else changed this interview just now. Reload to see its current stage.',
        );
      await record({ interviewId: interview.id, actorId: actor.id, ...event });
    });
  }
}

/** Stored times are UTC ISO strings; a bound given with another offset is compared in UTC. */
const toIsoUtc = (value: string) => new Date(value).toISOString();
