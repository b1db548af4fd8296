import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, expectStatus, type TestServer, type World } from '../../server/test/harness.ts';
import { createTestFolder, spawnInTestFolder } from '../../server/test/support/test-process.ts';
import { bundleServer, loadedAtStart } from '../src/bundle-server.ts';

/*
 * What `npm start` runs (decision 039): the bundle, without tsx, from a folder of its own. The
 * files it finds beside its sources (the demo task here) must still be found, and the routes
 * whose libraries load on first use must still answer.
 */
describe('the bundled server, as npm start runs it', () => {
  let child: ChildProcess;
  let world: World;
  let startLoads: ReturnType<typeof loadedAtStart>;

  beforeAll(async () => {
    const folder = await createTestFolder('bundled-server');
    const outdir = path.join(folder, 'dist');
    const metafile = await bundleServer(outdir);
    startLoads = loadedAtStart(metafile, path.relative(process.cwd(), path.join(outdir, 'pairwise.mjs')));
    // The libraries stay in node_modules and resolve from the bundle's place, as they do in a
    // checkout's packages/cli/dist/server.
    await symlink(
      fileURLToPath(new URL('../../../node_modules', import.meta.url)),
      path.join(folder, 'node_modules'),
    );
    const dataDir = path.join(folder, 'data');
    child = spawnInTestFolder(
      process.execPath,
      ['--max-semi-space-size=4', path.join(outdir, 'pairwise.mjs'), 'serve'],
      {
        cwd: folder,
        env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stderr!.on('data', (chunk) => {
      output += chunk;
    });
    const started = new Promise<{ url: string; setupUrl: string }>((resolve, reject) => {
      child.stdout!.on('data', (chunk) => {
        output += chunk;
        const url = /Pairwise is running on (\S+)/.exec(output)?.[1];
        const setupUrl = /(http:\S+\/setup\?token=\S+)\s/.exec(output)?.[1];
        if (url && setupUrl) resolve({ url, setupUrl });
      });
      child.once('exit', (code) => reject(new Error(`the bundle exited with ${code}:\n${output}`)));
    });
    const { url, setupUrl } = await started;
    world = await createWorld({ url, setupUrl, dataDir } as unknown as TestServer);
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('loads the rarely used libraries and the language check on first use, not at start', () => {
    // Idle RSS is budgeted at 120 MB (bench/results/start-up.md); each of these is megabytes.
    expect(startLoads.libraries.size).toBeGreaterThan(5);
    for (const library of ['openid-client', 'imapflow', 'mailparser', 'tsdav', '@node-rs/argon2', 'retext']) {
      expect([...startLoads.libraries].filter((name) => name.startsWith(library))).toEqual([]);
    }
    const sources = [...startLoads.sources];
    expect(sources.some((source) => source.endsWith('bias/rule-match.ts'))).toBe(true);
    expect(sources.filter((source) => /bias-model\.json|bias\/language-check\.ts/.test(source))).toEqual([]);
  });

  it('signs in with a password (argon2 on first use) and adds the demo task from beside its source', async () => {
    const added = await expectStatus(world.navigator.post('/api/tasks/demo', {}), 201);
    expect(added.created).toBe(true);
    expect(added.snapshot.commit).toMatch(/^[0-9a-f]{40}$/);
  });
});
