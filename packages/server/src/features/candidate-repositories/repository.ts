import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

export type CandidateRepositoryRow = Database['candidate_repositories'];
export type PushRow = Database['pushes'];
type Executor = Kysely<Database>;

/** The interview's side of a repository: what the window and the starting point are computed from. */
export interface RepositoryInterviewFacts {
  id: string;
  stage: string;
  task_id: string;
  task_title: string;
  snapshot_id: string | null;
  starts_at: string;
  setup_started_at: string | null;
  pairing_started_at: string | null;
  pairing_minutes: number;
  pairing_ended_at: string | null;
  candidate_time_zone: string;
}

export interface SnapshotChoice {
  id: string;
  task_id: string;
  commit: string;
}

/** The database side of candidate repositories; the repositories themselves are on disk. */
export class CandidateRepositoriesRepository {
  constructor(private readonly db: Executor) {}

  find(interviewId: string, executor: Executor = this.db): Promise<CandidateRepositoryRow | undefined> {
    return executor
      .selectFrom('candidate_repositories')
      .selectAll()
      .where('interview_id', '=', interviewId)
      .executeTakeFirst();
  }

  /** Everything `authorize` needs in one query: git asks 3–4 times per clone or push. */
  findBySlug(slug: string) {
    return this.db
      .selectFrom('candidate_repositories')
      .innerJoin('interviews', 'interviews.id', 'candidate_repositories.interview_id')
      .innerJoin('candidates', 'candidates.id', 'interviews.candidate_id')
      .selectAll('candidate_repositories')
      .select([
        'interviews.stage',
        'interviews.starts_at',
        'interviews.setup_started_at',
        'interviews.pairing_started_at',
        'interviews.pairing_minutes',
        'interviews.pairing_ended_at',
        'candidates.time_zone as candidate_time_zone',
      ])
      .where('candidate_repositories.slug', '=', slug)
      .executeTakeFirst();
  }

  interviewFacts(interviewId: string): Promise<RepositoryInterviewFacts | undefined> {
    return this.db
      .selectFrom('interviews')
      .innerJoin('tasks', 'tasks.id', 'interviews.task_id')
      .innerJoin('candidates', 'candidates.id', 'interviews.candidate_id')
      .select([
        'interviews.id',
        'interviews.stage',
        'interviews.task_id',
        'tasks.title as task_title',
        'interviews.snapshot_id',
        'interviews.starts_at',
        'interviews.setup_started_at',
        'interviews.pairing_started_at',
        'interviews.pairing_minutes',
        'interviews.pairing_ended_at',
        'candidates.time_zone as candidate_time_zone',
      ])
      .where('interviews.id', '=', interviewId)
      .executeTakeFirst();
  }

  /**
   * The snapshot the candidate starts from, by the task-snapshots feature's rule: the one chosen
   * for the interview, or while none was, the task's latest.
   */
  async startingSnapshot(facts: RepositoryInterviewFacts): Promise<SnapshotChoice | undefined> {
    const query = this.db.selectFrom('task_snapshots').select(['id', 'task_id', 'commit']);
    if (facts.snapshot_id) return query.where('id', '=', facts.snapshot_id).executeTakeFirst();
    return query
      .where('task_id', '=', facts.task_id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Inserts unless another request (or node) got there first; either way returns the row that won. */
  async insertIfAbsent(row: CandidateRepositoryRow): Promise<CandidateRepositoryRow> {
    await this.db
      .insertInto('candidate_repositories')
      .values(row)
      .onConflict((conflict) => conflict.column('interview_id').doNothing())
      .execute();
    return (await this.find(row.interview_id))!;
  }

  async slugTaken(slug: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('candidate_repositories')
      .select('slug')
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row !== undefined;
  }

  async update(
    interviewId: string,
    changes: Partial<Omit<CandidateRepositoryRow, 'interview_id' | 'slug'>>,
    executor: Executor = this.db,
  ): Promise<void> {
    await executor
      .updateTable('candidate_repositories')
      .set(changes)
      .where('interview_id', '=', interviewId)
      .execute();
  }

  /** Sets the first access time once; concurrent first requests leave the earliest. */
  async markFirstAccess(interviewId: string, at: string): Promise<void> {
    await this.db
      .updateTable('candidate_repositories')
      .set({ first_access_at: at })
      .where('interview_id', '=', interviewId)
      .where('first_access_at', 'is', null)
      .execute();
  }

  async pushSummary(interviewId: string): Promise<{ count: number; lastAt: string | null }> {
    const row = await this.db
      .selectFrom('pushes')
      .select((eb) => [eb.fn.countAll<number | string>().as('count'), eb.fn.max('at').as('last_at')])
      .where('interview_id', '=', interviewId)
      .executeTakeFirst();
    return { count: Number(row?.count ?? 0), lastAt: (row?.last_at as string | null) ?? null };
  }

  listPushes(interviewId: string): Promise<PushRow[]> {
    return this.db
      .selectFrom('pushes')
      .selectAll()
      .where('interview_id', '=', interviewId)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }

  async pushExists(id: string, executor: Executor): Promise<boolean> {
    const row = await executor.selectFrom('pushes').select('id').where('id', '=', id).executeTakeFirst();
    return row !== undefined;
  }

  async insertPush(row: PushRow, executor: Executor): Promise<void> {
    await executor.insertInto('pushes').values(row).execute();
  }
}
