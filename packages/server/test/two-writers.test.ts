import Fastify from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandling } from '../src/platform/http/errors.ts';
import { createWorld, expectStatus, startTestServer, type TestServer, type World } from './harness.ts';

/**
 * Two transactions writing the same rows on PostgreSQL. A feed's revision is a row the database locks while it raises it (migration 035). Two
 * interviews with the same two people on their panels, in swapped roles, are each mailed in their
 * own transaction, panel block by panel block: were each block to lock only its own attendee's
 * row, the two transactions would take the two rows in opposite orders and PostgreSQL would kill
 * one as a deadlock, a planning or a rescheduling lost with a 500. Every raise locks all of the
 * interview's people at once, in one order (migration 038), so the second waits for the first.
 * SQLite has one writer at a time and cannot deadlock.
 */
describe.runIf(process.env.TEST_DATABASE_URL)('two writers on the same rows (postgres)', () => {
  let server: TestServer;
  let world: World;
  const clients: pg.Client[] = [];

  beforeAll(async () => {
    server = await startTestServer('postgres');
    world = await createWorld(server);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end()));
    await server?.close();
  });

  async function connect(): Promise<{ client: pg.Client; pid: number }> {
    const client = new pg.Client({ connectionString: server.databaseUrl! });
    await client.connect();
    clients.push(client);
    // Found in a tenth of a second rather than PostgreSQL's default second, should it happen.
    await client.query("SET deadlock_timeout = '100ms'");
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return { client, pid: rows[0]!.pid };
  }

  /** Until `statement` has finished or its session waits for a lock: the next step's turn. */
  async function settledOrWaiting(statement: Promise<unknown>, pid: number, watcher: pg.Client) {
    let settled = false;
    statement.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let poll = 0; poll < 500 && !settled; poll++) {
      const { rows } = await watcher.query<{ waiting: boolean }>(
        "SELECT wait_event_type = 'Lock' AS waiting FROM pg_stat_activity WHERE pid = $1",
        [pid],
      );
      if (rows[0]?.waiting) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(settled, 'the statement neither finished nor waited for a lock').toBe(true);
  }

  it('lets two transactions mailing the same two people in swapped roles both commit', async () => {
    const day = new Date(Date.now() + 15 * 86_400_000).toISOString().slice(0, 10);
    const mine = await world.planInterview({ startsAtLocal: `${day}T10:00`, shadowIds: [] });
    const { interview } = await expectStatus(
      world.admin.post('/api/interviews', {
        candidateId: world.ids.candidate,
        positionId: world.ids.position,
        taskId: world.ids.task,
        navigatorId: world.ids.outsider,
        startsAtLocal: `${day}T14:00`,
        timeZone: 'UTC',
        place: 'Room 3',
        confirmOverlap: true,
      }),
      201,
    );
    const theirs: string = interview.id;
    await expectStatus(world.navigator.post('/api/calendar-feed'), 201);
    await expectStatus(world.outsider.post('/api/calendar-feed'), 201);
    const [first, second, watcher] = [await connect(), await connect(), await connect()];
    await watcher.client.query(
      'INSERT INTO interview_shadows (interview_id, user_id) VALUES ($1, $2), ($3, $4)',
      [mine, world.ids.outsider, theirs, world.ids.navigator],
    );
    const revisions = async () =>
      (
        await watcher.client.query<{ revision: number }>(
          'SELECT revision FROM calendar_feed_tokens WHERE user_id IN ($1, $2) ORDER BY user_id',
          [world.ids.navigator, world.ids.outsider],
        )
      ).rows.map((row) => row.revision);
    const before = await revisions();

    const block = (client: pg.Client, interviewId: string, attendee: string) =>
      client.query(
        `INSERT INTO calendar_events (uid, interview_id, block, attendee, sequence, starts_at, ends_at, cancelled, updated_at)
         VALUES ($1, $2, 'interview', $3, 0, $4, $4, 0, $4)`,
        [`${interviewId}-${attendee}-lock`, interviewId, attendee, `${day}T10:00:00.000Z`],
      );
    await first.client.query('BEGIN');
    await second.client.query('BEGIN');
    // Each mails its navigator's block first, then its shadow's.
    await block(first.client, mine, world.ids.navigator);
    const secondNavigator = block(second.client, theirs, world.ids.outsider);
    await settledOrWaiting(secondNavigator, second.pid, watcher.client);
    const firstShadow = block(first.client, mine, world.ids.outsider);
    await settledOrWaiting(firstShadow, first.pid, watcher.client);
    const secondShadow = secondNavigator.then(() => block(second.client, theirs, world.ids.navigator));
    const outcomes = await Promise.allSettled([
      firstShadow.then(() => first.client.query('COMMIT')),
      secondShadow.then(() => second.client.query('COMMIT')),
    ]);

    expect(
      outcomes.map((outcome) => (outcome.status === 'rejected' ? String(outcome.reason) : 'committed')),
    ).toEqual(['committed', 'committed']);
    expect(await revisions()).toEqual(before.map((revision) => revision + 2));
  });
  it('answers 503 "busy" with nothing saved when PostgreSQL undoes a transaction, never a 500', async () => {
    const [first, second, watcher] = [await connect(), await connect(), await connect()];
    await watcher.client.query('CREATE TABLE two_writers_probe (id int PRIMARY KEY, n int)');
    await watcher.client.query('INSERT INTO two_writers_probe VALUES (1, 0), (2, 0)');
    const bump = (client: pg.Client, id: number) =>
      client.query('UPDATE two_writers_probe SET n = n + 1 WHERE id = $1', [id]);
    await first.client.query('BEGIN');
    await second.client.query('BEGIN');
    await bump(first.client, 1);
    await bump(second.client, 2);
    const firstSecond = bump(first.client, 2);
    await settledOrWaiting(firstSecond, first.pid, watcher.client);
    const outcomes = await Promise.allSettled([firstSecond, bump(second.client, 1)]);
    const undone = outcomes.find((outcome) => outcome.status === 'rejected');
    await first.client.query('ROLLBACK');
    await second.client.query('ROLLBACK');
    expect(undone, 'PostgreSQL found no deadlock').toBeDefined();

    // The very error pg raised, thrown from a route, as a repository's would be.
    const app = Fastify();
    registerErrorHandling(app);
    app.get('/api/probe', async () => {
      throw (undone as PromiseRejectedResult).reason;
    });
    const response = await app.inject({ method: 'GET', url: '/api/probe' });
    await app.close();
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.json()).toEqual({ code: 'busy', message: expect.stringContaining('nothing was saved') });
  });
});
