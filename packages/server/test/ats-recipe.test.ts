import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { eventually } from './outreach-flows.ts';
import { go, navigatorSubmits, note, sendInvitation } from './process-flows.ts';
import { createTestFolder, removeTestFolder, spawnInTestFolder } from './support/test-process.ts';

/**
 * docs/ats-recipe.md, run as written: its `sh` blocks (real curl and jq) against a real server
 * with a real service token, and its Node receiver as a process of its own, verifying the signed
 * decision. The doc is the single source: a change to it is a change to this test.
 */
const recipe = readFileSync(fileURLToPath(new URL('../../../docs/ats-recipe.md', import.meta.url)), 'utf8');
const blocks = (language: string) =>
  [...recipe.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)]
    .filter((match) => match[1] === language)
    .map((match) => match[2]!);

describe.each(databases())('the ATS recipe (%s)', (database) => {
  let server: TestServer;
  let world: World;
  let folder: string;
  let receiver: ChildProcess | null = null;
  let received = '';

  beforeAll(async () => {
    server = await startTestServer(database, { webhookAllowHosts: ['127.0.0.1'] });
    world = await createWorld(server);
    folder = await createTestFolder('ats-recipe');
  });
  afterAll(async () => {
    receiver?.kill('SIGKILL');
    await server.close();
    await removeTestFolder(folder);
  });

  const runShell = (script: string, env: Record<string, string>) =>
    new Promise<string>((resolve, reject) => {
      const child = spawnInTestFolder('bash', ['-euo', 'pipefail', '-c', script], {
        cwd: folder,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
      // 'close', not 'exit': only then has all output been read.
      child.on('close', (code) =>
        code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err}${out}`)),
      );
    });

  it('creates the candidate and interview with a service token, safely retried, and verifies the signed decision', async () => {
    const shell = blocks('sh');
    const receiverSource = blocks('js');
    expect(shell.length).toBeGreaterThanOrEqual(3);
    expect(receiverSource).toHaveLength(1);

    const { token } = await expectStatus(
      world.admin.post('/api/service-tokens', {
        name: 'Greenhouse',
        scopes: ['candidates:manage', 'interviews:plan'],
      }),
      201,
    );

    // The doc's receiver, in its own process, on a port free a moment ago.
    await writeFile(path.join(folder, 'receiver.mjs'), receiverSource[0]!);
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const real = await expectStatus(
      world.admin.post('/api/webhooks', {
        url: `http://127.0.0.1:${port}/pairwise`,
        events: ['interview.decided'],
      }),
      201,
    );
    receiver = spawnInTestFolder(process.execPath, ['receiver.mjs'], {
      cwd: folder,
      env: { PATH: process.env.PATH, PAIRWISE_WEBHOOK_SECRET: real.secret, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    receiver.stdout!.on('data', (chunk: Buffer) => (received += chunk.toString()));
    receiver.stderr!.on('data', (chunk: Buffer) => (received += chunk.toString()));
    await eventually(async () => received.includes(`listening on ${port}`));

    const env = {
      PAIRWISE_URL: server.url,
      PAIRWISE_TOKEN: token,
      POSITION_ID: world.ids.position,
      TASK_ID: world.ids.task,
      NAVIGATOR_ID: world.ids.navigator,
      ATS_APPLICATION_ID: 'app-4711',
    };
    const script = shell.join('\n');
    const first = await runShell(script, env);
    const ids = /candidate (\S+)\ninterview (\S+)/.exec(first);
    expect(ids, first).not.toBeNull();
    const [, candidateId, interviewId] = ids!;
    // The ATS retries the whole thing: the same keys answer the same candidate and interview.
    expect(await runShell(script, env)).toBe(first);
    const { interview } = await expectStatus(world.admin.get(`/api/interviews/${interviewId}`), 200);
    expect(interview.candidate?.id ?? interview.candidateId).toBe(candidateId);

    // The interview runs its course; the line manager decides.
    const { navigator } = world;
    await sendInvitation(world, interviewId!);
    await expectStatus(
      navigator.post(`/api/interviews/${interviewId}/wellness`, { well: true, startEarly: true }),
      200,
    );
    await go(navigator, interviewId!, { action: 'start_setup', startEarly: true });
    await go(navigator, interviewId!, { action: 'start_pairing' });
    const positive = await note(navigator, interviewId!, 'Wrote the failing test first', ['positive', 'tdd']);
    await go(navigator, interviewId!, { action: 'end_pairing', confirmEarly: true });
    await expectStatus(
      navigator.post(`/api/interviews/${interviewId}/repository-deletion`, { confirmed: true }),
      200,
    );
    await go(navigator, interviewId!, { action: 'start_break' });
    await go(navigator, interviewId!, { action: 'start_retrospective', confirmEarly: true });
    await expectStatus(
      navigator.put(`/api/interviews/${interviewId}/retrospective`, {
        sharedNoteIds: [positive],
        answers: { solution: 'Neat', learned: 'node --test', change: 'Extract a formatter' },
        deadline: '2030-09-20',
        nextSteps: 'Lena will be in touch.',
      }),
      200,
    );
    await go(navigator, interviewId!, { action: 'start_refinement' });
    await navigatorSubmits(world, interviewId!, [positive]);
    await expectStatus(
      world.lineManager.post(`/api/interviews/${interviewId}/decision`, {
        outcome: 'offer',
        note: 'Welcome aboard',
        proceedWithoutPanel: { reason: 'The recipe has no panel.' },
      }),
      200,
    );

    const line = await eventually(async () =>
      received.split('\n').find((entry) => entry.includes('"interview.decided"')),
    );
    expect(JSON.parse(line)).toEqual({
      type: 'interview.decided',
      interviewId,
      candidateId,
      positionId: world.ids.position,
      stage: 'decided',
      outcome: 'offer',
    });
    // The receiver logs the event before its 204 reaches the delivery job, which records the
    // attempt only then: wait for the record, not for the receiver's line.
    const delivery = await eventually(async () => {
      const { deliveries } = await expectStatus(
        world.admin.get(`/api/webhooks/${real.endpoint.id}/deliveries`),
        200,
      );
      return deliveries[0]?.attempts.length > 0 ? deliveries[0] : undefined;
    });
    expect(delivery).toMatchObject({ status: 'delivered', attempts: [{ responseStatus: 204 }] });
  });
});
