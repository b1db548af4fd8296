import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { pairwiseArgs } from './support/pairwise-bundle.ts';
import { createTestFolder, removeTestFolder, spawnInTestFolder } from './support/test-process.ts';
import { followRehearsal, taskWithSnapshot } from './task-preparation-flows.ts';

const WORKER_SECRET = 'worker-secret-4b1d';

/**
 * A web node with SERVER_REHEARSALS=worker runs no task commands: it queues them, and a real
 * `pairwise rehearsal-worker` in a second process, on the same database, runs them in its sandbox.
 */
describe.each(databases())('rehearsals on a separate worker (%s)', (database) => {
  let server: TestServer;
  let world: World;
  let folder: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    server = await startTestServer(database, { serverRehearsals: 'worker' });
    world = await createWorld(server);
    folder = await createTestFolder('rehearsal-worker');
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await server.close();
    await removeTestFolder(folder);
  });

  /** Starts `pairwise rehearsal-worker` on the server's database; resolves once it takes jobs. */
  function startWorker(options: { serverUrl: string; label: string; leaseSeconds?: number }) {
    const child = spawnInTestFolder(
      process.execPath,
      pairwiseArgs('rehearsal-worker', '--server', options.serverUrl, '--label', options.label),
      {
        cwd: folder,
        env: {
          ...process.env,
          // SQLite: the database file in the server's data folder; PostgreSQL: its database.
          DATA_DIR: server.dataDir,
          DATABASE_URL: server.databaseUrl ?? '',
          JOB_LEASE_SECONDS: String(options.leaseSeconds ?? 60),
          JOB_POLL_MS: '50',
          PAIRWISE_WORKER_SECRET: WORKER_SECRET,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(child);
    let output = '';
    const seen = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (output.includes(text)) resolve();
        };
        child.stdout!.on('data', check);
        child.once('exit', (code) => reject(new Error(`worker exited with ${code}:\n${output}`)));
        check();
      });
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    return { child, ready: seen('is taking rehearsals'), seen };
  }

  it("runs a rehearsal queued by a server that runs none, and takes over a killed worker's job once its lease is up", async () => {
    const { taskId } = await taskWithSnapshot(world, {
      title: 'Queued kata',
      setupCommands: [
        'echo "installing on the worker as $(id -u)"',
        // The worker holds DATABASE_URL; its sandbox shows neither that nor any of its environment.
        'cat /proc/1/environ /proc/$PPID/environ 2>&1 | tr "\\0" "\\n"; env; ls /proc | grep -cE "^[0-9]+$"',
      ],
    });
    const { serverRehearsals } = await expectStatus(
      world.navigator.get(`/api/tasks/${taskId}/rehearsals`),
      200,
    );
    expect(serverRehearsals).toBe('worker');

    // Worker A asks for the snapshot at an address that accepts and never answers: the connection
    // proves A took the job, and A is killed while it holds it.
    let taken!: () => void;
    const connected = new Promise<void>((resolve) => {
      taken = resolve;
    });
    const held: net.Socket[] = [];
    const silent = net.createServer((socket) => {
      held.push(socket);
      taken();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      // A one-second lease, renewed while A lives: once A is dead the job is free a second later.
      const a = startWorker({ serverUrl: `http://127.0.0.1:${port}`, label: 'Worker A', leaseSeconds: 1 });
      await a.ready;
      const { rehearsal } = await expectStatus(
        world.navigator.post(`/api/tasks/${taskId}/rehearsals`, {}),
        202,
      );
      expect(rehearsal).toMatchObject({ status: 'running', origin: 'server' });
      await connected;
      const exited = new Promise((resolve) => a.child.once('exit', resolve));
      a.child.kill('SIGKILL');
      await exited;

      const b = startWorker({ serverUrl: server.url, label: 'Worker B' });
      await b.ready;
      const { rehearsal: finished } = await followRehearsal(world.navigator, taskId, rehearsal.id as string);
      expect(finished).toMatchObject({
        status: 'finished',
        passed: true,
        withinBudget: true,
        failedStep: null,
        machineLabel: 'Worker B',
        origin: 'server',
        ranByName: 'Nora Navigator',
      });
      expect(finished.steps.map((step) => [step.kind, step.exitCode])).toEqual([
        ['clone', 0],
        ['setup', 0],
        ['setup', 0],
        ['test', 0],
      ]);
      const environment = finished.steps[2]!.outputTail;
      expect(environment).toContain('HOME=/rehearsal/home');
      expect(environment).not.toMatch(/DATABASE_URL|DATA_DIR|PAIRWISE_WORKER_SECRET|JOB_LEASE/);
      expect(environment).not.toContain(WORKER_SECRET);
      // The sandbox's own few processes, none of the worker's.
      expect(Number(environment.trim().split('\n').at(-1))).toBeLessThan(10);
      // In the worker's sandbox: the unprivileged user inside, as for rehearsals on the server.
      expect(finished.steps[1]!.outputTail).toContain('installing on the worker as 65534');
      expect(finished.steps[3]!.outputTail).toMatch(/# pass 1/);
    } finally {
      for (const child of children) child.kill('SIGKILL');
      for (const socket of held) socket.destroy();
      silent.close();
    }
  }, 240_000);

  it('stops a rehearsal on a worker when it is cancelled on the page', async () => {
    const { taskId } = await taskWithSnapshot(world, {
      title: 'Endless kata',
      setupCommands: ['echo started', 'sleep 600'],
    });
    const worker = startWorker({ serverUrl: server.url, label: 'Worker C' });
    await worker.ready;
    const { rehearsal } = await expectStatus(
      world.navigator.post(`/api/tasks/${taskId}/rehearsals`, {}),
      202,
    );
    const id = rehearsal.id as string;
    let cancelled: Promise<unknown> | undefined;
    const { rehearsal: finished } = await followRehearsal(world.navigator, taskId, id, (message) => {
      // Once the first setup step is recorded, the second (endless) one is running on the worker.
      if (message.kind === 'state' && message.rehearsal.steps.length >= 2 && !cancelled) {
        cancelled = expectStatus(
          world.navigator.post(`/api/tasks/${taskId}/rehearsals/${id}/cancel`, {}),
          200,
        );
      }
    });
    await cancelled;
    expect(finished).toMatchObject({
      status: 'finished',
      passed: false,
      machineLabel: 'Worker C',
      failedStep: { index: 2, reason: 'cancelled' },
    });
    // The worker noticed and stopped its sandbox, well before the step's own timeout.
    await worker.seen(`Rehearsal ${id}: did not pass.`);
    worker.child.kill('SIGKILL');
    const after = await expectStatus(world.navigator.get(`/api/tasks/${taskId}/rehearsals`), 200);
    expect(after.rehearsals[0]).toMatchObject({ id, failedStep: { reason: 'cancelled' } });
  }, 240_000);
});
