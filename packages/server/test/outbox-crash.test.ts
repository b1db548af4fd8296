import type { ChildProcess } from 'node:child_process';
import net, { type AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, createWorld, databases, type TestServer, type World } from './harness.ts';
import { eventually, outboxMessages, sendInvitation } from './outreach-flows.ts';
import { SmtpSink } from './smtp-sink.ts';
import { pairwiseArgs } from './support/pairwise-bundle.ts';
import { createPostgresDatabase } from './support/postgres-database.ts';
import { createTestFolder, removeTestFolder, spawnInTestFolder } from './support/test-process.ts';

interface Child {
  process: ChildProcess;
  url: string;
  setupUrl: string | null;
}

/**
 * `pairwise serve` as its own process, so the test can kill it the hard way. Resolves once it
 * listens and, on a first start, has printed its setup link (a separate line, maybe a later chunk).
 */
function serve(env: Record<string, string> & { DATA_DIR: string }, firstStart: boolean): Promise<Child> {
  const child = spawnInTestFolder(process.execPath, pairwiseArgs('serve'), {
    cwd: env.DATA_DIR,
    env: { ...process.env, LOG_LEVEL: 'silent', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not yet the test's to kill: stopped here, or it would outlive the test, still listening.
      child.kill('SIGKILL');
      reject(new Error(`pairwise serve did not start:\n${output}`));
    }, 60_000);
    child.once('exit', (code) => reject(new Error(`pairwise serve exited with ${code}:\n${output}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const running = /Pairwise is running on (\S+)/.exec(output);
      const setup = /(http\S+\/setup\?token=\S+)/.exec(output);
      if (running?.[1] && (setup || !firstStart)) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ process: child, url: running[1], setupUrl: setup?.[1] ?? null });
      }
    });
  });
}

function kill9(child: Child): Promise<void> {
  return new Promise((resolve) => {
    child.process.once('exit', () => resolve());
    child.process.kill('SIGKILL');
  });
}

async function databaseEnv(
  kind: 'sqlite' | 'postgres',
): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (kind === 'sqlite') return { env: {}, drop: async () => {} };
  const { url, drop } = await createPostgresDatabase('pairwise_crash');
  return { env: { DATABASE_URL: url }, drop };
}

/**
 * The durable outbox across a kill -9 of the whole server process: a message enqueued (its
 * interview change committed) but not yet accepted by the mail server is delivered exactly once
 * after a restart, with the Message-ID it was rendered with.
 */
describe.each(databases())('outbox delivery across kill -9 (%s)', (kind) => {
  const children: Child[] = [];
  const sinks: SmtpSink[] = [];
  const dataDirs: string[] = [];
  const drops: Array<() => Promise<void>> = [];
  const closers: Array<() => Promise<void>> = [];

  afterAll(async () => {
    for (const child of children) if (child.process.exitCode === null) child.process.kill('SIGKILL');
    for (const sink of sinks) await sink.close();
    for (const close of closers) await close();
    for (const drop of drops) await drop();
    for (const dir of dataDirs) await removeTestFolder(dir);
  });

  /**
   * Every server listens on a port the system picks and the mail server is named at each start:
   * a port chosen here and bound later could be taken by another test in between.
   */
  async function environment() {
    const dataDir = await createTestFolder('crash');
    dataDirs.push(dataDir);
    const database = await databaseEnv(kind);
    drops.push(database.drop);
    const env = {
      ...database.env,
      DATA_DIR: dataDir,
      PORT: '0',
      MAIL_FROM: 'Pairwise <interviews@acme.example>',
      // Short, so a retry and a dead worker's lease take a second or two here, not a minute.
      JOB_LEASE_SECONDS: '2',
      JOB_FIRST_RETRY_SECONDS: '1',
      JOB_POLL_MS: '100',
    };
    return env;
  }

  async function start(
    env: Record<string, string> & { DATA_DIR: string },
    firstStart = false,
  ): Promise<Child> {
    const child = await serve(env, firstStart);
    children.push(child);
    return child;
  }

  function startSink(): SmtpSink {
    const sink = new SmtpSink();
    sinks.push(sink);
    return sink;
  }

  const smtpUrl = (port: number) => `smtp://127.0.0.1:${port}`;

  /** A mail server that is down: it hangs up on every connection, on a port that stays ours. */
  async function deadMailServer(): Promise<number> {
    const server = net.createServer((socket) => socket.destroy());
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return (server.address() as AddressInfo).port;
  }

  /** The clients of a world built on a server that was killed, pointed at its restarted process. */
  function follow(world: World, child: Child): void {
    for (const client of Object.values(world)) if (client instanceof Client) client.baseUrl = child.url;
  }

  /**
   * The positive signal that nothing more is coming for the first interview: mail for a second
   * interview, enqueued only now, has been delivered. The worker takes due jobs oldest first, so a
   * duplicate of an earlier message would have been handed over before it.
   */
  async function laterMailDelivered(world: World): Promise<void> {
    const later = await world.planInterview({ startsAtLocal: '2030-03-06T14:00' });
    await sendInvitation(world.navigator, later);
    await eventually(async () => {
      const rows = await outboxMessages(world, later);
      return rows.length > 0 && rows.every((row) => row.status === 'sent');
    });
  }

  /** What the mail server accepted of the given messages, duplicates included. */
  const acceptedOf = (sink: SmtpSink, rows: Array<{ messageId: string }>) => {
    const ids = new Set(rows.map((row) => row.messageId));
    return sink.accepted.filter((message) => ids.has(message.messageId));
  };

  const worldOn = (child: Child) =>
    createWorld({ url: child.url, setupUrl: child.setupUrl } as unknown as TestServer);

  it('delivers exactly once when the server dies between enqueue and send', async () => {
    const env = await environment();
    // The mail server is down at first, so nothing can leave before the kill.
    const first = await start({ ...env, SMTP_URL: smtpUrl(await deadMailServer()) }, true);
    const world: World = await worldOn(first);
    const id = await world.planInterview();
    await sendInvitation(world.navigator, id);
    const waiting = await eventually(async () => {
      const rows = await outboxMessages(world, id);
      return rows.length === 10 && rows.every((row) => row.status === 'queued' && row.attempts >= 1)
        ? rows
        : null;
    });
    await kill9(first);

    const sink = startSink();
    follow(world, await start({ ...env, SMTP_URL: smtpUrl(await sink.listen()) }));
    const sent = await eventually(async () => {
      const rows = await outboxMessages(world, id);
      return rows.every((row) => row.status === 'sent') ? rows : null;
    });
    await laterMailDelivered(world);
    const accepted = acceptedOf(sink, waiting);
    expect(accepted).toHaveLength(10);
    expect(new Set(accepted.map((m) => m.messageId))).toEqual(new Set(waiting.map((row) => row.messageId)));
    expect(accepted.filter((m) => m.to.includes('casey@example.com'))).toHaveLength(1);
    expect(sent.map((row) => row.status)).toEqual(Array(10).fill('sent'));
  }, 120_000);

  it('delivers exactly once when the server dies in the middle of handing a message over', async () => {
    const sink = startSink();
    const env = { ...(await environment()), SMTP_URL: smtpUrl(await sink.listen()) };
    let handedOver: () => void = () => {};
    const stalled = new Promise<void>((resolve) => {
      handedOver = resolve;
    });
    // The server receives the candidate's invitation but never confirms it: then the sender dies.
    sink.onData = (raw) => {
      if (!raw.includes('To: Casey Candidate')) return 'accept';
      handedOver();
      return 'hold';
    };
    const first = await start(env, true);
    const world: World = await worldOn(first);
    const id = await world.planInterview();
    await sendInvitation(world.navigator, id);
    await stalled;
    const inFlight = (await outboxMessages(world, id)).find((row) => row.kind === 'invitation')!;
    expect(inFlight.status).toBe('sending');
    await kill9(first);
    sink.onData = () => 'accept';

    follow(world, await start(env));
    // The dead worker's lease (JOB_LEASE_SECONDS) runs out before another worker may retry the message.
    const delivered = await eventually(async () => {
      const rows = await outboxMessages(world, id);
      return rows.every((row) => row.status === 'sent') ? rows : null;
    });
    await laterMailDelivered(world);
    const accepted = acceptedOf(sink, delivered);
    expect(accepted.filter((m) => m.messageId === inFlight.messageId)).toHaveLength(1);
    expect(delivered.find((row) => row.kind === 'invitation')!.attempts).toBe(2);
    expect(accepted).toHaveLength(10);
  }, 120_000);
});
