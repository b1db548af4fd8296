import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Config } from '@pairwise/server';
import SqliteDatabase from 'better-sqlite3';
import * as tar from 'tar';

/** The SQLite file and its WAL companions: copied through the backup API, never as files. */
const DATABASE_FILE = 'pairwise.sqlite';
const LIVE_DATABASE_FILES = new Set([DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`]);
/** Inside the data folder while a backup runs, and inside the archive: the snapshot and manifest. */
const STAGING = '.pairwise-backup';

export const backupUsage = `Usage: pairwise backup <file.tar.gz>
       pairwise restore <file.tar.gz>

backup   Writes one .tar.gz with a consistent snapshot of the SQLite database and every file in
         DATA_DIR (candidate repositories, uploads, credentials key). Safe while the server runs.
         With PostgreSQL (DATABASE_URL) only the files are archived: back the database up with
         pg_dump.
restore  Unpacks a backup beside DATA_DIR, which must be empty or absent, checks the
         database's integrity, empties the hooks of every git repository in it, and only then
         moves it into place: a failed restore leaves nothing behind. Start the server afterwards.
`;

export class BackupError extends Error {}

interface Manifest {
  format: 1;
  createdAt: string;
  database: 'sqlite' | 'postgres';
}

export interface BackupResult {
  file: string;
  bytes: number;
  snapshotMs: number;
  totalMs: number;
}

export async function backup(
  file: string,
  config: Pick<Config, 'dataDir' | 'databaseUrl'>,
): Promise<BackupResult> {
  const startedAt = performance.now();
  const target = path.resolve(file);
  if (!fs.existsSync(config.dataDir)) throw new BackupError(`There is no data folder at ${config.dataDir}.`);
  if (target.startsWith(config.dataDir + path.sep)) {
    throw new BackupError('Write the backup outside the data folder, or it would contain itself.');
  }
  const staging = path.join(config.dataDir, STAGING);
  try {
    fs.mkdirSync(staging);
  } catch {
    throw new BackupError(
      `${staging} exists: another backup is running, or one was interrupted (then delete the folder).`,
    );
  }
  try {
    const database = config.databaseUrl ? 'postgres' : 'sqlite';
    let snapshotMs = 0;
    if (database === 'sqlite') {
      const snapshotStart = performance.now();
      const source = new SqliteDatabase(path.join(config.dataDir, DATABASE_FILE), {
        readonly: true,
        fileMustExist: true,
      });
      source.pragma('busy_timeout = 5000');
      try {
        // One step for all pages: the copy is the database as of one moment, even while the
        // server writes (in smaller steps a concurrent write would restart the copy).
        await source.backup(path.join(staging, DATABASE_FILE), { progress: () => 0x7fffffff });
      } finally {
        source.close();
      }
      snapshotMs = performance.now() - snapshotStart;
    }
    const manifest: Manifest = { format: 1, createdAt: new Date().toISOString(), database };
    fs.writeFileSync(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const entries = fs.readdirSync(config.dataDir).filter((name) => !LIVE_DATABASE_FILES.has(name));
    const partial = `${target}.partial`;
    // A leftover from an interrupted run would keep its own, possibly wider, permissions.
    fs.rmSync(partial, { force: true });
    try {
      // Created 0600 from the first byte: the archive holds every interview and the credentials key.
      await pipeline(
        tar.create({ gzip: true, cwd: config.dataDir, portable: true }, entries),
        fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 }),
      );
      // Renamed only when complete: a backup file that exists is a whole one.
      fs.renameSync(partial, target);
    } catch (error) {
      fs.rmSync(partial, { force: true });
      throw error;
    }
    return {
      file: target,
      bytes: fs.statSync(target).size,
      snapshotMs,
      totalMs: performance.now() - startedAt,
    };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

export interface RestoreResult {
  database: 'sqlite' | 'postgres';
  createdAt: string;
  integrity: string;
  totalMs: number;
}

export async function restore(
  file: string,
  config: Pick<Config, 'dataDir' | 'databaseUrl'>,
): Promise<RestoreResult> {
  const startedAt = performance.now();
  const source = path.resolve(file);
  const target = path.resolve(config.dataDir);
  if (!fs.existsSync(source)) throw new BackupError(`There is no backup at ${source}.`);
  const targetExists = fs.existsSync(target);
  if (targetExists && fs.readdirSync(target).length > 0) {
    throw new BackupError(
      `${target} is not empty. Restore into an empty data folder (set DATA_DIR), so nothing is overwritten.`,
    );
  }
  // Unpacked and checked beside the target (the same file system, so the final rename is one
  // step): a restore that fails leaves nothing behind, and one that succeeds is whole.
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const unpacked = fs.mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}.restoring-`));
  const nothingWritten = `Nothing was written to ${target}.`;
  try {
    try {
      // tar refuses absolute paths and ".." by default, so an archive cannot write outside the folder.
      await tar.extract({ file: source, cwd: unpacked, strict: true });
    } catch (error) {
      throw new BackupError(
        `Could not unpack ${source}: it is damaged, incomplete, or not a backup made by "pairwise backup". ${nothingWritten} (${(error as Error).message})`,
      );
    }
    const staging = path.join(unpacked, STAGING);
    const manifest = readManifest(path.join(staging, 'manifest.json'));
    if (!manifest) {
      throw new BackupError(
        `${source} is not a Pairwise backup: it has no readable manifest. ${nothingWritten}`,
      );
    }
    let integrity = 'not checked (PostgreSQL: restore the database with pg_restore)';
    if (manifest.database === 'sqlite') {
      const restored = path.join(unpacked, DATABASE_FILE);
      if (!fs.existsSync(path.join(staging, DATABASE_FILE))) {
        throw new BackupError(`${source} has no database in it. ${nothingWritten}`);
      }
      fs.renameSync(path.join(staging, DATABASE_FILE), restored);
      integrity = checkIntegrity(restored);
      if (integrity !== 'ok') {
        throw new BackupError(
          `The database in ${source} is damaged (SQLite's integrity check says: ${integrity}). ${nothingWritten}`,
        );
      }
    }
    fs.rmSync(staging, { recursive: true, force: true });
    replaceRepositoryHooks(unpacked);
    // rename(2) replaces an empty folder in one step; an absent one is simply created.
    if (targetExists) fs.rmdirSync(target);
    fs.renameSync(unpacked, target);
    return {
      database: manifest.database,
      createdAt: manifest.createdAt,
      integrity,
      totalMs: performance.now() - startedAt,
    };
  } finally {
    fs.rmSync(unpacked, { recursive: true, force: true });
  }
}

