import os from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, startRehearsalWorker, startServer } from '@pairwise/server';

const usage = `Usage: pairwise <command>

Commands:
  serve      Start Pairwise (settings come from environment variables; see the README)
  rehearse   Rehearse a task's setup from scratch on this machine (pairwise rehearse --help)
  rehearsal-worker
             Run the rehearsals a server with SERVER_REHEARSALS=worker queues, each step in this
             machine's sandbox (pairwise rehearsal-worker --help)
  backup     Write a consistent snapshot of the data folder to a .tar.gz, also while serving
  restore    Bring a backup back into an empty data folder (pairwise backup --help)
`;

async function serve(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig();
  const server = await startServer({ ...config });
  const ms = Math.round(performance.now() - startedAt);
  console.log(`Pairwise is running on ${server.url} (started in ${ms} ms, data in ${config.dataDir})`);
  if (server.setupUrl) {
    console.log(
      `\nFirst start: open this one-time link to create the admin account:\n\n  ${server.setupUrl}\n\n` +
        'Then Tasks → "Add the demo task" gives you a small kata to export, rehearse and plan an interview with.\n',
    );
  }
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const workerUsage = `Usage: pairwise rehearsal-worker [--server <url>] [--label <name>]

Takes the rehearsals that a Pairwise server with SERVER_REHEARSALS=worker queues in its database,
runs each step in a bubblewrap sandbox here, and writes the results back for the rehearsal page.
Settings come from the same environment variables as \`pairwise serve\`: DATABASE_URL (or DATA_DIR
for SQLite on the same machine), the REHEARSAL_* limits and egress hosts, JOB_LEASE_SECONDS.
  --server   The server the snapshots are downloaded from (default: PUBLIC_URL)
  --label    How the rehearsal page names this machine (default: "Rehearsal worker (<host name>)")
`;

async function rehearsalWorker(argv: string[]): Promise<number> {
  let values: { server?: string | undefined; label?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        server: { type: 'string' },
        label: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${workerUsage}`);
    return 2;
  }
  if (values.help) {
    console.log(workerUsage);
    return 0;
  }
  const config = loadConfig();
  const serverUrl = values.server ?? config.publicUrl;
  if (!serverUrl || !/^https?:\/\/[^/]/i.test(serverUrl)) {
    console.error(`Name the Pairwise server with --server <http(s) URL> or PUBLIC_URL.\n\n${workerUsage}`);
    return 2;
  }
  const label = values.label ?? `Rehearsal worker (${os.hostname()})`;
  const worker = await startRehearsalWorker(config, {
    serverUrl,
    label,
    log: (message, error) =>
      console.log(error ? `${message}: ${(error as Error).message ?? error}` : message),
  });
  console.log(`${label} is taking rehearsals from the database; snapshots from ${serverUrl}.`);
  const stop = async () => {
    await worker.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      await serve();
      return 0;
    case 'rehearse':
      return runRehearse(rest);
    case 'rehearsal-worker':
      return rehearsalWorker(rest);
    case 'backup':
    case 'restore': {
      // Each command loads its own modules, so `serve` does not hold tar and the rehearsal runner.
      const { runBackupCommand } = await import('./backup.ts');
      return runBackupCommand(command, rest, loadConfig());
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(usage);
      return 0;
    default:
      console.error(`Unknown command "${command}".\n\n${usage}`);
      return 2;
  }
}

async function runRehearse(argv: string[]): Promise<number> {
  const { runRehearseCommand } = await import('./rehearse.ts');
  return runRehearseCommand(argv);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    console.error(error);
    process.exit(1);
  },
);
