import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, startTestServer, type TestServer, type World } from '../../server/test/harness.ts';
import { step } from '../../server/test/process-flows.ts';
import { backup, restore } from '../src/backup.ts';

describe('backup and restore (sqlite)', () => {
  let server: TestServer;
  let world: World;
  let interviewId: string;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-backup-'));

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    world = await createWorld(server);
    interviewId = await world.planInterview();
    for (const action of ['invite', 'start_setup', 'start_pairing']) {
      if (action === 'start_setup')
        await world.navigator.post(`/api/interviews/${interviewId}/wellness`, {
          well: true,
          startEarly: true,
        });
      await step(world.navigator, interviewId, action);
    }
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('snapshots while notes are written and restores every note acknowledged before it began', async () => {
    const acknowledgedBefore = new Set<string>();
    let backupStarted = false;
    let stop = false;
    let written = 0;
    const writer = async () => {
      while (!stop) {
        const id = randomUUID();
        const { status } = await world.navigator.put(`/api/interviews/${interviewId}/notes/${id}`, {
          text: `note ${id}`,
          tags: [],
          offsetMs: written,
        });
        if (status !== 200) throw new Error(`note write answered ${status}`);
        written++;
        if (!backupStarted) acknowledgedBefore.add(id);
      }
    };
    const writers = Array.from({ length: 3 }, writer);
    await new Promise((resolve) => setTimeout(resolve, 400));
    // The flag flips before the copy starts: anything acknowledged by now must be in the backup.
    backupStarted = true;
    const file = path.join(scratch, 'pairwise.tar.gz');
    const taken = await backup(file, { dataDir: server.dataDir, databaseUrl: null });
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop = true;
    await Promise.all(writers);

    const restoredDir = path.join(scratch, 'restored');
    await expect(restore(file, { dataDir: server.dataDir, databaseUrl: null })).rejects.toThrow(/not empty/);
    const restored = await restore(file, { dataDir: restoredDir, databaseUrl: null });
    expect(restored.integrity).toBe('ok');
    console.log(
      `backup: ${(taken.bytes / 1024).toFixed(0)} KiB in ${taken.totalMs.toFixed(0)} ms (snapshot ${taken.snapshotMs.toFixed(0)} ms) while ${written} notes were written; restore ${restored.totalMs.toFixed(0)} ms; ${acknowledgedBefore.size} notes acknowledged before the backup began`,
    );

    const db = new SqliteDatabase(path.join(restoredDir, 'pairwise.sqlite'), { readonly: true });
    const stored = new Set(
      (
        db.prepare('SELECT id FROM notes WHERE interview_id = ?').all(interviewId) as Array<{ id: string }>
      ).map((row) => row.id),
    );
    db.close();
    expect(acknowledgedBefore.size).toBeGreaterThan(10);
    expect([...acknowledgedBefore].filter((id) => !stored.has(id))).toEqual([]);
    // The files beside the database came along (the candidate repositories' credential key, for one).
    const original = fs.readdirSync(server.dataDir).filter((name) => !name.startsWith('pairwise.sqlite'));
    for (const name of original) expect(fs.existsSync(path.join(restoredDir, name)), name).toBe(true);
    expect(fs.existsSync(path.join(restoredDir, '.pairwise-backup'))).toBe(false);
    expect(fs.existsSync(path.join(server.dataDir, '.pairwise-backup'))).toBe(false);
  });
});

describe('backup and restore (postgres)', () => {
  it('archives the files only, and restores them without touching a database', async () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-backup-pg-'));
    const dataDir = path.join(scratch, 'data');
    fs.mkdirSync(path.join(dataDir, 'repositories', 'x.git'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'repositories', 'x.git', 'HEAD'), 'ref: refs/heads/main\n');
    const databaseUrl = 'postgres://unused@127.0.0.1:1/pairwise';
    const file = path.join(scratch, 'files.tar.gz');
    await backup(file, { dataDir, databaseUrl });
    const restoredDir = path.join(scratch, 'restored');
    const restored = await restore(file, { dataDir: restoredDir, databaseUrl });
    expect(restored.database).toBe('postgres');
    expect(fs.readFileSync(path.join(restoredDir, 'repositories', 'x.git', 'HEAD'), 'utf8')).toContain(
      'main',
    );
    expect(fs.existsSync(path.join(restoredDir, 'pairwise.sqlite'))).toBe(false);
    fs.rmSync(scratch, { recursive: true, force: true });
  });
});
