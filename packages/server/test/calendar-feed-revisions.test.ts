import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, type LogEvent, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarFeedService } from '../src/features/calendar-feed/calendar-feed.ts';
import { CalendarFeedRepository } from '../src/features/calendar-feed/repository.ts';
import type { Database } from '../src/platform/db/schema.ts';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';

/**
 * A calendar feed's tag is its revision, which the database raises whenever a row the feed is
 * made of changes (migration 035): whatever changes one of the user's blocks, through the API or
 * in SQL, changes the feed and its tag, so nothing stale is ever served; a change to someone
 * else's interviews does not, and an unchanged feed answers 304 from one row.
 */
describe.each(databases())('calendar feed revisions on %s', (database) => {
  let server: TestServer;
  let world: World;
  let url: string;
  let db: Kysely<Database>;
  const selects: string[] = [];
  const log = (event: LogEvent) => {
    if (event.level === 'query' && /^\s*select/i.test(event.query.sql)) selects.push(event.query.sql);
  };
  const day = (offset: number, time = '10:00') =>
    `${new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)}T${time}`;

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
    db =
      database === 'sqlite'
        ? new Kysely<Database>({
            dialect: new SqliteDialect({
              database: new SqliteDatabase(path.join(server.dataDir, 'pairwise.sqlite')),
            }),
            log,
          })
        : new Kysely<Database>({
            dialect: new PostgresDialect({
              pool: new pg.Pool({ connectionString: server.databaseUrl!, max: 1 }),
            }),
            log,
          });
    ({ url } = await expectStatus(world.navigator.post('/api/calendar-feed'), 201));
  });
  afterAll(async () => {
    await db?.destroy();
    await server?.close();
  });

  /** The feed now, unfolded, with its tag; `tag` is sent as If-None-Match. */
  async function read(tag?: string): Promise<{ status: number; etag: string; ics: string }> {
    const response = await fetch(url, tag ? { headers: { 'if-none-match': tag } } : {});
    const ics = (await response.text()).replace(/\r\n[ \t]/g, '');
    return { status: response.status, etag: response.headers.get('etag')!, ics };
  }

  /** Reads the feed, makes `change`, and returns the feed after it: a 200 with a new tag. */
  async function changed(change: () => Promise<unknown>): Promise<string> {
    const before = await read();
    expect((await read(before.etag)).status).toBe(304);
    await change();
    const after = await read(before.etag);
    expect(after.status).toBe(200);
    expect(after.etag).not.toBe(before.etag);
    return after.ics;
  }

  it('changes with a new interview, a new time, a cancellation and a re-planned place', async () => {
    let id = '';
    let ics = await changed(async () => {
      id = await world.planInterview({ startsAtLocal: day(10), timeZone: 'UTC' });
    });
    expect(ics).toContain(id);

    ics = await changed(() =>
      expectStatus(
        world.navigator.post(`/api/interviews/${id}/transitions`, {
          action: 'reschedule',
          startsAtLocal: day(12, '15:30'),
          timeZone: 'UTC',
          reason: 'candidate_request',
          confirmOverlap: true,
        }),
        200,
      ),
    );
    expect(ics).toContain(`DTSTART:${day(12, '15:30').replace(/[-:]/g, '')}00Z`);

    ics = await changed(() =>
      db.updateTable('interviews').set({ place: 'Room 9 (moved)' }).where('id', '=', id).execute(),
    );
    expect(ics).toContain('LOCATION:Room 9 (moved)');

    ics = await changed(() =>
      expectStatus(world.navigator.post(`/api/interviews/${id}/transitions`, { action: 'cancel' }), 200),
    );
    expect(ics).not.toContain(id);
  });

  it('changes with the panel: a shadow added or removed, a navigator replaced', async () => {
    const id = await world.planInterview({ startsAtLocal: day(20), shadowIds: [] });
    const shadowUrl = (await expectStatus(world.shadow.post('/api/calendar-feed'), 201)).url;
    const shadowFeed = async () => (await (await fetch(shadowUrl)).text()).replace(/\r\n[ \t]/g, '');
    expect(await shadowFeed()).not.toContain(id);
    await db
      .insertInto('interview_shadows')
      .values({ interview_id: id, user_id: world.ids.shadow })
      .execute();
    expect(await shadowFeed()).toContain(id);
    await db.deleteFrom('interview_shadows').where('interview_id', '=', id).execute();
    expect(await shadowFeed()).not.toContain(id);

    const ics = await changed(() =>
      db.updateTable('interviews').set({ navigator_id: world.ids.outsider }).where('id', '=', id).execute(),
    );
    expect(ics).not.toContain(id);
  });

  it("changes with a title or a line manager's name shown on the blocks, and a sequence mailed again", async () => {
    const id = await world.planInterview({ startsAtLocal: day(30) });
    let ics = await changed(() =>
      expectStatus(
        world.admin.patch(`/api/positions/${world.ids.position}`, { title: 'Staff Engineer' }),
        200,
      ),
    );
    expect(ics).toContain('Staff Engineer');
    ics = await changed(() =>
      db
        .updateTable('tasks')
        .set({ title: 'Rate limiter renamed' })
        .where('id', '=', world.ids.task)
        .execute(),
    );
    expect(ics).toContain('Rate limiter renamed');
    const managerUrl = (await expectStatus(world.lineManager.post('/api/calendar-feed'), 201)).url;
    const managerFeed = async () => (await fetch(managerUrl)).headers.get('etag');
    const managerTag = await managerFeed();
    await db
      .updateTable('users')
      .set({ name: 'Lena Renamed' })
      .where('id', '=', world.ids.lineManager)
      .execute();
    expect(await managerFeed()).not.toBe(managerTag);
    ics = (await read()).ics;
    expect(ics).toContain('Debrief with Lena Renamed');

    const uid = `${id}-sent`;
    await changed(() =>
      db
        .insertInto('calendar_events')
        .values({
          uid,
          interview_id: id,
          block: 'interview',
          attendee: world.ids.navigator,
          sequence: 4,
          starts_at: day(30),
          ends_at: day(30),
          cancelled: 0,
          updated_at: new Date().toISOString(),
        })
        .execute(),
    );
    await changed(() =>
      db.updateTable('calendar_events').set({ sequence: 5 }).where('uid', '=', uid).execute(),
    );
  });

  it("keeps its tag while only other people's interviews change, and a 304 reads one row", async () => {
    const before = await read();
    // The outsider navigates it alone: nothing of it is in the navigator's feed.
    const { interview } = await expectStatus(
      world.admin.post('/api/interviews', {
        candidateId: world.ids.candidate,
        positionId: world.ids.position,
        taskId: world.ids.task,
        navigatorId: world.ids.outsider,
        startsAtLocal: day(40),
        timeZone: 'UTC',
        place: 'Room 3',
        confirmOverlap: true,
      }),
      201,
    );
    const elsewhere: string = interview.id;
    await db.updateTable('interviews').set({ place: 'Elsewhere' }).where('id', '=', elsewhere).execute();
    // A stage change that keeps an interview in the feed does not change it either.
    const mine = await world.planInterview({ startsAtLocal: day(41) });
    const tagged = await read();
    await db.updateTable('interviews').set({ stage: 'invited' }).where('id', '=', mine).execute();
    expect((await read(tagged.etag)).status).toBe(304);
    expect(before.etag).not.toBe(tagged.etag);

    const feeds = new CalendarFeedService(new CalendarFeedRepository(db), () => server.url);
    const token = /\/calendar\/([^/]+)\.ics$/.exec(url)![1]!;
    const first = await feeds.feed(token);
    selects.length = 0;
    expect((await feeds.feed(token, first.etag)).feed).toBeNull();
    expect(selects).toHaveLength(1);
    // Without the tag, the kept rendering: the same one row, nothing rendered again.
    selects.length = 0;
    expect((await feeds.feed(token)).feed).toBe(first.feed);
    expect(selects).toHaveLength(1);
  });
});
