import {
  AppError,
  guardDayOfStep,
  guardTransition,
  type InterviewDetail,
  nextStage,
  type PlanningItemId,
  planningItems,
  unprocessable,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { Actor } from '../../platform/auth/actor.ts';
import { toJsonColumn } from '../../platform/db/json-column.ts';
import { checklistOf, type InterviewsRepository } from './repository.ts';
import type { InterviewsService } from './service.ts';
import type { InterviewTransitions } from './transitions.ts';

/**
 * The day's own records on an interview: the candidate's wellness at check-in, the planning
 * checklist's ticks, the difficulty plan and the confirmed deletion of the repository.
 */
export class InterviewDaySteps {
  constructor(
    private readonly service: InterviewsService,
    private readonly interviews: InterviewsRepository,
    private readonly transitions: InterviewTransitions,
  ) {}

  /** Check-in: a candidate who is not well goes straight to a reschedule, with nothing held against them. */
  async recordWellness(
    actor: Actor,
    id: string,
    well: boolean,
    startEarly = false,
  ): Promise<InterviewDetail> {
    const { interview } = await this.service.access(actor, id, 'drive');
    const stage = interview.stage;
    if (well) {
      const { next, recorded } = guardTransition(
        'check_in',
        await this.transitions.transitionFacts(actor, interview),
        new Date(),
        { startEarly },
      );
      await this.service.applyChange(
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
      await this.service.applyChange(
        actor,
        interview,
        stage,
        { wellness: 'not_well' },
        { type: 'wellness_recorded', payload: { well: false, ...(early ? { startedEarly: true } : {}) } },
      );
    }
    return this.service.detail(actor, id);
  }

  async setChecklistItem(
    actor: Actor,
    id: string,
    itemId: PlanningItemId,
    done: boolean,
  ): Promise<InterviewDetail> {
    const { interview } = await this.service.access(actor, id, 'drive');
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
    await this.service.applyChange(
      actor,
      interview,
      interview.stage,
      { checklist: toJsonColumn([...ticked]) },
      { type: 'checklist_updated', payload: { item: itemId, done } },
    );
    return this.service.detail(actor, id);
  }

  async setDifficultyPlan(actor: Actor, id: string, leverIds: string[]): Promise<InterviewDetail> {
    const { interview } = await this.service.access(actor, id, 'drive');
    const levers = await this.interviews.taskLevers(interview.task_id);
    const known = new Set(levers.map((lever) => lever.id));
    const unknown = leverIds.filter((leverId) => !known.has(leverId));
    if (unknown.length > 0)
      throw unprocessable(`Unknown lever(s): ${unknown.join(', ')}.`, {
        leverIds: 'Pick levers of this task.',
      });
    await this.service.applyChange(
      actor,
      interview,
      interview.stage,
      { difficulty_plan: toJsonColumn([...new Set(leverIds)]) },
      { type: 'difficulty_plan_chosen', payload: { leverIds } },
    );
    return this.service.detail(actor, id);
  }

  async confirmRepositoryDeletion(actor: Actor, id: string): Promise<InterviewDetail> {
    const { interview } = await this.service.access(actor, id, 'drive');
    if (interview.stage !== 'wrap') {
      throw new AppError(
        'illegal_transition',
        'The deletion of the repository is confirmed during the wrap-up, right after pairing.',
      );
    }
    if (!interview.repository_deletion_confirmed_at) {
      await this.service.applyChange(
        actor,
        interview,
        'wrap',
        { repository_deletion_confirmed_at: DateTime.utc().toISO() },
        { type: 'repository_deletion_confirmed', payload: {} },
      );
    }
    return this.service.detail(actor, id);
  }
}
