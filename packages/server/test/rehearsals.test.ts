import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractArchive } from '../src/platform/archive/extract-archive.ts';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import {
  createApiToken,
  followRehearsal,
  rehearseOnServer,
  taskWithSnapshot,
  tinyProject,
  withToken,
} from './task-preparation-flows.ts';

describe.each(databases())('rehearsals through the API (%s)', (database) => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  it('rehearses a passing task on the server, streaming the step, its elapsed time and last lines', async () => {
    const { taskId, snapshotId } = await taskWithSnapshot(world, {
      title: 'Passing kata',
      setupCommands: ['node --version', 'for i in 1 2 3; do echo "installing $i"; sleep 0.3; done'],
    });
    const { messages, rehearsal } = await rehearseOnServer(world, taskId);

    expect(messages[0]).toMatchObject({ kind: 'state', rehearsal: { status: 'running', snapshotId } });
    const progress = messages.filter((m) => m.kind === 'progress');
    expect(progress.some((m) => m.current.stepIndex === 2 && m.current.tail.includes('installing 2'))).toBe(
      true,
    );
    expect(progress.some((m) => m.current.command === 'node --test')).toBe(true);
    const elapsed = progress.filter((m) => m.current.stepIndex === 2).map((m) => m.current.elapsedMs);
    expect(Math.max(...elapsed)).toBeGreaterThanOrEqual(500);

    expect(rehearsal).toMatchObject({
      status: 'finished',
      passed: true,
      withinBudget: true,
      failedStep: null,
      origin: 'server',
      ranByName: 'Nora Navigator',
      budgetMs: 300_000,
    });
    expect(rehearsal.machineLabel).toMatch(/^Pairwise server \(/);
    expect(rehearsal.steps.map((step) => [step.kind, step.exitCode])).toEqual([
      ['clone', 0],
      ['setup', 0],
      ['setup', 0],
      ['test', 0],
    ]);
    expect(rehearsal.steps[3]!.outputTail).toMatch(/# pass 1/);

    // The history shows it, and a late watcher gets the finished result straight away.
    const { rehearsals } = await expectStatus(world.navigator.get(`/api/tasks/${taskId}/rehearsals`), 200);
    expect(rehearsals[0]).toMatchObject({ id: rehearsal.id, passed: true });
    const late = await followRehearsal(world.shadow, taskId, rehearsal.id);
    expect(late.messages.map((m) => m.kind)).toEqual(['state', 'finished']);
  });

  it('says which step failed and why', async () => {
    const { taskId } = await taskWithSnapshot(world, {
      title: 'Failing kata',
      setupCommands: ['echo "npm ERR! missing script: ci" >&2; exit 3', 'echo never'],
    });
    const { rehearsal } = await rehearseOnServer(world, taskId);
    expect(rehearsal).toMatchObject({
      passed: false,
      withinBudget: false,
      failedStep: { index: 1, reason: 'exited with code 3' },
    });
    expect(rehearsal.steps).toHaveLength(2);
    expect(rehearsal.steps[1]!.outputTail).toBe('npm ERR! missing script: ci\n');
  });

  it('passes an over-budget setup but says it is over budget', async () => {
    const { taskId } = await taskWithSnapshot(world, {
      title: 'Slow kata',
      setupBudgetSec: 10,
      setupCommands: ['sleep 10.2'],
    });
    const { rehearsal } = await rehearseOnServer(world, taskId);
    expect(rehearsal).toMatchObject({
      passed: true,
      withinBudget: false,
      budgetMs: 10_000,
      failedStep: null,
    });
    expect(rehearsal.totalMs).toBeGreaterThan(10_000);
  }, 40_000);

  it('cancels a running rehearsal, killing its step, and allows one run per task at a time', async () => {
    const hanging = 'echo hanging-started && sleep 120';
    const { taskId } = await taskWithSnapshot(world, { title: 'Hanging kata', setupCommands: [hanging] });
    const { rehearsal: running } = await expectStatus(
      world.navigator.post(`/api/tasks/${taskId}/rehearsals`, {}),
      202,
    );
    const second = await world.navigator.post(`/api/tasks/${taskId}/rehearsals`, {});
    expect(second.status).toBe(409);
    // Cancel once the hanging step runs (not while the clone does): its output says so.
    let cancelling: Promise<unknown> | undefined;
    const { rehearsal } = await followRehearsal(world.navigator, taskId, running.id, (message) => {
      if (!cancelling && message.kind === 'progress' && message.current.tail.includes('hanging-started')) {
        cancelling = expectStatus(
          world.admin.post(`/api/tasks/${taskId}/rehearsals/${running.id}/cancel`, {}),
          200,
        );
      }
    });
    await cancelling;
    expect(rehearsal).toMatchObject({ passed: false, failedStep: { index: 1, reason: 'cancelled' } });
    expect(rehearsal.steps.at(-1)).toMatchObject({ command: hanging, exitCode: null });
    const again = await world.navigator.post(`/api/tasks/${taskId}/rehearsals/${running.id}/cancel`, {});
    expect(again.status).toBe(409);
  });

  it('needs a snapshot and a test command before rehearsing', async () => {
    const { task } = await expectStatus(
      world.navigator.post('/api/tasks', {
        title: 'No source yet',
        summary: '',
        navigatorGuide: '',
        setupCommands: [],
        testCommand: 'node --test',
      }),
      201,
    );
    const noSnapshot = await world.navigator.post(`/api/tasks/${task.id}/rehearsals`, {});
    expect(noSnapshot.status).toBe(422);
    expect(noSnapshot.body.message).toMatch(/no starting point yet/);
  });

  it('serves the CLI with a personal token only on its own routes', async () => {
    const { taskId, snapshotId } = await taskWithSnapshot(world, { title: 'Token kata' });
    const token = await createApiToken(world.navigator, 'build machine');
    const { tokens } = await expectStatus(world.navigator.get('/api/api-tokens'), 200);
    expect(tokens).toEqual([expect.objectContaining({ label: 'build machine', lastUsedAt: null })]);
    expect(JSON.stringify(tokens)).not.toContain(token);

    const plan = await expectStatus(
      withToken(world.anonymous, token, 'GET', `/api/cli/tasks/${taskId}/rehearsal-plan`),
      200,
    );
    expect(plan).toMatchObject({
      snapshot: { id: snapshotId, archivePath: `/api/cli/tasks/${taskId}/snapshots/${snapshotId}/archive` },
      setupCommands: ['node --version'],
      testCommand: 'node --test',
      budgetMs: 300_000,
      totalTimeoutMs: 600_000,
    });
    const archive = await fetch(`${server.url}${plan.snapshot.archivePath}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(archive.status).toBe(200);
    expect(archive.headers.get('content-type')).toBe('application/gzip');
    const work = await mkdtemp(path.join(os.tmpdir(), 'pairwise-archive-'));
    try {
      const file = path.join(work, 'snapshot.tar.gz');
      await writeFile(file, Buffer.from(await archive.arrayBuffer()));
      await extractArchive(file, path.join(work, 'out'));
      expect(await readFile(path.join(work, 'out', 'starting-point', 'package.json'), 'utf8')).toBe(
        tinyProject['package.json'],
      );
    } finally {
      await rm(work, { recursive: true, force: true });
    }

    // A rehearsal token (scope `cli`) opens nothing else, even for its owner.
    expect((await withToken(world.anonymous, token, 'GET', `/api/tasks/${taskId}`)).status).toBe(403);
    const { tokens: used } = await expectStatus(world.navigator.get('/api/api-tokens'), 200);
    expect(used[0].lastUsedAt).not.toBeNull();

    const unknown = await withToken(
      world.anonymous,
      `pw_${'x'.repeat(43)}`,
      'GET',
      `/api/cli/tasks/${taskId}/rehearsal-plan`,
    );
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toMatch(/unknown, expired or was revoked/);

    // Only the owner revokes; afterwards the token opens nothing.
    expect((await world.shadow.delete(`/api/api-tokens/${tokens[0].id}`)).status).toBe(404);
    await expectStatus(world.navigator.delete(`/api/api-tokens/${tokens[0].id}`), 200);
    const revoked = await withToken(world.anonymous, token, 'GET', `/api/cli/tasks/${taskId}/rehearsal-plan`);
    expect(revoked.status).toBe(401);
  });

  it('records a rehearsal uploaded by the CLI, deriving pass and budget itself', async () => {
    const { taskId, snapshotId } = await taskWithSnapshot(world, {
      title: 'Upload kata',
      setupBudgetSec: 60,
    });
    const token = await createApiToken(world.shadow);
    const step = {
      kind: 'test',
      command: 'node --test',
      exitCode: 1,
      durationMs: 900,
      outputTail: 'not ok 1\n',
      outputBytes: 9,
      timedOut: false,
    };
    const upload = (body: Record<string, unknown>) =>
      withToken(world.anonymous, token, 'POST', `/api/cli/tasks/${taskId}/rehearsals`, {
        snapshotId,
        machineLabel: 'sams-laptop',
        steps: [step],
        totalMs: 900,
        passed: true,
        failedStep: null,
        at: new Date().toISOString(),
        ...body,
      });
    // A step that exited 1 is no pass, whatever the report says.
    const { rehearsal } = await expectStatus(upload({}), 201);
    expect(rehearsal).toMatchObject({
      origin: 'cli',
      machineLabel: 'sams-laptop',
      passed: false,
      ranByName: 'Sam Shadow',
    });
    const slow = await expectStatus(upload({ steps: [{ ...step, exitCode: 0 }], totalMs: 61_000 }), 201);
    expect(slow.rehearsal).toMatchObject({ passed: true, withinBudget: false });

    const old = await upload({ at: '2020-01-01T00:00:00.000Z' });
    expect(old.status).toBe(422);
    const otherTask = await taskWithSnapshot(world, { title: 'Other kata' });
    expect((await upload({ snapshotId: otherTask.snapshotId })).status).toBe(422);
  });
});
