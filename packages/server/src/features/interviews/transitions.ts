import {
  dayDurationsOf,
  genericTransitionRefusal,
  guardCalendarConflicts,
  guardOverlaps,
  guardStartInFuture,
  guardTransition,
  type InterviewDetail,
  type InterviewEventInput,
  localTimeToUtc,
  setupMinutesFor,
  type TransitionConfirmations,
  type TransitionFacts,
  type TransitionRequest,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { Actor } from '../../platform/auth/actor.ts';
import type { InterviewPlanner } from './planner.ts';
import type { InterviewRow, InterviewsRepository } from './repository.ts';
import type { InterviewsService } from './service.ts';

/**
 * The lifecycle's steps on an interview: the facts each step's preconditions look at, the row's
 * changes and the event each step records, written through the service's `applyChange`.
 */
export class InterviewTransitions {
  constructor(
    private readonly service: InterviewsService,
    private readonly interviews: InterviewsRepository,
    private readonly planner: InterviewPlanner,
  ) {}

  /** The generic transition route: every step except the ones that send a previewed message. */
  async transition(actor: Actor, id: string, request: TransitionRequest): Promise<InterviewDetail> {
    const { interview } = await this.service.access(actor, id, 'drive');
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
    const { interview } = await this.service.access(actor, id, 'drive');
    return this.applyTransition(actor, interview, request);
  }

  /** The invitation's own path calls this once the navigator's preview digest matched. */
  async invite(actor: Actor, id: string, notReadyReason?: string): Promise<InterviewDetail> {
    const { interview } = await this.service.access(actor, id, 'drive');
    return this.applyTransition(actor, interview, { action: 'invite' }, { notReadyReason });
  }

  /** What a transition's preconditions look at (the process model decides). */
  async transitionFacts(actor: Actor, interview: InterviewRow): Promise<TransitionFacts> {
    const deadline = await this.interviews.retrospectiveDeadline(interview.id);
    const checklistReady =
      interview.stage === 'planned' ? (await this.service.detail(actor, interview.id)).checklist.ready : true;
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
        const overlaps = await this.planner.rescheduleOverlaps(actor, interview, startsAt, request.timeZone);
        guardOverlaps(overlaps, request.confirmOverlap === true);
        // The new time meets the same calendars a plan does; this interview's own blocks do not count.
        const shadowIds = await this.interviews.shadowIds(interview.id);
        const calendar = await this.planner.calendarConflicts(
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
    await this.service.applyChange(actor, interview, stage, changes, event);
    return this.service.detail(actor, id);
  }
}
