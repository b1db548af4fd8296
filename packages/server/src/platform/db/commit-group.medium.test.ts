import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from '../../../test/support/postgres-database.ts';
import { CommitGroup } from './commit-group.ts';
import { type DatabaseHandle, openDatabase } from './database.ts';
import type { Database } from './schema.ts';

// PostgreSQL too when TEST_DATABASE_URL names a server (a database of its own, dropped after).
const targets = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(targets)('writes that arrive together commit together (%s)', (target) => {
  let handle: DatabaseHandle;
  /** Whether another connection sees the row: only what is committed. */
  let committed: (id: string) => Promise<number>;
  const cleanUp: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    if (target === 'sqlite') {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-commit-group-'));
      handle = await openDatabase({ dataDir, databaseUrl: null });
      const other = new SqliteDatabase(path.join(dataDir, 'pairwise.sqlite'), { readonly: true });
      const count = other.prepare('SELECT count(*) FROM calibration_stale WHERE interview_id = ?').pluck();
      committed = async (id) => Number(count.get(id));
      cleanUp.push(async () => {
        other.close();
        await handle.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      });
      return;
    }
    const database = await createPostgresDatabase('pairwise_commit_group');
    handle = await openDatabase({ dataDir: os.tmpdir(), databaseUrl: database.url });
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    committed = async (id) =>
      Number(
        (await other.query('SELECT count(*) AS n FROM calibration_stale WHERE interview_id = $1', [id]))
          .rows[0].n,
      );
    cleanUp.push(async () => {
      await other.end();
      await handle.close();
      await database.drop();
    });
  });
  afterAll(async () => {
    for (const step of cleanUp.reverse()) await step();
  });

  const insert = (trx: Kysely<Database>, id: string) =>
    trx.insertInto('calibration_stale').values({ interview_id: id, version: 1 }).execute();

  it('shares one transaction among the writes of a turn, and answers each once it is committed', async () => {
    const group = new CommitGroup(handle.db);
    const seen: Array<Kysely<Database>> = [];
    const answered = await Promise.all(
      ['a1', 'a2', 'a3'].map(async (id) => {
        const written = await group.run(async (trx) => {
          seen.push(trx);
          await insert(trx, id);
          return id;
        });
        return { id: written, committed: await committed(id) };
      }),
    );
    expect(answered).toEqual([
      { id: 'a1', committed: 1 },
      { id: 'a2', committed: 1 },
      { id: 'a3', committed: 1 },
    ]);
    expect(new Set(seen).size).toBe(1);

    // A write of a later turn gets a transaction of its own.
    await group.run(async (trx) => {
      seen.push(trx);
      await insert(trx, 'a4');
    });
    expect(new Set(seen).size).toBe(2);
  });

  it('fails a write that fails on its own account, and commits the others of its group', async () => {
    const group = new CommitGroup(handle.db);
    await group.run((trx) => insert(trx, 'b1'));
    const results = await Promise.allSettled([
      group.run((trx) => insert(trx, 'b2')),
      // The same key again: a constraint violation, which rolls the group's transaction back.
      group.run((trx) => insert(trx, 'b1')),
      group.run((trx) => insert(trx, 'b3')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect([await committed('b1'), await committed('b2'), await committed('b3')]).toEqual([1, 1, 1]);
  });
});
