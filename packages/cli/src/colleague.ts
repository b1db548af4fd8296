import { rehearseUsage, runRehearseCommand } from './rehearse.ts';

/**
 * The entry of the CLI a Pairwise server hands out (pack-cli.ts): only `rehearse`, the command a
 * colleague runs on their own machine. Serving, backups and workers need a Pairwise checkout.
 */
declare const PAIRWISE_CLI_VERSION: string;

const usage = `Usage: pairwise rehearse <task-url> --token <token> [--label <machine>]

pairwise-cli ${PAIRWISE_CLI_VERSION}, from the Pairwise server it was downloaded from.

${rehearseUsage}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'rehearse':
      return runRehearseCommand(rest);
    case '--version':
      console.log(PAIRWISE_CLI_VERSION);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
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
    console.error(error);
    process.exit(1);
  },
);
