import type { Stage } from '@pairwise/domain';
import { z } from 'zod';
import { parseJsonColumn } from '../../platform/db/json-column.ts';
import { onPanelOf } from './panel-sql.ts';
import type { Executor } from './repository.ts';

const roleList = z.array(z.string());

/** What a plan names by id: the candidate, position, task and navigator it is for. */
export interface PlanReferenceIds {
  candidateId: string;
  positionId: string;
  taskId: string;
  navigatorId: string;
}

/**
 * Who is or would be on panels: what a plan refers to and whom it would overlap with, and the
 * seats a deactivated account leaves behind.
 */
export class InterviewPanelQueries {
  constructor(private readonly db: Executor) {}

  /** What a plan refers to, each undefined when it does not exist; the navigator's roles read. */
  async planReferences(request: PlanReferenceIds) {
    const [candidate, position, task, navigator] = await Promise.all([
      this.db
        .selectFrom('candidates')
        .select(['id', 'name', 'email'])
        .where('id', '=', request.candidateId)
        .executeTakeFirst(),
      this.db.selectFrom('positions').select('id').where('id', '=', request.positionId).executeTakeFirst(),
      this.db.selectFrom('tasks').selectAll().where('id', '=', request.taskId).executeTakeFirst(),
      this.db
        .selectFrom('users')
        .select(['roles', 'active'])
        .where('id', '=', request.navigatorId)
        .executeTakeFirst(),
    ]);
    return {
      candidate,
      position,
      task,
      navigator: navigator && { roles: parseJsonColumn(roleList, navigator.roles), active: navigator.active },
    };
  }

  /** The accounts of would-be panel members: their roles and whether they are active. */
  async panelAccounts(ids: string[]): Promise<Array<{ id: string; roles: string[]; active: number }>> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'roles', 'active'])
      .where('id', 'in', ids)
      .execute();
    return rows.map((row) => ({ ...row, roles: parseJsonColumn(roleList, row.roles) }));
  }

  /**
   * Interviews still holding time that start within the window and have any of `panel` on them:
   * the candidates an overlap check compares against.
   */
  overlapCandidates(panel: string[], window: { after: string; before: string }, releasedStages: Stage[]) {
    return this.db
      .selectFrom('interviews')
      .innerJoin('candidates', 'candidates.id', 'interviews.candidate_id')
      .select([
        'interviews.id',
        'interviews.starts_at',
        'interviews.pairing_minutes',
        'interviews.setup_budget_sec',
        'interviews.day_durations',
        'interviews.navigator_id',
        'candidates.name as candidate_name',
      ])
      .where('interviews.stage', 'not in', releasedStages)
      .where('interviews.starts_at', '>', window.after)
      .where('interviews.starts_at', '<', window.before)
      .where((eb) => onPanelOf(eb, panel))
      .execute();
  }

  shadowsOfInterviews(interviewIds: string[]) {
    return this.db
      .selectFrom('interview_shadows')
      .select(['interview_id', 'user_id'])
      .where('interview_id', 'in', interviewIds)
      .execute();
  }

  userNames(ids: string[]) {
    return this.db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  }

  /** The interviews still needing their panel on which the user has a seat. */
  seatsOf(userId: string, panelNeeded: Stage[]) {
    return this.db
      .selectFrom('interviews')
      .select(['interviews.id', 'interviews.stage', 'interviews.navigator_id'])
      .where('interviews.stage', 'in', panelNeeded)
      .where((eb) => onPanelOf(eb, [userId]))
      .execute();
  }

  /** Interviews still needing their panel with a deactivated account on it, soonest first. */
  withInactivePanel(panelNeeded: Stage[], limit: number) {
    return this.db
      .selectFrom('interviews')
      .innerJoin('candidates', 'candidates.id', 'interviews.candidate_id')
      .innerJoin('positions', 'positions.id', 'interviews.position_id')
      .select([
        'interviews.id',
        'interviews.stage',
        'interviews.starts_at',
        'candidates.name as candidate_name',
        'positions.title as position_title',
      ])
      .where('interviews.stage', 'in', panelNeeded)
      .where((eb) =>
        eb.or([
          eb('interviews.navigator_id', 'in', eb.selectFrom('users').select('id').where('active', '=', 0)),
          eb(
            'interviews.id',
            'in',
            eb
              .selectFrom('interview_shadows')
              .innerJoin('users', 'users.id', 'interview_shadows.user_id')
              .select('interview_shadows.interview_id')
              .where('users.active', '=', 0),
          ),
        ]),
      )
      .orderBy('interviews.starts_at')
      .limit(limit)
      .execute();
  }

  /** The deactivated navigators and shadows (by name) of these interviews. */
  async inactivePanelMembers(interviewIds: string[]) {
    const [navigators, shadows] = await Promise.all([
      this.db
        .selectFrom('interviews')
        .innerJoin('users', 'users.id', 'interviews.navigator_id')
        .select(['interviews.id as interview_id', 'users.id', 'users.name'])
        .where('interviews.id', 'in', interviewIds)
        .where('users.active', '=', 0)
        .execute(),
      this.db
        .selectFrom('interview_shadows')
        .innerJoin('users', 'users.id', 'interview_shadows.user_id')
        .select(['interview_shadows.interview_id', 'users.id', 'users.name'])
        .where('interview_shadows.interview_id', 'in', interviewIds)
        .where('users.active', '=', 0)
        .orderBy('users.name')
        .execute(),
    ]);
    return { navigators, shadows };
  }
}
