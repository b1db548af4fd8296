import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/database.ts';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { eventually } from './outreach-flows.ts';
import {
  cancelInterview,
  driveToRefinement,
  navigatorSubmits,
  rescheduleInterview,
} from './process-flows.ts';
import { seedCandidate } from './retention-flows.ts';
import { pairwiseArgs } from './support/pairwise-bundle.ts';
import { createTestFolder, removeTestFolder, spawnInTestFolder } from './support/test-process.ts';
import { type ReceivedWebhook, startWebhookReceiver } from './support/webhook-receiver.ts';

const ALL_EVENTS = [
  'interview.planned',
  'interview.invited',
  'interview.rescheduled',
  'interview.cancelled',
  'interview.pairing_ended',
  'interview.reported',
  'interview.decided',
  'candidate.erased',
];

/**
 * Signed webhooks end to end: a real receiver on loopback (allowed by WEBHOOK_ALLOW_HOSTS) checks
 * every signature against its own clock. The server's clock is the test's, so a retry an hour
 * later is reached by moving it, never by waiting.
 */
describe.each(databases())('signed webhooks (%s)', (database) => {
  let server: TestServer;
  let world: World;
  let now = Date.now();
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    server = await startTestServer(database, {
      clock: () => new Date(now),
      sessionTtlHours: 24 * 30,
      sessionIdleHours: 24 * 30,
      webhookAllowHosts: ['127.0.0.1'],
    });
    world = await createWorld(server);
    receiver = await startWebhookReceiver({ now: () => now });
  });
  afterAll(async () => {
    await receiver.close();
    await server.close();
  });

  const register = async (body: Record<string, unknown>) =>
    expectStatus(world.admin.post('/api/webhooks', { url: receiver.url, ...body }), 201);
  const deliveriesOf = async (endpointId: string) =>
    (await expectStatus(world.admin.get(`/api/webhooks/${endpointId}/deliveries`), 200)).deliveries as Array<{
      id: string;
      eventType: string;
      status: string;
      nextAttemptAt: string | null;
      attempts: Array<{ attempt: number; responseStatus: number | null; durationMs: number; at: string }>;
    }>;
  const acceptedFor = (interviewId: string) =>
    receiver.state.accepted.filter((entry) => entry.body.data.interviewId === interviewId);

  it('signs each event of an interview for an endpoint, with ids and stages and no personal data', async () => {
    const { endpoint, secret } = await register({ description: 'ATS', events: ALL_EVENTS });
    receiver.state.secret = secret;
    expect(secret).toMatch(/^whsec_/);
    const { endpoints } = await expectStatus(world.admin.get('/api/webhooks'), 200);
    expect(JSON.stringify(endpoints)).not.toContain(secret);

    const { id, notes } = await driveToRefinement(world);
    await navigatorSubmits(world, id, [notes.positive]);
    await expectStatus(
      world.lineManager.post(`/api/interviews/${id}/decision`, {
        outcome: 'offer',
        note: 'Welcome aboard',
        proceedWithoutPanel: { reason: 'The shadow is not part of this test.' },
      }),
      200,
    );
    const types = [
      'interview.planned',
      'interview.invited',
      'interview.pairing_ended',
      'interview.reported',
      'interview.decided',
    ];
    const received = await eventually(async () => {
      const got = acceptedFor(id);
      return got.length >= types.length && got;
    });
    expect(received.map((entry) => entry.body.type)).toEqual(types);
    for (const entry of received) {
      expect(entry.event).toBe(entry.body.type);
      expect(entry.id).toBe(entry.body.id);
      expect(entry.body.data).toMatchObject({
        interviewId: id,
        candidateId: world.ids.candidate,
        positionId: world.ids.position,
      });
    }
    expect(received.map((entry) => entry.body.data.stage)).toEqual([
      'planned',
      'invited',
      'wrap',
      'reported',
      'decided',
    ]);
    expect(received.at(-1)!.body.data.outcome).toBe('offer');
    const everything = received.map((entry) => entry.rawBody).join('\n');
    for (const secretText of ['Wrote the failing test first', 'Welcome aboard', '@example.com', 'Casey']) {
      expect(everything).not.toContain(secretText);
    }
    expect(receiver.state.refused).toEqual([]);

    // The delivery log: each delivered at the first attempt, with its answer and duration.
    // The receiver has answered before the sender records the answer, so the log is read
    // once the sender has recorded all of them.
    const mine = await eventually(async () => {
      const log = await deliveriesOf(endpoint.id);
      const ours = log.filter((entry) => received.some((r) => r.id === entry.id));
      return ours.length === types.length && ours.every((entry) => entry.status !== 'pending') && ours;
    });
    for (const entry of mine) {
      expect(entry.status).toBe('delivered');
      expect(entry.attempts).toEqual([
        expect.objectContaining({ attempt: 1, responseStatus: 204, durationMs: expect.any(Number) }),
      ]);
    }

    // A replay of a delivery, byte for byte, ten minutes later is refused by its time.
    now += 10 * 60_000;
    const replayed = await receiver.replay(received[0]!);
    expect(replayed.status).toBe(400);
    expect(await replayed.text()).toBe('too_old');
    receiver.state.refused.length = 0;

    await expectStatus(world.admin.delete(`/api/webhooks/${endpoint.id}`), 200);
  });

  it('tells rescheduling and cancellation, with reasons and contact details only where allowed', async () => {
    const plain = await register({ events: ['interview.rescheduled', 'interview.cancelled'] });
    const personal = await register({
      events: ['interview.rescheduled', 'interview.cancelled'],
      personalData: true,
    });
    // Both endpoints point at one receiver; it verifies with whichever secret signed.
    const id = await world.planInterview({ startsAtLocal: '2030-05-02T10:00' });
    receiver.state.secret = plain.secret;
    await rescheduleInterview(world.navigator, id, {
      startsAtLocal: '2030-05-03T10:00',
      timeZone: 'Europe/Berlin',
      reason: 'candidate_unwell',
    });
    // One secret per endpoint: the personal endpoint's signature does not verify with the plain one's.
    await eventually(async () => receiver.state.refused.length >= 1 && acceptedFor(id).length >= 1);
    const plainBody = acceptedFor(id)[0]!;
    expect(plainBody.body.type).toBe('interview.rescheduled');
    expect(plainBody.body.data).not.toHaveProperty('reason');
    expect(plainBody.body.data).not.toHaveProperty('candidate');
    expect(plainBody.body.data).toMatchObject({ stage: 'planned', timeZone: 'Europe/Berlin' });
    expect(receiver.state.refused[0]!.verdict).toBe('mismatch');

    receiver.state.secret = personal.secret;
    const [personalDelivery] = (await deliveriesOf(personal.endpoint.id)).filter(
      (entry) => entry.eventType === 'interview.rescheduled',
    );
    await expectStatus(world.admin.post(`/api/webhook-deliveries/${personalDelivery!.id}/redeliver`), 202);
    const personalBody = await eventually(async () =>
      acceptedFor(id).find((entry) => entry.id === personalDelivery!.id),
    );
    expect(personalBody.body.data).toMatchObject({
      reason: 'candidate_unwell',
      candidate: { email: expect.stringContaining('@example.com') },
    });

    await cancelInterview(world.navigator, id, 'Position filled');
    const cancelled = await eventually(async () =>
      acceptedFor(id).find((entry) => entry.body.type === 'interview.cancelled'),
    );
    expect(cancelled.body.data).toMatchObject({ stage: 'cancelled', reason: 'Position filled' });
    await expectStatus(world.admin.delete(`/api/webhooks/${plain.endpoint.id}`), 200);
    await expectStatus(world.admin.delete(`/api/webhooks/${personal.endpoint.id}`), 200);
    receiver.state.refused.length = 0;
  });

  it('retries with growing back-off while the receiver fails, and gives up after 24 hours', async () => {
    const { endpoint, secret } = await register({ events: ['interview.planned'] });
    receiver.state.secret = secret;
    receiver.state.failNext = 2;
    const id = await world.planInterview({ startsAtLocal: '2030-05-06T10:00' });
    const attempts = async (count: number) =>
      eventually(async () => {
        const [delivery] = await deliveriesOf(endpoint.id);
        return delivery && delivery.attempts.length >= count && delivery;
      });
    let delivery = await attempts(1);
    expect(delivery).toMatchObject({ status: 'pending', attempts: [{ responseStatus: 503 }] });
    expect(Date.parse(delivery.nextAttemptAt!) - now).toBe(30_000);
    now += 30_000;
    delivery = await attempts(2);
    expect(Date.parse(delivery.nextAttemptAt!) - now).toBe(120_000);
    now += 120_000;
    delivery = await attempts(3);
    expect(delivery).toMatchObject({ status: 'delivered', nextAttemptAt: null });
    expect(delivery.attempts.map((attempt) => attempt.responseStatus)).toEqual([503, 503, 204]);
    expect(acceptedFor(id)).toHaveLength(1);

    // A receiver that never answers well: attempts until 24 hours after the event, then failed.
    receiver.state.failNext = 1_000;
    const created = now;
    const second = await world.planInterview({ startsAtLocal: '2030-05-07T10:00' });
    let count = 1;
    for (;;) {
      const latest = await eventually(async () => {
        const found = (await deliveriesOf(endpoint.id)).find((entry) => entry.status !== 'delivered');
        return found && found.attempts.length >= count && found;
      });
      if (latest.status === 'failed') break;
      expect(latest.status).toBe('pending');
      now = Date.parse(latest.nextAttemptAt!);
      count++;
    }
    expect(now - created).toBeLessThanOrEqual(24 * 3600_000);
    expect(count).toBeGreaterThanOrEqual(8);
    expect(acceptedFor(second)).toEqual([]);
    receiver.state.failNext = 0;
    await expectStatus(world.admin.delete(`/api/webhooks/${endpoint.id}`), 200);
  });

  it('tells receivers when a candidate was erased', async () => {
    const { endpoint, secret } = await register({ events: ['candidate.erased'] });
    receiver.state.secret = secret;
    const handle = await openDatabase({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
    const seeded = await seedCandidate(handle.db, world, 'erased-hook', 400);
    // An earlier delivery about them, as an endpoint allowed personal data received it.
    const earlier = randomUUID();
    await handle.db
      .insertInto('webhook_deliveries')
      .values({
        id: earlier,
        endpoint_id: endpoint.id,
        event_type: 'interview.planned',
        body: JSON.stringify({
          id: earlier,
          data: { candidateId: seeded.candidateId, candidate: { name: 'X' } },
        }),
        status: 'delivered',
        created_at: new Date(now).toISOString(),
        next_attempt_at: null,
      })
      .execute();
    await handle.db
      .insertInto('webhook_attempts')
      .values({
        delivery_id: earlier,
        attempt: 1,
        at: new Date(now).toISOString(),
        response_status: 204,
        duration_ms: 3,
        error: null,
      })
      .execute();
    await handle.close();
    await expectStatus(world.admin.put('/api/privacy/retention', { preset: 'custom', days: 30 }), 200);
    const { erased } = await expectStatus(world.admin.post('/api/privacy/erasures/run'), 200);
    expect(erased).toContain(seeded.candidateId);
    const notice = await eventually(async () =>
      receiver.state.accepted.find(
        (entry) =>
          entry.body.type === 'candidate.erased' && entry.body.data.candidateId === seeded.candidateId,
      ),
    );
    expect(Object.keys(notice.body.data)).toEqual(['candidateId']);
    const log = await deliveriesOf(endpoint.id);
    expect(log.map((entry) => entry.eventType)).toEqual(['candidate.erased']);
    await expectStatus(world.admin.delete(`/api/webhooks/${endpoint.id}`), 200);
  });

  it('refuses private addresses, bad URLs and anyone but an admin', async () => {
    for (const url of [
      'http://10.0.0.7/hook',
      'http://169.254.169.254/latest',
      'http://[::1]:9/x',
      'http://127.0.0.2:9/',
    ]) {
      const refused = await world.admin.post('/api/webhooks', { url, events: ['interview.planned'] });
      expect(refused.status, url).toBe(400);
      expect(refused.body.fields).toHaveProperty('url');
    }
    for (const body of [
      { url: 'ftp://example.com/x', events: ['interview.planned'] },
      { url: receiver.url, events: [] },
      { url: receiver.url, events: ['interview.noted'] },
      { url: receiver.url, events: ['interview.planned'], extra: 1 },
    ]) {
      expect((await world.admin.post('/api/webhooks', body)).status).toBe(400);
    }
    expect(
      (await world.navigator.post('/api/webhooks', { url: receiver.url, events: ['interview.planned'] }))
        .status,
    ).toBe(403);
    expect((await world.lineManager.get('/api/webhooks')).status).toBe(403);
  });
});

