import { randomUUID } from 'node:crypto';
import {
  AppError,
  dayDurationsOf,
  defaultAgendaMinutes,
  defaultDayDurations,
  guardCalendarConflicts,
  guardOverlaps,
  guardStartInFuture,
  type HolidayCheck,
  type InterviewDetail,
  localTimeToUtc,
  type Occurrence,
  type OrganisationSettings,
  type PlanPreview,
  type planInterviewRequest,
  type planPreviewRequest,
  setupMinutesFor,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import type { FreeBusyPlanner } from '../calendar-connections/free-busy-planner.ts';
import { mayManageCandidates } from '../candidates/candidates.ts';
import type { TaskPreparationReadiness } from '../rehearsals/readiness.ts';
import type { InterviewEventLog } from './event-log.ts';
import { checkPlan, findOverlaps, plannedInterviewRow, previewPlan } from './planning.ts';
import type { InterviewRow, InterviewsRepository } from './repository.ts';
import type { InterviewsService } from './service.ts';

const readerOf = (actor: Actor) => ({ id: actor.id, admin: hasRole(actor, 'admin') });

/**
 * Planning an interview and the plan form's previews, a new time's included: the references, the
 * overlaps with the same people's interviews, connected calendars' busy times and the warnings.
 */
export class InterviewPlanner {
  constructor(
    private readonly service: InterviewsService,
    private readonly interviews: InterviewsRepository,
    private readonly log: InterviewEventLog,
    private readonly preparation: TaskPreparationReadiness,
    /** HOLIDAY_REGION's public holidays, for the plan form's warnings; none when unset. */
    private readonly isHoliday?: HolidayCheck,
    /** Connected calendars' busy times, checked when a plan is saved and previewed. */
    private readonly calendars?: FreeBusyPlanner,
    /** The organisation's settings: planning copies the day's lengths from them. */
    private readonly settings?: { current(): Promise<OrganisationSettings> },
  ) {}

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
    return this.service.detail(actor, id);
  }

  /** Busy times in connected calendars that a start meets; none when no calendars are wired. */
  async calendarConflicts(
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
    return this.guardsAndCalendars(actor, guarded, request.positionId);
  }

  /** The same people's other interviews a new time would overlap, prep to debrief. */
  async rescheduleOverlaps(actor: Actor, interview: InterviewRow, startsAt: string, timeZone: string) {
    return findOverlaps(this.interviews, readerOf(actor), await this.movedTo(interview, startsAt, timeZone));
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
    return this.guardsAndCalendars(
      actor,
      await this.movedTo(interview, startsAt, timeZone),
      interview.position_id,
    );
  }

  /** An interview as the planning guards read it, moved to a new start. */
  private async movedTo(interview: InterviewRow, startsAt: string, timeZone: string) {
    return {
      navigatorId: interview.navigator_id,
      shadowIds: await this.interviews.shadowIds(interview.id),
      startsAt,
      timeZone,
      pairingMinutes: interview.pairing_minutes,
      setupMinutes: setupMinutesFor(interview.setup_budget_sec),
      durations: dayDurationsOf(interview.day_durations),
      interviewId: interview.id,
    };
  }

  /** What the planning guards say about a plan or a new time, with the connected calendars' busy times. */
  private async guardsAndCalendars(
    actor: Actor,
    guarded: Parameters<typeof previewPlan>[2],
    positionId: string | undefined,
  ): Promise<PlanPreview> {
    const [preview, calendar] = await Promise.all([
      previewPlan(this.interviews, readerOf(actor), guarded, new Date(), this.isHoliday),
      this.calendarConflicts(
        { ...guarded, positionId },
        guarded.startsAt,
        guarded.pairingMinutes,
        guarded.setupMinutes,
      ),
    ]);
    return { ...preview, calendarConflicts: calendar.conflicts, unknownCalendars: calendar.unknown };
  }
}
