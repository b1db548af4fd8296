import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, type LogEvent, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRepository } from '../src/features/audit/repository.ts';
import { CalendarFeedService } from '../src/features/calendar-feed/calendar-feed.ts';
import { CalendarFeedRepository } from '../src/features/calendar-feed/repository.ts';
import { CalibrationRepository } from '../src/features/calibration/repository.ts';
import { CalibrationService } from '../src/features/calibration/service.ts';
import { CandidatesService } from '../src/features/candidates/candidates.ts';
import { CandidatesRepository } from '../src/features/candidates/repository.ts';
import type { InterviewListFilter } from '../src/features/interviews/list-queries.ts';
import { InterviewsRepository } from '../src/features/interviews/repository.ts';
import { NotesRepository } from '../src/features/notes/repository.ts';
import { OutboxRepository } from '../src/features/outbox/outbox-repository.ts';
import { TaskPreparationReadiness } from '../src/features/rehearsals/readiness.ts';
import { RehearsalsRepository } from '../src/features/rehearsals/repository.ts';
import { RetentionRepository } from '../src/features/retention/repository.ts';
import { TaskSnapshotsRepository } from '../src/features/task-snapshots/repository.ts';
import { WorkQueueRepository } from '../src/features/work-queue/repository.ts';
import { WorkQueueService } from '../src/features/work-queue/service.ts';
import type { Actor } from '../src/platform/auth/actor.ts';
import type { Database } from '../src/platform/db/schema.ts';
import { createWorld, databases, startTestServer, type TestServer, type World } from './harness.ts';

/**
 * The main lists' queries, as the server runs them, must read indexes: a plan that scans a table
 * that grows with the company's history (every interview, note, message…) is a page that slows
 * down year after year. The queries are captured from the real repositories and explained on the
 * real schema: SQLite's EXPLAIN QUERY PLAN (which, without statistics, plans as for big tables),
 * and PostgreSQL's EXPLAIN with sequential scans priced out, so a Seq Scan there means no index
 * could serve the query.
 */
const LARGE_TABLES = [
  'interviews',
  'interview_shadows',
  'interview_events',
  'candidates',
  'candidate_terms',
  'notes',
  'note_revisions',
  'scorecards',
  'decisions',
  'outbox_messages',
  'calendar_events',
  'audit_entries',
  'data_requests',
  'retrospectives',
  'candidate_responses',
  'accommodation_requests',
];

/** SQLite tables WITHOUT ROWID: the table is its primary key's index (decision 059). */
const STORED_IN_KEY_ORDER = ['audit_entries'];

