import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const entry = fileURLToPath(new URL('./main.ts', import.meta.url));
/** Where `npm start` runs the server from: pairwise.mjs and the chunks it imports on first use. */
export const defaultServerBundleDir = fileURLToPath(new URL('../dist/server', import.meta.url));

/**
 * `pairwise` (serve, backup, restore, rehearse, rehearsal-worker) as one JavaScript file for
 * `npm start` (decision 039): without tsx's loader thread and the transformed sources it keeps,
 * the server idles about 35 MB lighter. Only Pairwise's own workspace packages are bundled; every
 * library stays in node_modules (native modules, files they read next to themselves) and loads as
 * it does under tsx. Not minified, so stack traces keep their names.
 */
export async function bundleServer(outdir: string = defaultServerBundleDir): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { pairwise: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // A module loaded with import() (the secret scan's rules, the CLI's backup, …) stays a chunk of
    // its own: in one file, the libraries it imports would be hoisted into the start.
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    plugins: [librariesStayExternal, sourceRelativeUrls(outdir)],
    logLevel: 'warning',
  });
}

const librariesStayExternal: Plugin = {
  name: 'libraries-stay-external',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@pairwise/') ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * A few modules find files next to their source (the web build, the demo task, the packed CLI,
 * package.json) through `import.meta.url`. In the bundle that would name the bundle, so each
 * module's own `import.meta.url` becomes its source file's URL, written relative to the bundle
 * so the checkout can move.
 */
function sourceRelativeUrls(outdir: string): Plugin {
  return {
    name: 'source-relative-urls',
    setup(esbuild) {
      esbuild.onLoad({ filter: /[\\/]packages[\\/][^\\/]+[\\/]src[\\/].*\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' };
        const relative = path.relative(outdir, args.path).split(path.sep).join('/');
        const url = `new URL(${JSON.stringify(relative)}, import.meta.url).href`;
        return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
}

// `npm run build -w @pairwise/cli` bundles into packages/cli/dist/server.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2] ?? defaultServerBundleDir;
  bundleServer(outdir).then(
    () => console.log(`Bundled ${path.relative(process.cwd(), outdir)}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
