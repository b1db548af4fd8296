import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Client, expectStatus, PASSWORD } from './harness.ts';
import { step } from './process-flows.ts';
import { pairwiseArgs } from './support/pairwise-bundle.ts';
import { createTestFolder, removeTestFolder, spawnInTestFolder } from './support/test-process.ts';

const TRIALS = 20;

/**
 * The real `pairwise serve` in its own process, so it can be killed with SIGKILL mid-write. It
 * listens on a port the system picks (a port chosen here and bound later could be taken by
 * another test in between) and answers the address it prints.
 */
function serve(
  dataDir: string,
  firstStart = false,
): Promise<{ child: ChildProcess; url: string; setupUrl: string | null }> {
  const child = spawnInTestFolder(process.execPath, pairwiseArgs('serve'), {
    cwd: dataDir,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not yet the test's to kill: stopped here, or it would outlive the test, still listening.
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output}`));
    }, 60_000);
    const failed = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was running:\n${output}`));
    };
    child.once('exit', failed);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      // "running" is printed once the port listens; only a first start then prints the setup link.
      const url = /Pairwise is running on (\S+)/.exec(output)?.[1];
      const setupUrl = /(http:\S+\/setup\?token=\S+)/.exec(output)?.[1] ?? null;
      if (url && (setupUrl || !firstStart)) {
        clearTimeout(timer);
        child.off('exit', failed);
        resolve({ child, url, setupUrl });
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
  });
}

describe('no acknowledged note is lost when the server is killed (SQLite, kill -9)', () => {
  // Only for clean-up: the test itself starts from an empty folder of its own.
  let child: ChildProcess | null = null;
  let dataDir: string | null = null;
  afterEach(async () => {
    child?.kill('SIGKILL');
    if (dataDir) await removeTestFolder(dataDir);
  });

  it(`keeps every acknowledged note across ${TRIALS} kills`, async () => {
    const folder = await createTestFolder('chaos');
    dataDir = folder;
    const first = await serve(folder, true);
    child = first.child;
    const admin = new Client(first.url);
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
      // Kill while writes are in flight: after a random number of this trial's notes were acknowledged.
      const killAfter = acknowledged.size + 6 + Math.floor(Math.random() * 10);
      let writing: () => void = () => {};
      const enoughWritten = new Promise<void>((resolve) => {
        writing = resolve;
      });
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
            if (acknowledged.size >= killAfter) writing();
          } catch {
            return; // connection reset by the kill: this note was never acknowledged
          }
        }
      };
      const writers = Array.from({ length: 4 }, writer);
      // Writers that all stopped early (every request refused) must not leave the test hanging.
      await Promise.race([enoughWritten, Promise.all(writers)]);
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
      await exited;
      const restarted = await serve(folder);
      child = restarted.child;
      // The same admin, signed in before the kill, follows the server to its new address.
      admin.baseUrl = restarted.url;
    }

    // Every page of the notes: a few hundred of them are more than one.
    const notes: Array<{ id: string }> = [];
    let cursor: string | null = null;
    do {
      const page: { notes: Array<{ id: string }>; nextCursor: string | null } = await expectStatus(
        admin.get(`/api/interviews/${interview.id}/notes${cursor ? `?cursor=${cursor}` : ''}`),
        200,
      );
      notes.push(...page.notes);
      cursor = page.nextCursor;
    } while (cursor);
    const stored = new Set<string>(notes.map((note) => note.id));
    const lost = [...acknowledged].filter((id) => !stored.has(id));
    console.log(
      `chaos: ${TRIALS} kills, ${attempted} notes attempted, ${acknowledged.size} acknowledged, ${stored.size} stored, ${lost.length} lost`,
    );
    expect(lost).toEqual([]);
    expect(stored.size).toBe(notes.length);
    expect(acknowledged.size).toBeGreaterThan(TRIALS * 5);
    // 20 restarts of a real server process: about a minute on a quiet 2-core machine, several
    // when other work shares the cores.
  }, 400_000);
});
