import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The CLI a server hands out to colleagues (decision 031): `npm pack` of a bundle of `pairwise
 * rehearse`, named and versioned after this server, so the command on the task page installs
 * exactly the CLI that speaks this server's API, and no name on the npm registry is involved.
 */
export const CLI_PACKAGE_NAME = 'pairwise-cli';

/** The server's own version, which the CLI it serves carries. */
export const serverVersion: string = z
  .object({ version: z.string().min(1) })
  .parse(JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'))).version;

/** The file `npm pack` writes for a package name and version (what the route serves). */
export const cliTarballName = (version: string = serverVersion) => `${CLI_PACKAGE_NAME}-${version}.tgz`;

/** Where `npm run build` leaves the packed CLI (packages/cli/dist). */
export const defaultCliDistDir = fileURLToPath(new URL('../../../../cli/dist', import.meta.url));