function readManifest(file: string): Manifest | null {
  try {
    const manifest: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return isManifest(manifest) ? manifest : null;
  } catch {
    return null;
  }
}

/** A manifest this release can restore: format 1 of either database. */
function isManifest(value: unknown): value is Manifest {
  return (
    typeof value === 'object' &&
    value !== null &&
    'format' in value &&
    value.format === 1 &&
    'createdAt' in value &&
    typeof value.createdAt === 'string' &&
    'database' in value &&
    (value.database === 'sqlite' || value.database === 'postgres')
  );
}

function checkIntegrity(databaseFile: string): string {
  try {
    const db = new SqliteDatabase(databaseFile, { fileMustExist: true });
    try {
      return (db.pragma('integrity_check') as Array<{ integrity_check: string }>)
        .map((row) => row.integrity_check)
        .join('; ');
    } finally {
      db.close();
    }
  } catch (error) {
    // Not a database at all: SQLite refuses to open it rather than reporting damage.
    return (error as Error).message;
  }
}

/**
 * A backup is only as trustworthy as whoever could write it: a hook planted in one of its git
 * repositories would run as the server at the next push or git command. Pairwise never relies
 * on hooks inside its repositories (the push recorder's hook is passed per request through
 * core.hooksPath), so every repository's hooks folder comes back empty, as `git init` would
 * leave it minus the inert samples, and its settings lose every way to name a program.
 */
