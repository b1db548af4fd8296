import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from '../../../test/support/postgres-database.ts';
import { type DatabaseHandle, openDatabase } from './database.ts';
import { preparedQuery } from './prepared-query.ts';

// PostgreSQL too when TEST_DATABASE_URL names a server (a database of its own, dropped after).
const targets = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(targets)('a query compiled once (%s)', (target) => {
  const cleanUp: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const step of cleanUp.reverse()) await step();
  });

  async function open(): Promise<DatabaseHandle> {
    if (target === 'sqlite') {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-prepared-'));
      const handle = await openDatabase({ dataDir, databaseUrl: null });
      cleanUp.push(async () => {
        await handle.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      });
      return handle;
    }
    const database = await createPostgresDatabase('pairwise_prepared');
    const handle = await openDatabase({ dataDir: os.tmpdir(), databaseUrl: database.url });
    cleanUp.push(async () => {
      await handle.close();
      await database.drop();
    });
    return handle;
  }

  it('runs with each call its own values, in a transaction or not, and keeps constants in place', async () => {
    const { db } = await open();
    const insert = preparedQuery(['id', 'email', 'name'] as const, (row) =>
      db
        .insertInto('users')
        .values({
          ...row,
          roles: '["interviewer"]',
          password_hash: null,
          active: 1,
          created_at: '2026-12-07',
        })
        .onConflict((conflict) => conflict.column('id').doNothing()),
    );
    const byEmail = preparedQuery(['email'] as const, (slot) =>
      db
        .selectFrom('users')
        .select(['id', 'name', 'roles'])
        .where('email', '=', slot.email)
        .where('active', '=', 1),
    );
    const first = await insert(db, { id: 'u1', email: 'ada@example.com', name: 'Ada' });
    expect(Number(first.numAffectedRows)).toBe(1);
    await db.transaction().execute(async (trx) => {
      await insert(trx, { id: 'u2', email: 'bob@example.com', name: 'Bob' });
    });
    // The same id again inserts nothing, and says so.
    const again = await insert(db, { id: 'u1', email: 'other@example.com', name: 'Other' });
    expect(Number(again.numAffectedRows ?? 0n)).toBe(0);
    expect((await byEmail(db, { email: 'bob@example.com' })).rows).toEqual([
      { id: 'u2', name: 'Bob', roles: '["interviewer"]' },
    ]);
    expect((await byEmail(db, { email: 'ada@example.com' })).rows.map((row) => row.name)).toEqual(['Ada']);
    expect((await byEmail(db, { email: 'nobody@example.com' })).rows).toEqual([]);
  });
});
