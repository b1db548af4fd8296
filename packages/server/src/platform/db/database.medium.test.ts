import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations, openDatabase } from './database.ts';

describe('opening the database', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies a migration a database skipped, even after later ones ran', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-migrate-'));
    dirs.push(dataDir);
    // A database from a branch that had migration 010 (focus attributes) before 009 (retention) landed.
    const skipped = '009-retention';
    // That branch ended at 011; later migrations may build on 009 (e.g. an index on its column).
    const earlier = Object.fromEntries(
      Object.entries(migrations).filter(([name]) => name !== skipped && name < '012'),
    );
    const old = new Kysely({
      dialect: new SqliteDialect({ database: new SqliteDatabase(path.join(dataDir, 'pairwise.sqlite')) }),
    });
    const { error } = await new Migrator({
      db: old,
      provider: { getMigrations: async () => earlier },
    }).migrateToLatest();
    expect(error).toBeUndefined();
    await old.destroy();

    const handle = await openDatabase({ dataDir, databaseUrl: null });
    try {
      const applied = await handle.db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute();
      expect(applied.map((row) => (row as { name: string }).name)).toContain(skipped);
      // The skipped migration's column is there and usable.
      const candidates = await handle.db.selectFrom('candidates').select('legal_hold').execute();
      expect(candidates).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
