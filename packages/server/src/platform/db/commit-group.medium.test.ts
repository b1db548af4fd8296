import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommitGroup } from './commit-group.ts';
import { type DatabaseHandle, openDatabase } from './database.ts';
import type { Database } from './schema.ts';

describe('writes that arrive together commit together', () => {
  let dataDir: string;
  let handle: DatabaseHandle;
  let other: SqliteDatabase.Database;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-commit-group-'));
    handle = await openDatabase({ dataDir, databaseUrl: null });
    // A second connection to the file sees only what is committed.
    other = new SqliteDatabase(path.join(dataDir, 'pairwise.sqlite'), { readonly: true });
  });
  afterAll(async () => {
    other?.close();
    await handle?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const committed = (id: string) =>
    other.prepare('SELECT count(*) AS n FROM calibration_stale WHERE interview_id = ?').pluck().get(id);
  const insert = (trx: Kysely<Database>, id: string) =>
    trx.insertInto('calibration_stale').values({ interview_id: id, version: 1 }).execute();

  it('shares one transaction among the writes of a turn, and answers each once it is committed', async () => {
    const group = new CommitGroup(handle.db);
    const seen: Array<Kysely<Database>> = [];
    const answered = await Promise.all(
      ['a1', 'a2', 'a3']
        .map((id) =>
          group.run(async (trx) => {
            seen.push(trx);
            await insert(trx, id);
            return id;
          }),
        )
        .map((write) => write.then((id) => ({ id, committed: committed(id) }))),
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
    expect([committed('b1'), committed('b2'), committed('b3')]).toEqual([1, 1, 1]);
  });
});