describe.each(databases())('query plans of the main lists on %s', (database) => {
  let server: TestServer;
  let world: World;
  let interviewId: string;
  let db: Kysely<Database>;
  let explain: (sql: string, parameters: readonly unknown[]) => Promise<string[]>;
  let close: () => Promise<void>;
  const captured: Array<{ sql: string; parameters: readonly unknown[] }> = [];
  const log = (event: LogEvent) => {
    if (event.level === 'query' && /^\s*select/i.test(event.query.sql)) {
      captured.push({ sql: event.query.sql, parameters: event.query.parameters });
    }
  };

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
    // One inside the calendar feed's window, so the feed reads its blocks too.
    interviewId = await world.planInterview({
      startsAtLocal: `${new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)}T10:00`,
    });
    if (database === 'sqlite') {
      const sqlite = new SqliteDatabase(path.join(server.dataDir, 'pairwise.sqlite'));
      db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log });
      explain = async (sql, parameters) =>
        (
          sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(parameters as unknown[])) as Array<{
            detail: string;
          }>
        ).map((row) => row.detail);
      close = () => db.destroy();
    } else {
      const pool = new pg.Pool({ connectionString: server.databaseUrl!, max: 1 });
      db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
      const client = new pg.Client({ connectionString: server.databaseUrl! });
      await client.connect();
      // Priced out, not forbidden: PostgreSQL still scans when no index can serve the query.
      await client.query('SET enable_seqscan = off');
      explain = async (sql, parameters) =>
        (await client.query(`EXPLAIN ${sql}`, parameters as unknown[])).rows.map(
          (row: Record<string, string>) => row['QUERY PLAN']!,
        );
      close = async () => {
        await client.end();
        await db.destroy();
      };
    }
  });
  afterAll(async () => {
    await close?.();
    await server?.close();
  });

  /** Runs `read`, then explains every SELECT it ran; returns the plans that scan a large table. */
  async function fullScans(read: () => Promise<unknown>): Promise<string[]> {
    captured.length = 0;
    await read();
    expect(captured.length).toBeGreaterThan(0);
    const offending: string[] = [];
    for (const query of captured) {
      const plan = await explain(query.sql, query.parameters);
      // Walked in order and stopped at the page's end: nothing sorts, and the query has a limit.
      const walked =
        /\blimit\b/i.test(query.sql) && !plan.some((line) => line.includes('USE TEMP B-TREE FOR ORDER BY'));
      const scans = plan.filter((line) =>
        LARGE_TABLES.some((table) =>
          database === 'sqlite'
            ? // A SCAN of a table (not "USING INDEX") reads every row; an index walked in order is
              // fine, and so is a table stored in its key's order walked in that order for a page.
              new RegExp(`^SCAN ${table}(?: AS \\w+)?$`).test(line.trim()) &&
              !(walked && STORED_IN_KEY_ORDER.includes(table))
            : new RegExp(`Seq Scan on ${table}\\b`).test(line),
        ),
      );
      if (scans.length > 0) offending.push(`${query.sql}\n  ${plan.join('\n  ')}`);
    }
    return offending;
  }

  const actor = (id: string, roles: Actor['roles']): Actor => ({
    id,
    email: 'x@example.com',
    name: 'X',
    roles,
    sessionTokenHash: 'x',
  });
  const cursor = ['2026-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000'];

  it('home: every scope and filter of the interviews list reads an index', async () => {
    const interviews = new InterviewsRepository(db);
    const base: InterviewListFilter = { words: [], order: 'asc', limit: 50 };
    const filters: InterviewListFilter[] = [
      base,
      { ...base, cursor },
      { ...base, order: 'desc', cursor },
      { ...base, from: '2026-12-01T00:00:00.000Z', to: '2026-12-08T00:00:00.000Z' },
      { ...base, stages: ['setup', 'pairing', 'wrap'] },
      { ...base, stages: ['decided', 'cancelled', 'no_show'], order: 'desc' },
      { ...base, positionId: world.ids.position },
      { ...base, navigatorId: world.ids.navigator },
      { ...base, words: ['casey'] },
    ];
    const scopes = [
      { kind: 'all' as const },
      { kind: 'navigator' as const, userId: world.ids.navigator },
      { kind: 'shadow' as const, userId: world.ids.shadow },
      { kind: 'position' as const, positionId: world.ids.position },
    ];
    const offending = await fullScans(async () => {
      for (const scope of scopes) for (const filter of filters) await interviews.pageKeys(filter, scope);
      const keys = await interviews.pageKeys(base, { kind: 'all' });
      await interviews.summaries(keys.map((row) => row.id));
      await interviews.managedPositionIds(world.ids.lineManager);
    });
    expect(offending).toEqual([]);
  });

  it('home: the shadow scope reads a page in order from its own index, no sort of all its rows', async () => {
    const interviews = new InterviewsRepository(db);
    const base: InterviewListFilter = { words: [], order: 'asc', limit: 50 };
    const inProgress: InterviewListFilter = { ...base, stages: ['setup', 'pairing', 'wrap', 'refinement'] };
    const scope = { kind: 'shadow' as const, userId: world.ids.shadow };
    for (const filter of [base, inProgress, { ...inProgress, cursor }, { ...base, order: 'desc' as const }]) {
      captured.length = 0;
      await interviews.pageKeys(filter, scope);
      expect(captured).toHaveLength(1);
      const plan = (await explain(captured[0]!.sql, captured[0]!.parameters)).join('\n');
      expect(plan).toContain('interview_shadows_user_starts');
      if (database === 'sqlite') expect(plan).not.toContain('TEMP B-TREE');
    }
  });

  it('home: coming and running stages are read a stage at a time from an index that leads with scope and stage', async () => {
    const interviews = new InterviewsRepository(db);
    const base: InterviewListFilter = { words: [], order: 'asc', limit: 50 };
    const indexOf = {
      all: 'interviews_stage_starts',
      navigator: 'interviews_navigator_stage_starts',
      position: 'interviews_position_stage_starts',
    } as const;
    const scopes = [
      { kind: 'all' as const },
      { kind: 'navigator' as const, userId: world.ids.navigator },
      { kind: 'position' as const, positionId: world.ids.position },
    ];
    for (const scope of scopes) {
      for (const filter of [
        { ...base, stages: ['planned', 'invited'] as InterviewListFilter['stages'] },
        { ...base, stages: ['refinement', 'reported'] as InterviewListFilter['stages'], cursor },
        {
          ...base,
          stages: ['setup', 'pairing', 'wrap'] as InterviewListFilter['stages'],
          order: 'desc' as const,
        },
      ]) {
        captured.length = 0;
        await interviews.pageKeys(filter, scope);
        expect(captured).toHaveLength(1);
        const plan = (await explain(captured[0]!.sql, captured[0]!.parameters)).join('\n');
        // Every stage's branch reads the scope's (stage, start) index; none walks the scope's
        // interviews in start order filtering the stage, which reads years of history first.
        const branches = plan.split(indexOf[scope.kind]).length - 1;
        expect(branches, plan).toBe(filter.stages!.length);
      }
    }
  });

  it("a page of an interview's notes reads each author's notes in order from one index, merged, nothing sorted", async () => {
    const notes = new NotesRepository(db);
    const authors = [world.ids.navigator, world.ids.shadow];
    for (const [readable, after] of [
      [authors, undefined],
      [authors, cursor],
      [authors.slice(0, 1), cursor],
    ] as const) {
      captured.length = 0;
      await notes.page(interviewId, readable, { after, limit: 200, maxBytes: 1_000_000 });
      const page = captured.find((query) => /\bfrom "notes"/.test(query.sql))!;
      const plan = (await explain(page.sql, page.parameters)).join('\n');
      // One ordered range per author: a long interview's page costs its page, not the interview.
      expect(plan.split('notes_interview_author_created').length - 1, plan).toBe(readable.length);
      if (database === 'postgres') expect(plan).not.toMatch(/^\s*(?:->\s*)?Sort\s+\(/m);
      else {
        // SQLite sorts what each author's range yields (at most a page) to merge it, but never
        // the interview's notes inside the range.
        for (const [index] of readable.entries()) {
          const range = plan.slice(
            plan.indexOf(`CO-ROUTINE author_${index}`),
            plan.indexOf(`SCAN author_${index}`),
          );
          expect(range, plan).toContain('notes_interview_author_created');
          expect(range, plan).not.toContain('TEMP B-TREE');
        }
      }
    }
  });

  it("shadow rows keep their interview's start and stage, whoever inserts, moves or advances it", async () => {
    const startOf = async () =>
      (
        await db
          .selectFrom('interview_shadows')
          .innerJoin('interviews', 'interviews.id', 'interview_shadows.interview_id')
          .select([
            'interviews.id',
            'interviews.starts_at',
            'interviews.stage',
            'interview_shadows.starts_at as shadow_starts_at',
            'interview_shadows.stage as shadow_stage',
          ])
          .where('interview_shadows.user_id', '=', world.ids.shadow)
          .execute()
      )[0]!;
    const before = await startOf();
    expect(before).toMatchObject({ shadow_starts_at: before.starts_at, shadow_stage: before.stage });
    await db
      .updateTable('interviews')
      .set({ starts_at: '2031-01-02T09:00:00.000Z' })
      .where('id', '=', before.id)
      .execute();
    expect((await startOf()).shadow_starts_at).toBe('2031-01-02T09:00:00.000Z');
    await db.updateTable('interviews').set({ stage: 'cancelled' }).where('id', '=', before.id).execute();
    expect((await startOf()).shadow_stage).toBe('cancelled');
    await db
      .updateTable('interviews')
      .set({ starts_at: before.starts_at, stage: before.stage })
      .where('id', '=', before.id)
      .execute();
    expect(await startOf()).toMatchObject({ shadow_starts_at: before.starts_at, shadow_stage: before.stage });
  });

  it('home work queue: every role reads its open interviews and their facts through indexes', async () => {
    const queue = new WorkQueueService(
      new InterviewsRepository(db),
      new WorkQueueRepository(db),
      new TaskPreparationReadiness(new TaskSnapshotsRepository(db), new RehearsalsRepository(db)),
    );
    const offending = await fullScans(async () => {
      await queue.queue(actor(world.ids.navigator, ['interviewer']), 'Europe/Berlin');
      await queue.queue(actor(world.ids.shadow, ['interviewer']), 'Europe/Berlin');
      await queue.queue(actor(world.ids.lineManager, ['line_manager']), 'UTC');
      await queue.queue(actor(world.ids.navigator, ['admin']), 'UTC');
    });
    expect(offending).toEqual([]);
  });

  it("calibration: every role's period reaches its interviews and their rows through indexes", async () => {
    const calibration = new CalibrationService(new CalibrationRepository(db), () => new Date());
    const period = { from: '2030-01-01', to: '2030-12-31' };
    const offending = await fullScans(async () => {
      await calibration.figures(actor(world.ids.navigator, ['admin']), period);
      await calibration.figures(actor(world.ids.lineManager, ['line_manager']), period);
      await calibration.figures(actor(world.ids.shadow, ['interviewer']), period);
    });
    expect(offending).toEqual([]);
  });
  it('candidates: the list, a page further and a search read an index', async () => {
    const candidates = new CandidatesService(new CandidatesRepository(db), async () => 'en');
    const admin = actor(world.ids.navigator, ['admin']);
    const offending = await fullScans(async () => {
      await candidates.list(admin, { limit: 50 });
      await candidates.list(admin, { limit: 50, cursor: ['Casey', cursor[1]!] });
      await candidates.list(admin, { limit: 50, q: 'casey cand' });
    });
    expect(offending).toEqual([]);
  });

  it('outbox and audit log: newest first, filtered and paged, read an index', async () => {
    const outbox = new OutboxRepository(db);
    const audit = new AuditRepository(db);
    const offending = await fullScans(async () => {
      await outbox.list({ limit: 51 });
      await outbox.list({ status: 'failed', limit: 51 });
      await outbox.list({ status: 'failed', cursor, limit: 51 });
      await outbox.list({ interviewId, limit: 51 });
      await audit.query({ limit: 51 });
      await audit.query({ limit: 51, cursor });
      await audit.query({ candidateId: world.ids.candidate, limit: 51 });
      await audit.query({ userId: world.ids.navigator, from: cursor[0], limit: 51 });
    });
    expect(offending).toEqual([]);
  });

  it('privacy: legal holds, data requests and the retention windows read an index', async () => {
    const retention = new RetentionRepository(db);
    const offending = await fullScans(async () => {
      await retention.legalHolds(undefined, 50);
      await retention.legalHolds(['Casey', cursor[1]!], 50);
      await retention.dataRequests(undefined, 50);
      await retention.dataRequests(cursor, 50);
      await retention.candidatesClosedBetween('2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z');
      await retention.retentionRows([world.ids.candidate]);
      await retention.unerasedCandidateIds('', 500);
    });
    expect(offending).toEqual([]);
  });

  it("calendar feed: a user's window of interviews reads an index", async () => {
    const feeds = new CalendarFeedService(new CalendarFeedRepository(db), () => server.url);
    const { url } = await feeds.rotate(actor(world.ids.navigator, ['interviewer']));
    const token = /\/calendar\/([^/]+)\.ics$/.exec(url)![1]!;
    const offending = await fullScans(() => feeds.feed(token));
    expect(offending).toEqual([]);
  });
});
