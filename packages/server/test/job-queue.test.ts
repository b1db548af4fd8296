import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database.ts';
import { backoffSeconds, JobQueue } from '../src/platform/jobs/job-queue.ts';
import { databases } from './harness.ts';
import { createPostgresDatabase } from './support/postgres-database.ts';

async function openTestDatabase(
  kind: 'sqlite' | 'postgres',
): Promise<DatabaseHandle & { cleanup(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-jobs-'));
  if (kind === 'sqlite') {
    const handle = await openDatabase({ dataDir, databaseUrl: null });
    return { ...handle, cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const database = await createPostgresDatabase('pairwise_jobs');
  const handle = await openDatabase({ dataDir, databaseUrl: database.url });
  return {
    ...handle,
    cleanup: async () => {
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe.each(databases())('job queue (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
    await database.cleanup();
  });

  it('runs each due job once, ignores a duplicate enqueue, and retries failures with backoff', async () => {
    let now = new Date();
    const queue = new JobQueue(database, { clock: () => now });
    const seen: string[] = [];
    let failures = 1;
    const greet = {
      type: 'greet',
      payload: z.object({ name: z.string() }),
      handle: async ({ name }: { name: string }) => {
        if (name === 'flaky' && failures-- > 0) throw new Error('SMTP down');
        seen.push(name);
      },
    };
    queue.define(greet);
    await queue.enqueue(greet, { name: 'ada' }, { dedupeKey: 'greet-ada' });
    await queue.enqueue(greet, { name: 'ada' }, { dedupeKey: 'greet-ada' });
    await queue.enqueue(greet, { name: 'flaky' });
    await queue.enqueue(greet, { name: 'later' }, { runAt: new Date(now.getTime() + 3_600_000) });

    expect(await queue.drain()).toBe(2);
    expect(seen).toEqual(['ada']);
    const flaky = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('payload', 'like', '%flaky%')
      .executeTakeFirstOrThrow();
    expect(flaky).toMatchObject({ attempts: 1, last_error: 'SMTP down', done_at: null });

    // Not due before its backoff is over, due once the queue's clock has moved past it.
    now = new Date(now.getTime() + backoffSeconds(1) * 1000 - 1000);
    expect(await queue.drain()).toBe(0);
    now = new Date(now.getTime() + 1000);
    expect(await queue.drain()).toBe(1);
    expect(seen).toEqual(['ada', 'flaky']);
  });

  it('lets two workers share the queue without running a job twice', async () => {
    const ran: string[] = [];
    const job = {
      type: 'count',
      payload: z.object({ n: z.number() }),
      handle: async ({ n }: { n: number }) => {
        ran.push(String(n));
      },
    };
    const a = new JobQueue(database);
    const b = new JobQueue(database);
    a.define(job);
    b.define(job);
    for (let n = 0; n < 20; n++) await a.enqueue(job, { n });
    await Promise.all([a.drain(), b.drain()]);
    expect(ran.sort()).toEqual(Array.from({ length: 20 }, (_, n) => String(n)).sort());
  });

  it('takes only the job types it handles, so a web node leaves rehearsals to a worker', async () => {
    const ran: string[] = [];
    const mail = { type: 'only-mail', payload: z.object({}), handle: async () => void ran.push('mail') };
    const rehearsal = {
      type: 'only-rehearsal',
      payload: z.object({}),
      handle: async () => void ran.push('rehearsal'),
    };
    const web = new JobQueue(database);
    const worker = new JobQueue(database);
    web.define(mail);
    worker.define(rehearsal);
    await web.enqueue(rehearsal, {});
    await web.enqueue(mail, {});
    expect(await web.drain()).toBe(1);
    expect(ran).toEqual(['mail']);
    expect(await worker.drain()).toBe(1);
    expect(ran).toEqual(['mail', 'rehearsal']);
  });

  it("renews a running job's lease, so a job may outlast its lease without a second worker taking it", async () => {
    let now = new Date();
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    let runs = 0;
    const long = {
      type: 'long',
      payload: z.object({}),
      handle: async () => {
        runs++;
        started();
        await released;
      },
    };
    // One-second leases on a clock the test moves; renewals come every third of a second.
    const a = new JobQueue(database, { clock: () => now, leaseSeconds: 1 });
    const b = new JobQueue(database, { clock: () => now, leaseSeconds: 1 });
    a.define(long);
    b.define(long);
    await a.enqueue(long, {});
    const draining = a.drain();
    await running;
    // Ten seconds later by the clock, well past the first lease: wait for A's renewal to write it.
    now = new Date(now.getTime() + 10_000);
    const renewedPast = now.toISOString();
    for (;;) {
      const row = await database.db
        .selectFrom('jobs')
        .select('locked_until')
        .where('type', '=', 'long')
        .executeTakeFirstOrThrow();
      if (row.locked_until && row.locked_until > renewedPast) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await b.drain()).toBe(0);
    release();
    expect(await draining).toBe(1);
    expect(runs).toBe(1);
  });

  it('backs off 5 s, 20 s, 80 s ... up to an hour', () => {
    expect([1, 2, 3, 9].map((attempt) => backoffSeconds(attempt))).toEqual([5, 20, 80, 3600]);
    expect([1, 2, 3].map((attempt) => backoffSeconds(attempt, 1))).toEqual([1, 4, 16]);
  });
});
