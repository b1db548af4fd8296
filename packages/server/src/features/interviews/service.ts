import {
  AppError,
  type HolidayCheck,
  type InterviewDetail,
  type InterviewEventInput,
  type InterviewRole,
  type interviewListQuery,
  type Occurrence,
  type OrganisationSettings,
  type PanelMemberState,
  type PlanningItemId,
  type ProcessFacts,
  panelMemberState,
  type planInterviewRequest,
  type planPreviewRequest,
  type Reader,
  type Stage,
  type TransitionRequest,
} from '@pairwise/domain';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import type { CalendarClearedEvidence } from '../calendar-connections/calendar-cleared.ts';
import type { FreeBusyPlanner } from '../calendar-connections/free-busy-planner.ts';
import type { TaskPreparationReadiness } from '../rehearsals/readiness.ts';
import type { MemberInterview } from './access-queries.ts';
import { InterviewDaySteps } from './day-steps.ts';
import { interviewDetail } from './detail.ts';
import type { InterviewEventLog } from './event-log.ts';
import { listInterviews } from './interview-list.ts';
import { PanelReassignment } from './panel-reassignment.ts';
import { InterviewPlanner } from './planner.ts';
import { authorize, type Capability, interviewRoles } from './policy.ts';
import type { InterviewRow, InterviewsRepository } from './repository.ts';
import { InterviewTransitions } from './transitions.ts';

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

/**
 * The interview rules' entry: the access check every request starts with, the detail, and the
 * one write of a change with its event. Planning (planner.ts), the lifecycle's steps
 * (transitions.ts), the day's own records (day-steps.ts) and the list (interview-list.ts) live in
 * files of their own and are answered through this class, so callers keep the one service.
 */
export class InterviewsService {
  constructor(
    private readonly interviews: InterviewsRepository,
    private readonly log: InterviewEventLog,
    private readonly preparation: TaskPreparationReadiness,
    /** HOLIDAY_REGION's public holidays, for the plan form's warnings; none when unset. */
    isHoliday?: HolidayCheck,
    /** Connected calendars' busy times, checked when a plan is saved and previewed. */
    calendars?: FreeBusyPlanner,
    /** The "calendar cleared" item's evidence: blocks in connected calendars, or mailed. */
    private readonly calendarCleared?: CalendarClearedEvidence,
    /** The organisation's settings: planning copies the day's lengths from them. */
    settings?: { current(): Promise<OrganisationSettings> },
  ) {
    this.reassignment = new PanelReassignment(interviews, log);
    this.planner = new InterviewPlanner(this, interviews, log, preparation, isHoliday, calendars, settings);
    this.transitions = new InterviewTransitions(this, interviews, this.planner);
    this.daySteps = new InterviewDaySteps(this, interviews, this.transitions);
  }

  /** Deactivated accounts on panels: what they leave behind and who must be reassigned. */
  readonly reassignment: PanelReassignment;
  private readonly planner: InterviewPlanner;
  private readonly transitions: InterviewTransitions;
  private readonly daySteps: InterviewDaySteps;

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

  /** See `listInterviews`. */
  list(actor: Actor, query: z.output<typeof interviewListQuery>) {
    return listInterviews(this.interviews, actor, query);
  }

  plan(actor: Actor, request: z.output<typeof planInterviewRequest>) {
    return this.planner.plan(actor, request);
  }

  /** The plan form's live check: what the plan would be refused for, overlap with, or warn about. */
  previewPlan(actor: Actor, request: z.output<typeof planPreviewRequest>) {
    return this.planner.previewPlan(actor, request);
  }

  /** The same people's other interviews a new time would overlap, prep to debrief. */
  rescheduleOverlaps(actor: Actor, interview: InterviewRow, startsAt: string, timeZone: string) {
    return this.planner.rescheduleOverlaps(actor, interview, startsAt, timeZone);
  }

  /** What the plan form's guards say about a new time for this interview. */
  previewReschedule(
    actor: Actor,
    interview: InterviewRow,
    startsAtLocal: string,
    timeZone: string,
    occurrence: Occurrence | undefined,
  ) {
    return this.planner.previewReschedule(actor, interview, startsAtLocal, timeZone, occurrence);
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
  transition(actor: Actor, id: string, request: TransitionRequest) {
    return this.transitions.transition(actor, id, request);
  }

  /** The reschedule's and the cancellation's own path calls this once the preview digest matched. */
  changeFromPreview(
    actor: Actor,
    id: string,
    request: Extract<TransitionRequest, { action: 'reschedule' | 'cancel' }>,
  ) {
    return this.transitions.changeFromPreview(actor, id, request);
  }

  /** The invitation's own path calls this once the navigator's preview digest matched. */
  invite(actor: Actor, id: string, notReadyReason?: string) {
    return this.transitions.invite(actor, id, notReadyReason);
  }

  /** Check-in: a candidate who is not well goes straight to a reschedule, with nothing held against them. */
  recordWellness(actor: Actor, id: string, well: boolean, startEarly = false) {
    return this.daySteps.recordWellness(actor, id, well, startEarly);
  }

  setChecklistItem(actor: Actor, id: string, itemId: PlanningItemId, done: boolean) {
    return this.daySteps.setChecklistItem(actor, id, itemId, done);
  }

  setDifficultyPlan(actor: Actor, id: string, leverIds: string[]) {
    return this.daySteps.setDifficultyPlan(actor, id, leverIds);
  }

  confirmRepositoryDeletion(actor: Actor, id: string) {
    return this.daySteps.confirmRepositoryDeletion(actor, id);
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
