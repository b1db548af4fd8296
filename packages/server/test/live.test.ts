import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type LiveMessage, liveMessage } from './candidate-repository-flows.ts';
import {
  type Client,
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { step } from './process-flows.ts';

/** A live connection that collects messages, like an open interview page. */
async function connect(
  baseUrl: string,
  client: Client,
  interviewId: string,
  since = 0,
  headers: Record<string, string> = {},
) {
  const messages: LiveMessage[] = [];
  const url = `${baseUrl.replace('http', 'ws')}/api/interviews/${interviewId}/live?since=${since}`;
  const socket = new WebSocket(url, { headers: { cookie: client.cookie ?? '', ...headers } });
  socket.on('message', (data) => messages.push(liveMessage.parse(JSON.parse(String(data)))));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
  const waitFor = async (predicate: (m: LiveMessage) => boolean, timeoutMs = 3000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = messages.find(predicate);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no matching message; got ${JSON.stringify(messages)}`);
  };
  return { messages, waitFor, close: () => socket.close() };
}

describe.each(databases())('the live panel channel (%s)', (database) => {
  let server: TestServer;
  let world: World;
  let id: string;
  const go = (body: Record<string, unknown>) =>
    expectStatus(world.navigator.post(`/api/interviews/${id}/transitions`, body), 200);

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
    await expectStatus(
      world.navigator.put(`/api/tasks/${world.ids.task}`, {
        title: 'Shopping list',
        summary: 'Pluralise',
        navigatorGuide: '',
        setupCommands: [],
        testCommand: 'node --test',
        tddRhythm: true,
        levers: [{ id: 'hint-tests', direction: 'easier', description: 'Provide the first failing test.' }],
      }),
      200,
    );
    id = await world.planInterview();
    await expectStatus(
      world.navigator.put(`/api/interviews/${id}/difficulty-plan`, { leverIds: ['hint-tests'] }),
      200,
    );
  });
  afterAll(() => server.close());

  it('shows the shadow every phase change, lever and TDD marker, and replays what a reconnecting client missed', async () => {
    const shadow = await connect(server.url, world.shadow, id);
    await step(world.navigator, id, 'invite');
    await expectStatus(
      world.navigator.post(`/api/interviews/${id}/wellness`, { well: true, startEarly: true }),
      200,
    );
    await go({ action: 'start_setup', startEarly: true });
    await go({ action: 'start_pairing' });
    const pairing = await shadow.waitFor((m) => m.type === 'pairing');

    const lever = await expectStatus(
      world.navigator.post(`/api/interviews/${id}/levers`, { leverId: 'hint-tests' }),
      200,
    );
    const pulled = await shadow.waitFor((m) => m.type === 'lever_pulled');
    expect(pulled.payload).toMatchObject({
      leverId: 'hint-tests',
      direction: 'easier',
      offsetMs: lever.offsetMs,
    });
    await expectStatus(world.shadow.post(`/api/interviews/${id}/tdd-markers`, { phase: 'red' }), 200);
    await shadow.waitFor((m) => m.type === 'tdd_marked');

    const seqs = shadow.messages.filter((m) => m.kind === 'event').map((m) => m.seq!);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    shadow.close();

    // Reconnect after the pairing event: only what came later is replayed.
    const again = await connect(server.url, world.shadow, id, pairing.seq);
    await again.waitFor((m) => m.type === 'tdd_marked');
    expect(again.messages.filter((m) => m.kind === 'event').map((m) => m.type)).toEqual([
      'lever_pulled',
      'tdd_marked',
    ]);
    again.close();
  });

  it("tells only the author's other devices that notes changed", async () => {
    const secondDevice = await connect(server.url, world.navigator, id);
    const shadow = await connect(server.url, world.shadow, id);
    await expectStatus(
      world.navigator.put(`/api/interviews/${id}/notes/${randomUUID()}`, {
        text: 'Named things well',
        tags: ['positive'],
        offsetMs: 1000,
      }),
      200,
    );
    await secondDevice.waitFor((m) => m.kind === 'notes_changed');
    // The positive signal that the shadow was sent everything up to now: an event everyone gets,
    // published after the note, arrives on the same ordered socket.
    const seen = shadow.messages.length;
    await expectStatus(world.navigator.post(`/api/interviews/${id}/tdd-markers`, { phase: 'green' }), 200);
    await shadow.waitFor((m) => m.type === 'tdd_marked' && shadow.messages.indexOf(m) >= seen);
    expect(shadow.messages.some((m) => m.kind === 'notes_changed')).toBe(false);
    secondDevice.close();
    shadow.close();
  });

  it('refuses a lever outside the plan and markers outside pairing', async () => {
    const other = await world.planInterview();
    const response = await world.navigator.post(`/api/interviews/${other}/tdd-markers`, { phase: 'green' });
    expect(response.status).toBe(409);
    const offPlan = await world.navigator.post(`/api/interviews/${id}/levers`, { leverId: 'nope' });
    expect(offPlan.status).toBe(422);
  });

  it('refuses the channel to outsiders', async () => {
    await expect(connect(server.url, world.outsider, id)).rejects.toThrow(/404/);
    await expect(connect(server.url, world.anonymous, id)).rejects.toThrow(/401/);
  });

  it('refuses the channel to a page of another site, even with a valid cookie', async () => {
    await expect(connect(server.url, world.shadow, id, 0, { origin: 'http://evil.example' })).rejects.toThrow(
      /403/,
    );
    await expect(
      connect(server.url, world.shadow, id, 0, {
        origin: 'http://evil.example',
        'sec-fetch-site': 'cross-site',
      }),
    ).rejects.toThrow(/403/);
    const own = await connect(server.url, world.shadow, id, 0, {
      origin: new URL(server.url).origin,
      'sec-fetch-site': 'same-origin',
    });
    await own.waitFor((message) => message.kind === 'heartbeat');
    own.close();
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('the live channel across two nodes (postgres)', () => {
  let nodeA: TestServer;
  let nodeB: TestServer;
  let world: World;

  beforeAll(async () => {
    nodeA = await startTestServer('postgres');
    // Set up first, so node B starts as a second node of a running installation.
    world = await createWorld(nodeA);
    nodeB = await startTestServer('postgres', { sameDatabaseAs: nodeA });
  });
  afterAll(async () => {
    await nodeB.close();
    await nodeA.close();
  });

  it('delivers a change made on one node to a panel connected to the other (LISTEN/NOTIFY)', async () => {
    const id = await world.planInterview();
    // Sessions live in the shared database, so the shadow's cookie works on node B too.
    const onB = await connect(nodeB.url, world.shadow, id);
    await step(world.navigator, id, 'invite');
    const invited = await onB.waitFor((m) => m.type === 'invited');
    expect(invited.seq).toBeGreaterThan(1);
    onB.close();
  });
});
