import type { Lever, PanelMember } from '@pairwise/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { leversOf } from '../interviews/repository.ts';

type Executor = Kysely<Database>;

/**
 * What the work queue knows about a bounded set of interviews, each read in one query keyed by
 * interview id through that table's index: never a scan of the company's history.
 */
export class WorkQueueRepository {
  constructor(private readonly db: Executor) {}

  rows(ids: readonly string[]) {
    return this.db
      .selectFrom('interviews')
      .innerJoin('candidates', 'candidates.id', 'interviews.candidate_id')
      .innerJoin('positions', 'positions.id', 'interviews.position_id')
      .select([
        'interviews.id',
        'interviews.stage',
        'interviews.starts_at',
        'interviews.time_zone',
        'interviews.navigator_id',
        'interviews.task_id',
        'interviews.snapshot_id',
        'interviews.checklist',
        'interviews.calendar_sequence',
        'positions.line_manager_id',
        'candidates.name as candidate_name',
        'positions.title as position_title',
      ])
      .where('interviews.id', 'in', [...ids])
      .execute();
  }

  /** Each interview's panel in order (navigator first), with names and who has submitted. */
  async panels(
    interviews: ReadonlyArray<{ id: string; navigator_id: string }>,
  ): Promise<Map<string, { shadowIds: string[]; panel: PanelMember[] }>> {
    const ids = interviews.map((row) => row.id);
    const [shadows, submitted] = await Promise.all([
      this.db.selectFrom('interview_shadows').selectAll().where('interview_id', 'in', ids).execute(),
      this.db
        .selectFrom('scorecards')
        .select(['interview_id', 'author_id'])
        .where('interview_id', 'in', ids)
        .where('submitted_at', 'is not', null)
        .execute(),
    ]);
    const shadowsOf = new Map<string, string[]>();
    for (const row of shadows)
      shadowsOf.set(row.interview_id, [...(shadowsOf.get(row.interview_id) ?? []), row.user_id]);
    const userIds = [
      ...new Set([...interviews.map((row) => row.navigator_id), ...shadows.map((row) => row.user_id)]),
    ];
    const users = await this.db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('id', 'in', userIds)
      .execute();
    const names = new Map(users.map((user) => [user.id, user.name]));
    const done = new Set(submitted.map((row) => `${row.interview_id} ${row.author_id}`));
    return new Map(
      interviews.map((row) => {
        const shadowIds = shadowsOf.get(row.id) ?? [];
        const panel = [row.navigator_id, ...shadowIds].map(
          (id, index): PanelMember => ({
            id,
            name: names.get(id) ?? '',
            role: index === 0 ? 'navigator' : 'shadow',
            submitted: done.has(`${row.id} ${id}`),
          }),
        );
        return [row.id, { shadowIds, panel }];
      }),
    );
  }

  /** Interviews whose candidate asked for another time for the invitation they hold now. */
  async rescheduleRequested(interviews: ReadonlyArray<{ id: string; calendar_sequence: number }>) {
    if (interviews.length === 0) return new Set<string>();
    const responses = await this.db
      .selectFrom('candidate_responses')
      .select(['interview_id', 'kind', 'calendar_sequence'])
      .where(
        'interview_id',
        'in',
        interviews.map((row) => row.id),
      )
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const sequence = new Map(interviews.map((row) => [row.id, row.calendar_sequence]));
    // The latest answer to the current invitation counts: a later "confirmed" withdraws a request,
    // and a new time (a new sequence) answers it.
    const latest = new Map<string, string>();
    for (const row of responses) {
      if (row.calendar_sequence === sequence.get(row.interview_id)) latest.set(row.interview_id, row.kind);
    }
    return new Set([...latest].flatMap(([id, kind]) => (kind === 'reschedule_requested' ? [id] : [])));
  }

  /** How many accommodation requests of each interview nobody answered yet. */
  async openAccommodationRequests(ids: readonly string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('accommodation_requests')
      .select('interview_id')
      .where('interview_id', 'in', [...ids])
      .where('answered_at', 'is', null)
      .execute();
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.interview_id, (counts.get(row.interview_id) ?? 0) + 1);
    return counts;
  }

  async deadlines(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('retrospectives')
      .select(['interview_id', 'deadline'])
      .where('interview_id', 'in', [...ids])
      .where('deadline', 'is not', null)
      .execute();
    return new Map(rows.map((row) => [row.interview_id, row.deadline!]));
  }

  /** Interviews whose navigator saved a difficulty plan (even "no levers"). */
  async difficultyPlanChosen(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('interview_events')
      .select('interview_id')
      .where('interview_id', 'in', [...ids])
      .where('type', '=', 'difficulty_plan_chosen')
      .execute();
    return new Set(rows.map((row) => row.interview_id));
  }

  async taskLevers(taskIds: readonly string[]): Promise<Map<string, Lever[]>> {
    if (taskIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('tasks')
      .select(['id', 'levers'])
      .where('id', 'in', [...taskIds])
      .execute();
    return new Map(rows.map((row) => [row.id, leversOf(row.levers)]));
  }
}
