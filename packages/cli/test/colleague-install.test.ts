import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliTarballName, serverVersion } from '../../server/src/features/cli-distribution/cli-package.ts';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from '../../server/test/harness.ts';
import { createTestFolder, runInTestFolder } from '../../server/test/support/test-process.ts';
import { createApiToken, taskWithSnapshot } from '../../server/test/task-preparation-flows.ts';
import { packCli } from '../src/pack-cli.ts';

/*
 * A colleague's clean machine: an empty folder, an empty npm cache, no ~/.npmrc, and a registry
 * nobody answers at, so the install can only succeed if the package the server hands out needs
 * nothing from the npm registry.
 */
async function colleagueMachine() {
  const home = await createTestFolder('colleague');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    npm_config_cache: path.join(home, '.npm'),
    npm_config_userconfig: path.join(home, '.npmrc'),
    // Port 9 (discard) on loopback: any registry request fails at once instead of reaching npmjs.
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
  return { home, env };
}

describe.each(databases())('the CLI a colleague installs from the server (%s)', (database) => {
  let server: TestServer;
  let world: World;
  let token: string;
  let tarball: string;

  beforeAll(async () => {
    // What `npm run build` does, into this test's own folder.
    const dist = await createTestFolder('cli-dist');
    tarball = await packCli(dist, { workDir: dist });
    server = await startTestServer(database, { cliDistDir: dist });
    world = await createWorld(server);
    token = await createApiToken(world.shadow, 'colleague-laptop');
  });
  afterAll(() => server.close());

  it('serves its own version only, to anyone, and names it for the task page', async () => {
    const answer = await expectStatus(world.navigator.get('/api/cli-package'), 200);
    expect(answer).toEqual({
      version: serverVersion,
      serverUrl: server.url,
      packageUrl: `${server.url}/cli/${cliTarballName()}`,
      available: true,
    });
    // npx fetches it without a session: the package holds no secret.
    const download = await fetch(answer.packageUrl);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(await readFile(tarball))).toBe(true);
    const other = await fetch(`${server.url}/cli/pairwise-cli-0.0.1.tgz`);
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ code: 'not_found' });
  });

  it('installs into an empty folder with the task page command and rehearses against the server', async () => {
    const { taskId } = await taskWithSnapshot(world, {
      title: 'Colleague kata',
      setupCommands: ['node --version'],
    });
    const { packageUrl } = await expectStatus(world.navigator.get('/api/cli-package'), 200);
    const { home, env } = await colleagueMachine();
    const run = await runInTestFolder(
      'npx',
      [
        '--yes',
        packageUrl,
        'rehearse',
        `${server.url}/tasks/${taskId}`,
        '--token',
        token,
        '--label',
        'colleague-laptop',
      ],
      { cwd: home, env },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Rehearsing "Colleague kata" \(snapshot [0-9a-f]{12}\) on colleague-laptop/);
    expect(run.stdout).toMatch(/Passed in \d+\.\d s of a 5:00 min budget on colleague-laptop\./);
    const { rehearsals } = await expectStatus(world.navigator.get(`/api/tasks/${taskId}/rehearsals`), 200);
    expect(rehearsals[0]).toMatchObject({
      origin: 'cli',
      machineLabel: 'colleague-laptop',
      passed: true,
      ranByName: 'Sam Shadow',
    });

    // Installed into a project folder instead, offline: the tarball carries everything it runs.
    const project = await createTestFolder('colleague-project');
    const install = await runInTestFolder('npm', ['install', '--offline', '--no-package-lock', tarball], {
      cwd: project,
      env,
    });
    expect(install.code, install.stderr).toBe(0);
    const version = await runInTestFolder(path.join(project, 'node_modules/.bin/pairwise'), ['--version'], {
      cwd: project,
      env,
    });
    expect(version.stdout.trim()).toBe(serverVersion);
  });
});
