import { z } from 'zod';
import { contract } from './contract.ts';

/** The CLI this server hands out, for the command the task page shows (decision 031). */
export const cliDistribution = z.object({
  version: z.string(),
  /** This server's public address, which the command's task URL starts with. */
  serverUrl: z.string(),
  /** Where `npx` fetches it: this server's origin, pinned to its version. */
  packageUrl: z.string(),
  /** False until `npm run build` has packed it on the server. */
  available: z.boolean(),
});
export type CliDistribution = z.infer<typeof cliDistribution>;

/** Where this server's CLI is. The package itself (`/cli/pairwise-cli-<version>.tgz`) is a file, not JSON. */
export const cliDistributionApi = {
  package: contract({ method: 'GET', path: '/api/cli-package', response: cliDistribution }),
};

/** The command a colleague runs to rehearse a task on their machine, without a Pairwise checkout. */
export function rehearseCommand(packageUrl: string, taskUrl: string, token: string): string {
  return `npx --yes ${packageUrl} rehearse ${taskUrl} --token ${token}`;
}
