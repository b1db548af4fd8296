import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, expectStatus, PASSWORD } from './harness.ts';
import { step } from './process-flows.ts';

const cli = fileURLToPath(new URL('../../cli/src/main.ts', import.meta.url));
const TRIALS = 20;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** The real `pairwise serve` in its own process, so it can be killed with SIGKILL mid-write. */
async function serve(
  dataDir: string,
  port: number,
): Promise<{ child: ChildProcess; setupUrl: string | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'silent', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 20_000;
  while (!output.includes('Pairwise is running')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 50));
  return { child, setupUrl: /(http:\S+\/setup\?token=\S+)/.exec(output)?.[1] ?? null };
}

describe('no acknowledged note is lost when the server is killed (SQLite, kill -9)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-chaos-'));
  let child: ChildProcess | null = null;
  afterAll(() => {
    child?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged note across ${TRIALS} kills`, async () => {
    const port = await freePort();
    const base = `http://localhost:${port}`;
    const first = await serve(dataDir, port);
    child = first.child;
    const admin = new Client(base);
    const token = new URL(first.setupUrl!).searchParams.get('token');
    await expectStatus(
      admin.post('/api/setup', { token, email: 'admin@example.com', name: 'Ada', password: PASSWORD }),
      201,
    );
    const { candidate } = await expectStatus(
      admin.post('/api/candidates', { name: 'Casey Candidate', email: 'casey@example.com', timeZone: 'UTC' }),
      201,
    );
    const { user: lm } = await expectStatus(
      admin.post('/api/users', { email: 'lm@example.com', name: 'L', roles: ['line_manager'] }),
      201,
    );
    const { position } = await expectStatus(
      admin.post('/api/positions', { title: 'P', level: '', lineManagerId: lm.id }),
      201,
    );
    const { task } = await expectStatus(
      admin.post('/api/tasks', {
        title: 'T',
        summary: '',
        navigatorGuide: '',
        setupCommands: [],
        testCommand: '',
      }),
      201,
    );
    const session = await expectStatus(admin.get('/api/session'), 200);
    const { interview } = await expectStatus(
      admin.post('/api/interviews', {
        candidateId: candidate.id,
        positionId: position.id,
        taskId: task.id,
        navigatorId: session.user.id,
        startsAtLocal: '2030-01-01T10:00',
        timeZone: 'UTC',
        place: 'Room',
      }),
      201,
    );
    for (const action of ['invite', 'start_setup', 'start_pairing']) {
      if (action === 'start_setup')
        await expectStatus(
          admin.post(`/api/interviews/${interview.id}/wellness`, { well: true, startEarly: true }),
          200,
        );
      await step(admin, interview.id, action);
    }

    const acknowledged = new Set<string>();
    let attempted = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      let stop = false;
      const writer = async () => {
        while (!stop) {
          const id = randomUUID();
          attempted++;
          try {
            const response = await admin.put(`/api/interviews/${interview.id}/notes/${id}`, {
              text: `note ${id}`,
              tags: [],
              offsetMs: trial,
            });
            if (response.status === 200) acknowledged.add(id);
          } catch {
            return; // connection reset by the kill: this note was never acknowledged
          }
        }
      };
      const writers = Array.from({ length: 4 }, writer);
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 250));
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
      await exited;
      child = (await serve(dataDir, port)).child;
    }

    const { notes } = await expectStatus(admin.get(`/api/interviews/${interview.id}/notes`), 200);
    const stored = new Set<string>(notes.map((note: { id: string }) => note.id));
    const lost = [...acknowledged].filter((id) => !stored.has(id));
    console.log(
      `chaos: ${TRIALS} kills, ${attempted} notes attempted, ${acknowledged.size} acknowledged, ${stored.size} stored, ${lost.length} lost`,
    );
    expect(lost).toEqual([]);
    expect(stored.size).toBe(notes.length);
    expect(acknowledged.size).toBeGreaterThan(TRIALS * 5);
  }, 180_000);
});
