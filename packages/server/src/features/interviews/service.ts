import { randomUUID } from 'node:crypto';
import {
  AppError,
  availableActions,
  type InterviewDetail,
  type InterviewRole,
  type InterviewSummary,
  type Lever,
  nextStage,
  type PlanningItemId,
  phaseEndsAt,
  type planInterviewRequest,
  planningItems,
  planningReadiness,
  REFINEMENT_MINUTES,
  type Stage,
  type TransitionRequest,
  unprocessable,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { mayManageCandidates } from '../candidates/candidates.ts';
import type { TaskPreparationReadiness } from '../rehearsals/readiness.ts';
import type { InterviewEventLog } from './event-log.ts';
import { authorize, type Capability, interviewRoles } from './policy.ts';
import type { InterviewRow, InterviewsRepository } from './repository.ts';

export interface InterviewAccess {
  interview: InterviewRow;
  roles: InterviewRole[];
  shadowIds: string[];
}

export class InterviewsService {
  constructor(
    private readonly db: Db,
    private readonly interviews: InterviewsRepository,
    private readonly log: InterviewEventLog,
    private readonly preparation: TaskPreparationReadiness,
  ) {}

  /** Loads an interview for an actor and checks a capability: the entry to every interview rule. */
  async access(actor: Actor, id: string, capability: Capability): Promise<InterviewAccess> {
    const interview = await this.interviews.findById(id);
    if (!interview) throw new AppError('not_found', 'Interview was not found.');
    const shadowIds = await this.interviews.shadowIds(id);
    const lineManagerId = await this.interviews.lineManagerId(interview.position_id);
    const roles = interviewRoles(actor, { navigatorId: interview.navigator_id, shadowIds, lineManagerId });
    authorize(roles, capability);
    return { interview, roles, shadowIds };
  }

  async list(actor: Actor): Promise<InterviewSummary[]> {
    const [rows, shadows] = await Promise.all([
      this.interviews.listSummaries(),
      this.interviews.allShadows(),
    ]);
    return rows.flatMap((row) => {
      const myRoles = interviewRoles(actor, {
        navigatorId: row.navigator_id,
        shadowIds: shadows.get(row.id) ?? [],
        lineManagerId: row.line_manager_id,
      });
      if (myRoles.length === 0) return [];
      return [
        {
          id: row.id,
          candidateName: row.candidate_name,
          positionTitle: row.position_title,
          taskTitle: row.task_title,
          navigatorName: row.navigator_name,
          startsAt: row.starts_at,
          timeZone: row.time_zone,
          stage: row.stage as Stage,
          myRoles,
        },
      ];
    });
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
    const [candidate, position, task, navigator] = await Promise.all([
      this.db.selectFrom('candidates').select('id').where('id', '=', request.candidateId).executeTakeFirst(),
      this.db.selectFrom('positions').select('id').where('id', '=', request.positionId).executeTakeFirst(),
      this.db.selectFrom('tasks').selectAll().where('id', '=', request.taskId).executeTakeFirst(),
      this.db.selectFrom('users').select('roles').where('id', '=', request.navigatorId).executeTakeFirst(),
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
      ? await this.db.selectFrom('users').select(['id', 'roles']).where('id', 'in', shadowIds).execute()
      : [];
    if (
      shadows.length !== shadowIds.length ||
      shadows.some((s) => !(JSON.parse(s.roles) as string[]).includes('interviewer'))
    ) {
      fields.shadowIds ??= 'Shadows must be interviewers.';
    }
    const startsAt = toUtc(request.startsAtLocal, request.timeZone);
    if (!startsAt)
      fields.startsAtLocal = 'This time does not exist in the chosen time zone (a clock change).';
    if (Object.keys(fields).length > 0 || !task || !startsAt) {
      throw unprocessable('The interview plan is incomplete.', fields);
    }
    const now = DateTime.utc().toISO();
    const id = randomUUID();
    // The interview keeps this snapshot when the task is re-imported later (issue 3).
    const snapshotId = await this.preparation.latestSnapshotId(task.id);
    await this.log.transaction(async (trx, record) => {
      await this.interviews.insert(
        {
          id,
          candidate_id: request.candidateId,
          position_id: request.positionId,
          task_id: request.taskId,
          navigator_id: request.navigatorId,
          starts_at: startsAt,
          time_zone: request.timeZone,
          place: request.place,
          stage: 'planned',
          // Copied so later edits to the task never change the length of a planned session.
          pairing_minutes: task.pairing_minutes,
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
        },
        shadowIds,
        trx,
      );
      await record({
        interviewId: id,
        type: 'planned',
        actorId: actor.id,
        payload: { startsAt, timeZone: request.timeZone },
      });
    });
    return this.detail(actor, id);
  }

  async detail(actor: Actor, id: string): Promise<InterviewDetail> {
    const { interview: row, roles } = await this.access(actor, id, 'view');
    const [candidate, position, task, navigator, shadows, retro] = await this.interviews.detailParts(row);
    const events = await this.interviews.events(id);
    const ticked = new Set(JSON.parse(row.checklist) as string[]);
    const difficultyPlan = JSON.parse(row.difficulty_plan) as string[];
    const preparation = await this.preparation.forInterview(row.task_id, row.snapshot_id);
    // A plan is chosen once the navigator saved one, even "no levers"; a task without levers needs none.
    const planChosen =
      events.some((event) => event.type === 'difficulty_plan_chosen') ||
      (JSON.parse(task.levers) as Lever[]).length === 0;
    const checklist = planningReadiness(ticked, {
      difficulty_plan: planChosen,
      ...preparation.items,
    });
    const mayDrive = roles.includes('navigator') || roles.includes('admin');
    return {
      id: row.id,
      stage: row.stage as Stage,
      startsAt: row.starts_at,
      timeZone: row.time_zone,
      place: row.place,
      candidate: {
        id: candidate.id,
        name: candidate.name,
        timeZone: candidate.time_zone,
        pronouns: candidate.pronouns,
      },
      position: { id: position.id, title: position.title, lineManagerName: position.line_manager_name },
      task: {
        id: task.id,
        title: task.title,
        summary: task.summary,
        navigatorGuide: task.navigator_guide,
        pairingMinutes: row.pairing_minutes,
        setupBudgetSec: task.setup_budget_sec,
        tddRhythm: task.tdd_rhythm === 1,
        levers: JSON.parse(task.levers) as Lever[],
      },
      navigator,
      shadows,
      myRoles: roles,
      // Submission and decision have their own routes and rules; the generic buttons leave them out.
      availableActions: mayDrive
        ? availableActions(row.stage as Stage).filter(
            (a) => a !== 'submit_report' && a !== 'decide' && a !== 'check_in',
          )
        : [],
      checklist,
      snapshot: preparation.snapshot,
      difficultyPlan,
      clock: {
        serverNow: DateTime.utc().toISO(),
        setupStartedAt: row.setup_started_at,
        pairingStartedAt: row.pairing_started_at,
        pairingEndsAt: row.pairing_started_at
          ? phaseEndsAt(row.pairing_started_at, row.pairing_minutes)
          : null,
        pairingEndedAt: row.pairing_ended_at,
        breakStartedAt: row.break_started_at,
        retrospectiveStartedAt: row.retrospective_started_at,
        refinementStartedAt: row.refinement_started_at,
        refinementEndsAt: row.refinement_started_at
          ? phaseEndsAt(row.refinement_started_at, REFINEMENT_MINUTES)
          : null,
      },
      repositoryDeletionConfirmedAt: row.repository_deletion_confirmed_at,
      wellness: row.wellness as InterviewDetail['wellness'],
      events: events.map((event) => ({
        id: event.id,
        seq: event.seq,
        type: event.type,
        at: event.at,
        actorName: event.actor_name,
        payload: JSON.parse(event.payload) as Record<string, unknown>,
      })),
      deadline: retro?.deadline ?? null,
    };
  }

  async transition(actor: Actor, id: string, request: TransitionRequest): Promise<InterviewDetail> {
    const { interview } = await this.access(actor, id, 'drive');
    const stage = interview.stage as Stage;
    const next = nextStage(stage, request.action);
    const now = DateTime.utc().toISO();
    const changes: Partial<InterviewRow> = { stage: next };
    const payload: Record<string, unknown> = { from: stage, to: next };
    switch (request.action) {
      case 'start_setup':
        changes.setup_started_at = now;
        break;
      case 'start_pairing':
        changes.pairing_started_at = now;
        payload.pairingMinutes = interview.pairing_minutes;
        break;
      case 'end_pairing':
        changes.pairing_ended_at = now;
        break;
      case 'start_break':
        if (!interview.repository_deletion_confirmed_at) {
          throw unprocessable('Confirm first that the candidate deleted the repository from their machine.', {
            repositoryDeletion: 'Not confirmed yet.',
          });
        }
        changes.break_started_at = now;
        break;
      case 'start_retrospective':
        changes.retrospective_started_at = now;
        break;
      case 'start_refinement': {
        const retro = await this.db
          .selectFrom('retrospectives')
          .select('deadline')
          .where('interview_id', '=', id)
          .executeTakeFirst();
        if (!retro?.deadline) {
          throw unprocessable(
            'Ask the candidate by when they would like to hear back, and record it first.',
            {
              deadline: 'Required before refinement.',
            },
          );
        }
        changes.refinement_started_at = now;
        break;
      }
      case 'reschedule': {
        const startsAt = toUtc(request.startsAtLocal, request.timeZone);
        if (!startsAt)
          throw unprocessable('This time does not exist in the chosen time zone.', {
            startsAtLocal: 'Pick another time.',
          });
        Object.assign(changes, {
          starts_at: startsAt,
          time_zone: request.timeZone,
          calendar_sequence: interview.calendar_sequence + 1,
          wellness: null,
          setup_started_at: null,
        });
        Object.assign(payload, {
          previousStartsAt: interview.starts_at,
          startsAt,
          timeZone: request.timeZone,
          reason: request.reason,
        });
        break;
      }
      case 'cancel':
        if (request.reason) payload.reason = request.reason;
        break;
    }
    await this.applyChange(
      actor,
      interview,
      stage,
      changes,
      request.action === 'reschedule' ? 'rescheduled' : next,
      payload,
    );
    return this.detail(actor, id);
  }

  /** Check-in: a candidate who is not well goes straight to a reschedule, with nothing held against them. */
  async recordWellness(actor: Actor, id: string, well: boolean): Promise<InterviewDetail> {
    const { interview } = await this.access(actor, id, 'drive');
    const stage = interview.stage as Stage;
    if (well) {
      const next = nextStage(stage, 'check_in');
      await this.applyChange(actor, interview, stage, { stage: next, wellness: 'well' }, 'checked_in', {
        well: true,
      });
    } else {
      nextStage(stage, 'reschedule');
      await this.applyChange(actor, interview, stage, { wellness: 'not_well' }, 'wellness_recorded', {
        well: false,
      });
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
    const ticked = new Set(JSON.parse(interview.checklist) as string[]);
    if (done) ticked.add(itemId);
    else ticked.delete(itemId);
    await this.applyChange(
      actor,
      interview,
      interview.stage,
      { checklist: JSON.stringify([...ticked]) },
      'checklist_updated',
      {
        item: itemId,
        done,
      },
    );
    return this.detail(actor, id);
  }

  async setDifficultyPlan(actor: Actor, id: string, leverIds: string[]): Promise<InterviewDetail> {
    const { interview } = await this.access(actor, id, 'drive');
    const task = await this.db
      .selectFrom('tasks')
      .select('levers')
      .where('id', '=', interview.task_id)
      .executeTakeFirstOrThrow();
    const known = new Set((JSON.parse(task.levers) as Lever[]).map((lever) => lever.id));
    const unknown = leverIds.filter((leverId) => !known.has(leverId));
    if (unknown.length > 0)
      throw unprocessable(`Unknown lever(s): ${unknown.join(', ')}.`, {
        leverIds: 'Pick levers of this task.',
      });
    await this.applyChange(
      actor,
      interview,
      interview.stage,
      { difficulty_plan: JSON.stringify([...new Set(leverIds)]) },
      'difficulty_plan_chosen',
      {
        leverIds,
      },
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
        'repository_deletion_confirmed',
        {},
      );
    }
    return this.detail(actor, id);
  }

  /** Writes a change and its event in one transaction, refusing if someone moved the interview meanwhile. */
  async applyChange(
    actor: Actor,
    interview: InterviewRow,
    expectedStage: string,
    changes: Partial<InterviewRow>,
    eventType: string,
    payload: Record<string, unknown>,
  ): Promise<void> {
    await this.log.transaction(async (trx, record) => {
      const won = await this.interviews.updateIfStage(interview.id, expectedStage, changes, trx);
      if (!won)
        throw new AppError(
          'conflict',
          'Someone else changed this interview just now. Reload to see its current stage.',
        );
      await record({ interviewId: interview.id, type: eventType, actorId: actor.id, payload });
    });
  }
}

/** Wall-clock time in a zone to UTC; null when the time falls into a daylight-saving gap. */
export function toUtc(local: string, zone: string): string | null {
  const dateTime = DateTime.fromISO(local, { zone });
  if (!dateTime.isValid || dateTime.toFormat("yyyy-MM-dd'T'HH:mm") !== local) return null;
  return dateTime.toUTC().toISO();
}
