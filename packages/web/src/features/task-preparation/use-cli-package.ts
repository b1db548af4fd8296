import { cliDistributionApi, rehearseCommand } from '@pairwise/domain';
import { call } from '../../lib/api-client.ts';
import { useResource } from '../../lib/use-resource.ts';

/**
 * The command a colleague runs to rehearse a task: it installs the CLI this server hands out
 * (from this server's address, at its version), so no Pairwise checkout and no npm name is needed.
 * Until the server has answered, the command names the package by its place on this origin.
 */
export function useRehearseCommand(taskId: string | null, token: string): string {
  const cli = useResource(() => call(cliDistributionApi.package), 'cli-package');
  const serverUrl = cli.data?.serverUrl ?? window.location.origin;
  const packageUrl = cli.data?.packageUrl ?? `${window.location.origin}/cli/pairwise-cli-<version>.tgz`;
  return rehearseCommand(packageUrl, taskId ? `${serverUrl}/tasks/${taskId}` : '<task page address>', token);
}