/**
 * Repository settings that make git run a program (or read settings from elsewhere): the server
 * runs git log, diff and archive in these repositories, so a planted `diff.external` or
 * `tar.<format>.command` would be a hook by another name. Pairwise sets none of them.
 */
const COMMAND_SETTING =
  /^(core\.(hookspath|fsmonitor|sshcommand|askpass|editor|pager|gitproxy|alternaterefscommand)|include\.path|includeif\..*\.path|credential\..*|diff\.external|diff\..*\.(command|textconv)|merge\..*\.driver|filter\..*\.(clean|smudge|process)|tar\..*\.command|uploadpack\.packobjectshook|sequence\.editor|gpg\.program|gpg\..*\.program|pager\..*|alias\..*|remote\..*\.(uploadpack|receivepack|vcs))$/i;

function removeCommandSettings(configFile: string): void {
  if (!fs.existsSync(configFile)) return;
  try {
    // git parses its own format best; --file reads this one file and follows no include.
    const names = execFileSync('git', ['config', '--file', configFile, '--name-only', '--list'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
      .split('\n')
      .filter((name) => COMMAND_SETTING.test(name));
    for (const name of new Set(names)) {
      execFileSync('git', ['config', '--file', configFile, '--unset-all', name], { stdio: 'ignore' });
    }
  } catch {
    throw new BackupError(
      `A git repository in the backup has settings git cannot read (${path.basename(path.dirname(configFile))}), so it cannot be made safe. Nothing was restored.`,
    );
  }
}

function replaceRepositoryHooks(root: string): void {
  const visit = (directory: string, depth: number) => {
    if (depth > 6) return;
    const entries = fs.readdirSync(directory, { withFileTypes: true });
    const isGitDirectory =
      entries.some((entry) => entry.name === 'HEAD' && entry.isFile()) &&
      entries.some((entry) => entry.name === 'objects' && entry.isDirectory());
    if (isGitDirectory) {
      const hooks = path.join(directory, 'hooks');
      fs.rmSync(hooks, { recursive: true, force: true });
      fs.mkdirSync(hooks);
      removeCommandSettings(path.join(directory, 'config'));
    }
    for (const entry of entries) {
      // Symbolic links are not followed: they could lead out of the restored folder.
      if (
        entry.isDirectory() &&
        !(isGitDirectory && ['objects', 'hooks', 'refs', 'logs'].includes(entry.name))
      ) {
        visit(path.join(directory, entry.name), depth + 1);
      }
    }
  };
  visit(root, 0);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** `pairwise backup <file>` and `pairwise restore <file>`; returns the exit code. */
export async function runBackupCommand(
  command: 'backup' | 'restore',
  argv: string[],
  config: Pick<Config, 'dataDir' | 'databaseUrl'>,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(backupUsage);
    return 0;
  }
  if (argv.length !== 1) {
    console.error(backupUsage);
    return 2;
  }
  try {
    if (command === 'backup') {
      if (config.databaseUrl) {
        console.log(
          'The database is PostgreSQL: back it up with pg_dump (e.g. pg_dump --format=custom "$DATABASE_URL" > pairwise.dump).\nThis backup holds the files in DATA_DIR only.',
        );
      }
      const result = await backup(argv[0]!, config);
      const mib = (result.bytes / 1024 / 1024).toFixed(1);
      console.log(`Backup written to ${result.file} (${mib} MiB in ${seconds(result.totalMs)}).`);
    } else {
      const result = await restore(argv[0]!, config);
      console.log(
        `Restored the backup of ${result.createdAt} into ${config.dataDir} in ${seconds(result.totalMs)}; integrity check: ${result.integrity}.`,
      );
      if (result.database === 'postgres') {
        console.log('Restore the database from your pg_dump file with pg_restore before starting Pairwise.');
      }
    }
    return 0;
  } catch (error) {
    console.error(error instanceof BackupError ? error.message : (error as Error).message);
    return 1;
  }
}
