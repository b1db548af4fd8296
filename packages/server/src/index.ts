import { buildApp, defaultWebDistDir } from './app.ts';
import { type Config, loadConfig } from './config.ts';
import { openDatabase } from './platform/db/database.ts';

export type { Config } from './config.ts';
export { ConfigError, loadConfig } from './config.ts';
// What `pairwise rehearse` runs on a colleague's machine: the same runner and archive checks as the server.
export {
  type RehearsalProgressEvent,
  type RehearsalResult,
  runRehearsal,
} from './features/rehearsals/rehearsal-runner.ts';
export {
  type RehearsalWorkerOptions,
  type RunningWorker,
  startRehearsalWorker,
} from './features/rehearsals/rehearsal-worker.ts';
export { readTaskManifest, TASK_MANIFEST } from './features/task-snapshots/task-manifest.ts';
export { extractArchive } from './platform/archive/extract-archive.ts';

export interface StartOptions {
  dataDir: string;
  port?: number;
  host?: string;
  databaseUrl?: string | null;
  publicUrl?: string | null;
  webDistDir?: string;
  log?: boolean;
}

export interface RunningServer {
  url: string;
  /** The one-time link to create the first admin; null once an admin exists. */
  setupUrl: string | null;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions | Config): Promise<RunningServer> {
  const base = loadConfig({});
  const config: Config = {
    ...base,
    ...('logLevel' in options ? options : {}),
    dataDir: options.dataDir,
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    databaseUrl: options.databaseUrl ?? null,
    publicUrl: options.publicUrl ?? null,
    logLevel: 'logLevel' in options ? options.logLevel : (options as StartOptions).log ? 'info' : 'silent',
  };
  const database = await openDatabase(config);
  // The public URL defaults to the address we listen on, known only after listening on port 0.
  const app = await buildApp(
    config,
    database,
    'webDistDir' in options && options.webDistDir ? options.webDistDir : defaultWebDistDir,
  ).catch(async (error) => {
    await database.close();
    throw error;
  });
  const address = await app.fastify.listen({ port: config.port, host: config.host });
  const listening = address.replace('://127.0.0.1', '://localhost');
  const publicUrl = config.publicUrl ?? listening;
  app.publicUrl.value = publicUrl;
  const token = await app.firstRunSetup.issueToken();
  app.jobs.start();
  return {
    url: publicUrl,
    setupUrl: token ? `${publicUrl}/setup?token=${token}` : null,
    close: async () => {
      await app.jobs.stop();
      await app.fastify.close();
      await database.close();
    },
  };
}