/**
 * Two real server processes on one database, both taking jobs: every event reaches the receiver
 * exactly once. The second node is `pairwise serve` in its own process, so nothing is shared but
 * the database.
 */
describe.each(databases())('webhooks from two nodes (%s)', (database) => {
  let server: TestServer;
  let world: World;
  let folder: string;
  let child: ChildProcess | null = null;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    server = await startTestServer(database, { webhookAllowHosts: ['127.0.0.1'], jobPollMs: 20 });
    world = await createWorld(server);
    folder = await createTestFolder('webhook-nodes');
    receiver = await startWebhookReceiver({ now: () => Date.now() });
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await receiver.close();
    await server.close();
    await removeTestFolder(folder);
  });

  it('delivers each event once although both nodes poll the queue', async () => {
    child = spawnInTestFolder(process.execPath, pairwiseArgs('serve'), {
      cwd: folder,
      env: {
        ...process.env,
        DATA_DIR: server.dataDir,
        DATABASE_URL: server.databaseUrl ?? '',
        PORT: '0',
        LOG_LEVEL: 'silent',
        JOB_POLL_MS: '20',
        SERVER_REHEARSALS: 'off',
        WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child!.once('exit', (code) => reject(new Error(`second node exited with ${code}:\n${output}`)));
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Pairwise is running')) resolve();
      };
      child!.stdout!.on('data', collect);
      child!.stderr!.on('data', collect);
    });

    const { secret } = await expectStatus(
      world.admin.post('/api/webhooks', { url: receiver.url, events: ['interview.planned'] }),
      201,
    );
    receiver.state.secret = secret;
    const planned: string[] = [];
    for (let day = 1; day <= 20; day++) {
      planned.push(
        await world.planInterview({ startsAtLocal: `2030-06-${String(day).padStart(2, '0')}T10:00` }),
      );
    }
    await eventually(async () => receiver.state.accepted.length >= planned.length);
    // Every delivery has been recorded as delivered once both nodes are done with it.
    const handle = await openDatabase({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
    try {
      await eventually(async () => {
        const attempts = await handle.db.selectFrom('webhook_attempts').selectAll().execute();
        return attempts.length >= planned.length;
      });
      const attempts = await handle.db.selectFrom('webhook_attempts').selectAll().execute();
      expect(attempts).toHaveLength(planned.length);
      const jobs = await handle.db
        .selectFrom('jobs')
        .select(['id'])
        .where('type', '=', 'webhook.deliver')
        .execute();
      expect(jobs).toHaveLength(planned.length);
    } finally {
      await handle.close();
    }
    expect(receiver.state.repeated).toEqual([]);
    expect(receiver.state.refused).toEqual([]);
    expect(
      new Set(receiver.state.accepted.map((entry: ReceivedWebhook) => entry.body.data.interviewId)),
    ).toEqual(new Set(planned));
  }, 120_000);
});
