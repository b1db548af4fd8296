import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from '../../server/test/harness.ts';
import { pairwiseArgs } from '../../server/test/support/pairwise-bundle.ts';
import { runInTestFolder, scratchFolder } from '../../server/test/support/test-process.ts';
import { createApiToken, taskWithSnapshot } from '../../server/test/task-preparation-flows.ts';

const demoTask = fileURLToPath(new URL('../../server/demo-task', import.meta.url));

/** The real `pairwise` command in a child process, as a colleague would run it, in a folder of the test's own. */
async function pairwise(args: string[], env: Record<string, string> = {}) {
  return runInTestFolder(process.execPath, pairwiseArgs(...args), {
    cwd: await scratchFolder(),
    env: { ...process.env, ...env },
  });
}

describe.each(databases())('pairwise rehearse against a running server (%s)', (database) => {
  let server: TestServer;
  let world: World;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(database);
    world = await createWorld(server);
    token = await createApiToken(world.shadow, 'sams-laptop');
  });
  afterAll(() => server.close());

  it('downloads the snapshot, runs the steps with progress, and reports the result under its label', async () => {
    const { taskId, snapshotId } = await taskWithSnapshot(world, {
      title: 'CLI kata',
      setupCommands: ['node --version'],
    });
    const run = await pairwise([
      'rehearse',
      `${server.url}/tasks/${taskId}`,
      '--token',
      token,
      '--label',
      'sams-laptop',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^Rehearsing "CLI kata" \(snapshot [0-9a-f]{12}\) on sams-laptop, budget 300 s\.$/,
    );
    expect(lines).toContain('▸ [2/3] node --version');
    expect(lines.some((line) => /^✓ \[3\/3\] node --test \(\d+\.\d s\)$/.test(line))).toBe(true);
    expect(run.stdout).toMatch(/Passed in \d+\.\d s of a 5:00 min budget on sams-laptop\./);

    const { rehearsals } = await expectStatus(world.navigator.get(`/api/tasks/${taskId}/rehearsals`), 200);
    expect(rehearsals).toHaveLength(1);
    expect(rehearsals[0]).toMatchObject({
      origin: 'cli',
      machineLabel: 'sams-laptop',
      snapshotId,
      passed: true,
      withinBudget: true,
      ranByName: 'Sam Shadow',
    });
    expect(run.stdout).toContain(`${server.url}/tasks/${taskId}#rehearsal-${rehearsals[0].id}`);
  });

  it('reports a failing rehearsal with the step and the reason, and exits 1', async () => {
    const { taskId } = await taskWithSnapshot(world, {
      title: 'Broken CLI kata',
      setupCommands: ['echo "no such package" >&2; exit 7'],
    });
    const run = await pairwise(['rehearse', taskId, '--server', server.url], { PAIRWISE_TOKEN: token });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /✗ \[2\/3\] echo "no such package" >&2; exit 7 \(\d+\.\d s, exit code 7\)\n {4}no such package/,
    );
    expect(run.stdout).toMatch(/Failed at "echo "no such package" >&2; exit 7": exited with code 7/);
    const { rehearsals } = await expectStatus(world.navigator.get(`/api/tasks/${taskId}/rehearsals`), 200);
    expect(rehearsals[0]).toMatchObject({ origin: 'cli', passed: false, failedStep: { index: 1 } });
  });

  it('says why it cannot start: no token, an unknown token', async () => {
    const { taskId } = await taskWithSnapshot(world, { title: 'Guarded kata' });
    const withoutToken = await pairwise(['rehearse', taskId, '--server', server.url], { PAIRWISE_TOKEN: '' });
    expect(withoutToken.code).toBe(2);
    expect(withoutToken.stderr).toMatch(/Give a personal API token with --token/);
    const unknown = await pairwise([
      'rehearse',
      taskId,
      '--server',
      server.url,
      '--token',
      `pw_${'y'.repeat(43)}`,
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /Pairwise answered 401: This API token is unknown, expired or was revoked/,
    );
  });

  it('rehearses a local folder from its pairwise-task.json and only prints', async () => {
    const run = await pairwise(['rehearse', demoTask]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Rehearsing .*starting-point from scratch \(only printed, nothing is reported\)\./,
    );
    expect(run.stdout).toContain('▸ [3/3] node --test');
    expect(run.stdout).toMatch(/Passed in .* budget/);
  });
});
