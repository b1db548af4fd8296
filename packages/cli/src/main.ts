import { ConfigError, loadConfig, startServer } from '@pairwise/server';

const usage = `Usage: pairwise <command>

Commands:
  serve    Start Pairwise (settings come from environment variables; see the README)
`;

async function serve(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig();
  const server = await startServer({ ...config });
  const ms = Math.round(performance.now() - startedAt);
  console.log(`Pairwise is running on ${server.url} (started in ${ms} ms, data in ${config.dataDir})`);
  if (server.setupUrl) {
    console.log(`\nFirst start: open this one-time link to create the admin account:\n\n  ${server.setupUrl}\n`);
  }
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  switch (command) {
    case 'serve':
      await serve();
      return 0;
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
