import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin, stop } from 'esbuild';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';

/*
 * The `pairwise` command that tests start as a process of its own (kill -9 of `pairwise serve`, a
 * second node, a rehearsal worker, `pairwise rehearse`), bundled once per run by this global
 * set-up. The bin runs the TypeScript sources through tsx, and resolving and loading every module
 * of the server costs 4–5 s of CPU at every start (the durability test alone starts 21 servers);
 * the bundle of the same sources starts in ~1.7 s. It is the same code: the same
 * entry (packages/cli/src/main.ts), every workspace module bundled as tsx would load it, the npm
 * packages bundled too. The bin itself keeps a test of its own (packages/cli/test/bin.test.ts),
 * and `npm start` still runs through tsx.
 *
 * Most of a start is V8 compiling the bundle (decision 055). Split, as the `npm start` bundle is,
 * a module loaded with import() (IMAP, CalDAV, the secret scan, archives, backup) is a chunk the
 * start does not read; whitespace and syntax minified (names kept, so stack traces still read),
 * there is less to compile. A start of `pairwise serve` took 1.12 CPU-s, now 0.73.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    /** The bundled `pairwise` command (packages/cli/src/main.ts), an ES module to run with node. */
    pairwiseBundle: string;
  }
}

const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const entry = path.join(repositoryRoot, 'packages/cli/src/main.ts');

/**
 * Native addons cannot be bundled: they are imported from where npm installed them (an absolute
 * path, since the bundle lives in a temporary folder). `pg-native` is pg's optional binding, not
 * installed; pg asks for it only when told to.
 */
const nativePackages = new Set(['better-sqlite3', '@node-rs/argon2', 'pg-native']);

const pairwiseSources: Plugin = {
  name: 'pairwise-sources',
  setup(bundle) {
    bundle.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.startsWith('@')
        ? args.path.split('/').slice(0, 2).join('/')
        : args.path.split('/')[0]!;
      if (!nativePackages.has(name)) return undefined;
      try {
        const resolved = createRequire(args.importer || entry).resolve(args.path);
        return { path: pathToFileURL(resolved).href, external: true };
      } catch {
        return { path: args.path, external: true };
      }
    });
    // Our sources find files beside them (the web build, the demo task, package.json) through
    // import.meta.url: each keeps its own file's URL instead of the bundle's.
    bundle.onLoad({ filter: /\/packages\/[^/]+\/src\/.*\.tsx?$/ }, (args) => ({
      contents: fs
        .readFileSync(args.path, 'utf8')
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: args.path.endsWith('x') ? 'tsx' : 'ts',
    }));
  },
};

export default async function setup(project: TestProject): Promise<() => void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-bundle-'));
  await build({
    entryPoints: { pairwise: entry },
    outdir: folder,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    minifyWhitespace: true,
    minifySyntax: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    logLevel: 'warning',
    // Bundled CommonJS calls require for Node's own modules, which an ES module lacks.
    banner: {
      js: "import { createRequire as __pairwiseRequire } from 'node:module';\nconst require = __pairwiseRequire(import.meta.url);",
    },
    plugins: [pairwiseSources],
  });
  // esbuild keeps its service process for further builds; this run has none.
  await stop();
  project.provide('pairwiseBundle', path.join(folder, 'pairwise.mjs'));
  return () => fs.rmSync(folder, { recursive: true, force: true });
}

/** The arguments that start `pairwise <args>` with `process.execPath`, from the run's bundle. */
export function pairwiseArgs(...args: string[]): string[] {
  return [inject('pairwiseBundle'), ...args];
}
