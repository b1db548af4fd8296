import {
  planningReadiness,
  type QueueInterview,
  type Stage,
  type WorkQueueResponse,
  workQueue,
  workQueueStages,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import type { InterviewScope } from '../interviews/list-queries.ts';
import { interviewRoles } from '../interviews/policy.ts';
import { checklistOf, type InterviewsRepository, leversOf } from '../interviews/repository.ts';
import type { TaskPreparationReadiness } from '../rehearsals/readiness.ts';
import type { WorkQueueRepository } from './repository.ts';

/**
 * How many open interviews the queue reads per scope, soonest first. Open interviews are the few
 * that are coming or running; this bounds the page for someone with an unusual backlog, who is
 * told the queue is cut and still pages through the lists below it. The cost of the queue grows
 * with this number (each interview's panel, requests and deadline are read and judged): on the
 * scale benchmark's seed, a line manager's queue took 44 ms of CPU at 200 and 17 ms at 50.
 */
export const QUEUE_LIMIT = 50;

/** The line manager's work starts once the candidate has left: impressions, then the decision. */
const managerStages: Stage[] = ['refinement', 'reported'];
const dayStages: Stage[] = workQueueStages.filter((stage) => stage !== 'refinement' && stage !== 'reported');

export class WorkQueueService {
  constructor(
    private readonly interviews: InterviewsRepository,
    private readonly repository: WorkQueueRepository,
    private readonly preparation: TaskPreparationReadiness,
    private readonly now: () => Date = () => new Date(),
    private readonly limit: number = QUEUE_LIMIT,
  ) {}

  async queue(actor: Actor, timeZone: string): Promise<WorkQueueResponse> {
    const now = this.now();
    const day = DateTime.fromJSDate(now, { zone: timeZone });
    const today = { from: day.startOf('day').toUTC().toISO()!, to: day.endOf('day').toUTC().toISO()! };

    // The same scopes as the interview list (decision 019), each read a bounded page deep from
    // its own index: open stages soonest first, and separately today's, so a long backlog never
    // pushes today off the queue.
    const scopes: Array<{ scope: InterviewScope; stages: Stage[] }> = [];
    if (hasRole(actor, 'admin')) scopes.push({ scope: { kind: 'all' }, stages: [...workQueueStages] });
    else {
      if (hasRole(actor, 'interviewer')) {
        for (const kind of ['navigator', 'shadow'] as const) {
          scopes.push({ scope: { kind, userId: actor.id }, stages: [...workQueueStages] });
        }
      }
      if (hasRole(actor, 'line_manager')) {
        for (const positionId of await this.interviews.managedPositionIds(actor.id)) {
          scopes.push({ scope: { kind: 'position', positionId }, stages: managerStages });
        }
      }
    }
    const ids = new Set<string>();
    let truncated = false;
    for (const { scope, stages } of scopes) {
      const reads: Array<{ stages: Stage[]; from?: string; to?: string }> = [{ stages }];
      if (stages !== managerStages) reads.push({ stages: dayStages, ...today });
      for (const read of reads) {
        const keys = await this.interviews.pageKeys(
          { ...read, words: [], order: 'asc', limit: this.limit },
          scope,
        );
        if (keys.length > this.limit) truncated = true;
        for (const key of keys.slice(0, this.limit)) ids.add(key.id);
      }
    }
    const interviews = ids.size > 0 ? await this.load(actor, [...ids]) : [];
    return {
      serverNow: now.toISOString(),
      sections: workQueue(interviews, actor, { now, timeZone }),
      truncated,
    };
  }

  private async load(actor: Actor, ids: string[]): Promise<QueueInterview[]> {
    const rows = await this.repository.rows(ids);
    const [panels, rescheduled, accommodations] = await Promise.all([
      this.repository.panels(rows),
      this.repository.rescheduleRequested(rows),
      this.repository.openAccommodationRequests(ids),
    ]);
    // The checklist is the navigator's to finish: read only for the ones they prepare.
    const preparing = rows.filter(
      (row) => row.navigator_id === actor.id && (row.stage === 'planned' || row.stage === 'invited'),
    );
    const openItems = await this.openChecklistItems(preparing);
    return rows.flatMap((row) => {
      const { shadowIds, panel } = panels.get(row.id)!;
      const roles = interviewRoles(actor, {
        navigatorId: row.navigator_id,
        shadowIds,
        lineManagerId: row.line_manager_id,
      });
      if (roles.length === 0) return [];
      return [
        {
          id: row.id,
          candidateName: row.candidate_name,
          positionTitle: row.position_title,
          startsAt: row.starts_at,
          timeZone: row.time_zone,
          stage: row.stage,
          roles,
          panel,
          openChecklistItems: openItems.get(row.id) ?? null,
          rescheduleRequested: rescheduled.has(row.id),
          openAccommodationRequests: accommodations.get(row.id) ?? 0,
          deadline: row.deadline ?? null,
        },
      ];
    });
  }

  /** Required planning items not done, computed as the interview page computes its checklist. */
  private async openChecklistItems(
    rows: ReadonlyArray<{
      id: string;
      task_id: string;
      snapshot_id: string | null;
      checklist: string;
      task_levers: string;
    }>,
  ): Promise<Map<string, number>> {
    if (rows.length === 0) return new Map();
    const chosen = await this.repository.difficultyPlanChosen(rows.map((row) => row.id));
    // The task's levers came with its interviews' rows; parsed once per task.
    const levers = new Map(rows.map((row) => [row.task_id, row.task_levers]));
    const leverCounts = new Map([...levers].map(([taskId, stored]) => [taskId, leversOf(stored).length]));
    // Interviews of one task share its evidence: read once per task and snapshot.
    const evidence = new Map<string, ReturnType<TaskPreparationReadiness['forInterview']>>();
    const counts = new Map<string, number>();
    for (const row of rows) {
      const key = `${row.task_id} ${row.snapshot_id ?? ''}`;
      if (!evidence.has(key)) evidence.set(key, this.preparation.forInterview(row.task_id, row.snapshot_id));
      const { items } = await evidence.get(key)!;
      const planChosen = chosen.has(row.id) || leverCounts.get(row.task_id) === 0;
      const readiness = planningReadiness(new Set(checklistOf(row)), {
        difficulty_plan: planChosen,
        ...items,
      });
      counts.set(row.id, readiness.items.filter((item) => item.required && !item.done).length);
    }
    return counts;
  }
}
