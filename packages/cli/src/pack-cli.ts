import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CLI_PACKAGE_NAME, cliTarballName, serverVersion } from '@pairwise/server/cli-package';
import { build } from 'esbuild';

const run = promisify(execFile);
const entry = fileURLToPath(new URL('./colleague.ts', import.meta.url));

/**
 * Packs the CLI a Pairwise server hands out (decision 031): `pairwise rehearse` and everything it
 * imports (the rehearsal runner, the archive checks, tar, zod…) bundled into one file, so the
 * package has no dependencies and installs from the server alone, without the npm registry. It
 * needs Node only: no native module, no tsx. Answers the path of `pairwise-cli-<version>.tgz`.
 */
export async function packCli(
  outDir: string,
  options: { version?: string; workDir?: string } = {},
): Promise<string> {
  const version = options.version ?? serverVersion;
  // The package is put together in a folder of its own (a test's own folder in tests).
  const staging = await mkdtemp(path.join(options.workDir ?? os.tmpdir(), 'pairwise-cli-pack-'));
  try {
    await build({
      entryPoints: [entry],
      outfile: path.join(staging, 'pairwise.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20.19',
      minify: true,
      // The bundled libraries' licence notices stay, at the end of the file.
      legalComments: 'eof',
      define: { PAIRWISE_CLI_VERSION: JSON.stringify(version) },
      // Bundled CommonJS (tar, yauzl) calls require for Node's own modules, which ESM lacks.
      banner: {
        js: "#!/usr/bin/env node\nimport { createRequire as __pairwiseRequire } from 'node:module';\nconst require = __pairwiseRequire(import.meta.url);",
      },
      logLevel: 'warning',
    });
    const manifest = {
      name: CLI_PACKAGE_NAME,
      version,
      description: 'Rehearse a Pairwise task on your machine; served by your Pairwise server.',
      type: 'module',
      bin: { pairwise: 'pairwise.mjs' },
      files: ['pairwise.mjs'],
      engines: { node: '>=20.19' },
      license: 'MIT',
    };
    await writeFile(path.join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await mkdir(outDir, { recursive: true });
    // npm pack only reads the folder: no registry, no lifecycle scripts in a package without any.
    await run('npm', ['pack', '--silent', '--pack-destination', path.resolve(outDir)], {
      cwd: staging,
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
    return path.join(path.resolve(outDir), cliTarballName(version));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

// `npm run build -w @pairwise/cli`: packs into packages/cli/dist, where the server looks.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url));
  packCli(outDir).then(
    (file) => console.log(`Packed ${path.relative(process.cwd(), file)}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
