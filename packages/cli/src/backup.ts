import fs from 'node:fs';
import path from 'node:path';
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
restore  Unpacks a backup into DATA_DIR, which must be empty or absent, and checks the
         database's integrity. Start the server afterwards.
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
    await tar.create({ gzip: true, file: partial, cwd: config.dataDir, portable: true }, entries);
    // Renamed only when complete: a backup file that exists is a whole one.
    fs.renameSync(partial, target);
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
  if (!fs.existsSync(source)) throw new BackupError(`There is no backup at ${source}.`);
  if (fs.existsSync(config.dataDir) && fs.readdirSync(config.dataDir).length > 0) {
    throw new BackupError(
      `${config.dataDir} is not empty. Restore into an empty data folder (set DATA_DIR), so nothing is overwritten.`,
    );
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  // tar refuses absolute paths and ".." by default, so an archive cannot write outside DATA_DIR.
  await tar.extract({ file: source, cwd: config.dataDir, strict: true });
  const staging = path.join(config.dataDir, STAGING);
  const manifestFile = path.join(staging, 'manifest.json');
  if (!fs.existsSync(manifestFile))
    throw new BackupError(`${source} is not a Pairwise backup (no manifest).`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  let integrity = 'not checked (PostgreSQL: restore the database with pg_restore)';
  if (manifest.database === 'sqlite') {
    const restored = path.join(config.dataDir, DATABASE_FILE);
    fs.renameSync(path.join(staging, DATABASE_FILE), restored);
    const db = new SqliteDatabase(restored, { fileMustExist: true });
    try {
      integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>)
        .map((row) => row.integrity_check)
        .join('; ');
    } finally {
      db.close();
    }
    if (integrity !== 'ok')
      throw new BackupError(`The restored database failed its integrity check: ${integrity}`);
  }
  fs.rmSync(staging, { recursive: true, force: true });
  return {
    database: manifest.database,
    createdAt: manifest.createdAt,
    integrity,
    totalMs: performance.now() - startedAt,
  };
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
