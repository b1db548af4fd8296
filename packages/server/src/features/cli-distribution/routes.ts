import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError, cliDistributionApi } from '@pairwise/domain';
import type { FastifyInstance } from 'fastify';
import { implement } from '../../platform/http/route.ts';
import { cliTarballName, serverVersion } from './cli-package.ts';

export interface CliDistributionOptions {
  /** Where `npm run build` packed the CLI (packages/cli/dist unless a test packs its own). */
  dir: string;
  publicUrl: () => string;
}

const packagePath = () => `/cli/${cliTarballName()}`;

/** For the task page's command: where this server's CLI is, and whether it was packed. */
export function cliDistributionRoutes(options: CliDistributionOptions) {
  return [
    implement(cliDistributionApi.package, {
      summary: 'The CLI this server hands out: its version and the URL `npx` installs it from',
      access: 'signed_in',
      handler: async () => ({
        version: serverVersion,
        serverUrl: options.publicUrl(),
        packageUrl: `${options.publicUrl()}${packagePath()}`,
        available: await isFile(path.join(options.dir, cliTarballName())),
      }),
    }),
  ];
}

/**
 * GET /cli/pairwise-cli-<version>.tgz: the packed CLI, for `npx --yes <url> rehearse …` on a
 * colleague's machine. It holds no secret (the token is given on the command line), so it needs
 * no sign-in; only this server's own version is served, so the CLI always speaks its API.
 */
export function registerCliDownload(fastify: FastifyInstance, options: CliDistributionOptions): void {
  fastify.get('/cli/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    if (file !== cliTarballName()) {
      throw new AppError(
        'not_found',
        `This server hands out ${cliTarballName()} (its own version) and nothing else under /cli/.`,
      );
    }
    const tarball = path.join(options.dir, file);
    const size = await fileSize(tarball);
    if (size === null) {
      request.log.warn(`No packed CLI at ${tarball}; run "npm run build".`);
      throw new AppError(
        'not_found',
        'The CLI has not been packed on this server yet; ask its admin to run "npm run build".',
      );
    }
    return (
      reply
        .header('content-type', 'application/octet-stream')
        .header('content-length', size)
        // The same name is packed again by a rebuild of the same version: npm revalidates.
        .header('cache-control', 'no-cache')
        .send(createReadStream(tarball))
    );
  });
}

async function fileSize(file: string): Promise<number | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

async function isFile(file: string): Promise<boolean> {
  return (await fileSize(file)) !== null;
}
