import type { PanelMember } from '@pairwise/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

type Executor = Kysely<Database>;

/**
 * What the work queue knows about a bounded set of interviews, each read in one query keyed by
 * interview id through that table's index: never a scan of the company's history. A query is a
 * round trip, which on PostgreSQL costs Pairwise's process ~0.25 ms of CPU however little it
 * returns, so what is one row per interview (its navigator's name, its task's levers, its
 * deadline) is joined to the interview's row. Counted and latest-of facts stay queries of their
 * own: as correlated subqueries in the same row they cost more CPU than the round trips they saved.
 */
export class WorkQueueRepository {
  constructor(private readonly db: Executor) {}

  rows(ids: readonly string[]) {
    return this.db
      .selectFrom('interviews')
      .innerJoin('candidates', 'candidates.id', 'interviews.candidate_id')
      .innerJoin('positions', 'positions.id', 'interviews.position_id')
      .innerJoin('users as navigators', 'navigators.id', 'interviews.navigator_id')
      .innerJoin('tasks', 'tasks.id', 'interviews.task_id')
      .leftJoin('retrospectives', 'retrospectives.interview_id', 'interviews.id')
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
        'navigators.name as navigator_name',
        'tasks.levers as task_levers',
        'retrospectives.deadline',
      ])
      .where('interviews.id', 'in', [...ids])
      .execute();
  }

  /** Each interview's panel in order (navigator first), with names and who has submitted. */
  async panels(
    interviews: ReadonlyArray<{ id: string; navigator_id: string; navigator_name: string }>,
  ): Promise<Map<string, { shadowIds: string[]; panel: PanelMember[] }>> {
    const ids = interviews.map((row) => row.id);
    const [shadows, submitted] = await Promise.all([
      this.db
        .selectFrom('interview_shadows')
        .innerJoin('users', 'users.id', 'interview_shadows.user_id')
        .select(['interview_shadows.interview_id', 'interview_shadows.user_id', 'users.name'])
        .where('interview_shadows.interview_id', 'in', ids)
        .execute(),
      this.db
        .selectFrom('scorecards')
        .select(['interview_id', 'author_id'])
        .where('interview_id', 'in', ids)
        .where('submitted_at', 'is not', null)
        .execute(),
    ]);
    const shadowsOf = new Map<string, Array<{ id: string; name: string }>>();
    for (const row of shadows) {
      const member = { id: row.user_id, name: row.name };
      shadowsOf.set(row.interview_id, [...(shadowsOf.get(row.interview_id) ?? []), member]);
    }
    const done = new Set(submitted.map((row) => `${row.interview_id} ${row.author_id}`));
    return new Map(
      interviews.map((row) => {
        const members = [
          { id: row.navigator_id, name: row.navigator_name },
          ...(shadowsOf.get(row.id) ?? []),
        ];
        const panel = members.map(
          ({ id, name }, index): PanelMember => ({
            id,
            name,
            role: index === 0 ? 'navigator' : 'shadow',
            submitted: done.has(`${row.id} ${id}`),
          }),
        );
        return [row.id, { shadowIds: members.slice(1).map((member) => member.id), panel }];
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
}
