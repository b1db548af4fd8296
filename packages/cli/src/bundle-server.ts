import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';

const entry = fileURLToPath(new URL('./main.ts', import.meta.url));
/** Where `npm start` runs the server from: pairwise.mjs and the chunks it imports on first use. */
export const defaultServerBundleDir = fileURLToPath(new URL('../dist/server', import.meta.url));

/**
 * `pairwise` (serve, backup, restore, rehearse, rehearsal-worker) as one JavaScript file for
 * `npm start` (decision 039): without tsx's loader thread and the transformed sources it keeps,
 * the server idles about 35 MB lighter. Only Pairwise's own workspace packages are bundled; every
 * library stays in node_modules (native modules, files they read next to themselves) and loads as
 * it does under tsx.
 */
export async function bundleServer(outdir: string = defaultServerBundleDir): Promise<Metafile> {
  await rm(outdir, { recursive: true, force: true });
  const { metafile } = await build({
    entryPoints: { pairwise: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // A module loaded with import() (the secret scan's rules, the CLI's backup, …) stays a chunk of
    // its own: in one file, the libraries it imports would be hoisted into the start.
    splitting: true,
    // Whitespace and syntax only: identifiers keep their names, so a stack trace still reads. The
    // bundle's text stays in the heap for as long as the server runs (twice its size, as V8 keeps
    // a source with any character beyond Latin-1, a comment's dash included, in two bytes each).
    minifyWhitespace: true,
    minifySyntax: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    plugins: [librariesStayExternal, sourceRelativeUrls(outdir)],
    logLevel: 'warning',
    metafile: true,
  });
  return metafile;
}

/**
 * What the bundle's start loads: the entry file, the chunks it imports statically (and theirs),
 * and the libraries and sources those name. A chunk reached only through `import()` loads on first
 * use and is not part of it.
 */
export function loadedAtStart(
  metafile: Metafile,
  entry: string,
): { libraries: Set<string>; sources: Set<string> } {
  const libraries = new Set<string>();
  const sources = new Set<string>();
  const pending = [entry];
  const seen = new Set<string>();
  for (let output = pending.pop(); output !== undefined; output = pending.pop()) {
    if (seen.has(output)) continue;
    seen.add(output);
    const file = metafile.outputs[output];
    if (!file) continue;
    for (const input of Object.keys(file.inputs)) sources.add(input);
    for (const imported of file.imports) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) libraries.add(imported.path);
      else pending.push(imported.path);
    }
  }
  return { libraries, sources };
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
