/**
 * The JavaScript the live-session (interview) page makes the browser download, gzipped: the app's
 * entry and the interview route's chunk, each with every chunk it imports statically (what the
 * browser must fetch before the page can run). Lazily imported chunks are listed, not counted.
 * Read from Vite's build manifest, so run the build first:
 *
 *   npm run build && node --import tsx bench/live-page-js.bench.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';

const BUDGET_BYTES = 150 * 1024;
const ROUTE = 'src/routes/interview-page.tsx';

/** The fields of Vite's build manifest this bench reads. */
const manifestSchema = z.record(
  z.string(),
  z.object({
    file: z.string(),
    src: z.string().optional(),
    isEntry: z.boolean().optional(),
    imports: z.array(z.string()).optional(),
    dynamicImports: z.array(z.string()).optional(),
    css: z.array(z.string()).optional(),
  }),
);

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'packages/web/dist');
const manifestPath = path.join(dist, '.vite/manifest.json');
if (!fs.existsSync(manifestPath)) {
  console.error(`No build manifest at ${manifestPath}: run "npm run build" first.`);
  process.exit(1);
}
const manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(manifestPath, 'utf8')));

const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
if (!entryKey) throw new Error('The manifest names no entry chunk.');
if (!manifest[ROUTE]) throw new Error(`The manifest has no chunk for ${ROUTE}.`);

/** Every chunk reachable from `starts` through static imports, each once. */
function staticClosure(starts: string[]): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  starts.forEach(visit);
  return [...seen];
}

const sizeOf = (file: string) => {
  const bytes = fs.readFileSync(path.join(dist, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

const chunks = staticClosure([entryKey, ROUTE]).map((key) => ({
  key,
  file: manifest[key]!.file,
  ...sizeOf(manifest[key]!.file),
}));
const css = [...new Set(chunks.flatMap((c) => manifest[c.key]!.css ?? []))].map((file) => ({
  file,
  ...sizeOf(file),
}));
const loaded = new Set(chunks.map((c) => c.key));
const lazy = [
  ...new Set(chunks.flatMap((c) => manifest[c.key]!.dynamicImports ?? []).filter((k) => !loaded.has(k))),
];

const total = chunks.reduce((sum, c) => sum + c.gzip, 0);
const totalRaw = chunks.reduce((sum, c) => sum + c.raw, 0);
const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const verdict = total <= BUDGET_BYTES ? 'within budget' : 'OVER BUDGET';

const lines = [
  '# Live-session page: JavaScript shipped',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} with \`node --import tsx bench/live-page-js.bench.ts\` after \`npm run build\`.`,
  'What the browser must download to run the interview page: the entry chunk and the interview route chunk,',
  "each with all their static imports (from Vite's build manifest), gzipped at level 9.",
  '',
  `**Total: ${kib(total)} KiB gzipped** (${kib(totalRaw)} KiB raw); budget ${kib(BUDGET_BYTES)} KiB: ${verdict}.`,
  '',
  '| chunk | source | raw KiB | gzip KiB |',
  '|---|---|---:|---:|',
  ...chunks
    .sort((a, b) => b.gzip - a.gzip)
    .map((c) => `| \`${c.file}\` | ${c.key} | ${kib(c.raw)} | ${kib(c.gzip)} |`),
  '',
  `Stylesheets on the same path (not counted): ${css.map((c) => `\`${c.file}\` ${kib(c.gzip)} KiB`).join(', ') || 'none'}.`,
  '',
  `Loaded lazily, only on other pages or later (not counted): ${lazy.length} chunks.`,
  '',
];
const out = path.join(root, 'bench/results/live-page-js.md');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, lines.join('\n'));
console.log(lines.join('\n'));
if (total > BUDGET_BYTES) process.exitCode = 1;
