import react from '@vitejs/plugin-react';
import MagicString from 'magic-string';
import { defineConfig, type Plugin, parseAst } from 'vite';

// The domain package and its zod/luxon imports are pure definitions, and zod's builders (`z.object(…)`)
// have no side effects. Saying so lets the bundler drop the request schemas and the date library the
// browser never calls (~30 KiB gzipped), which keeps the live-session page inside its JS budget.
const sideEffectFree = /[\\/](packages[\\/]domain[\\/]src|node_modules[\\/](zod|luxon))[\\/]/;

const domainModule = /[\\/]packages[\\/]domain[\\/]src[\\/].+\.ts$/;
const contractModule = /[\\/]packages[\\/]domain[\\/]src[\\/]api[\\/][^\\/]+\.ts$/;
const schemaKeys = new Set(['params', 'query', 'body', 'response']);

/**
 * Two rewrites of the domain's modules for the browser build; tests and the server see them as written.
 *
 * The web calls a route by its contract but reads only its method and path at run time (`call` in
 * lib/api-client.ts); the schemas are there for the types and the server. Left in, every page that
 * calls a route would carry its request and answer schemas, and with them all of zod. So each
 * route spec (an object literal with `method` and `path`) keeps its method, path and status here.
 *
 * A schema derived from another (`stageChange.extend(…)`, `{ ...link.shape }`) is a method call
 * or property read the bundler cannot prove pure (`manualPureFunctions` covers only calls rooted
 * at `z`), so one such declaration would keep its schemas and zod in the bundle though nothing
 * reads it. The domain's module-level declarations are pure definitions (see `sideEffectFree`), so
 * each initialiser is evaluated in an arrow marked pure, which the bundler drops when the
 * declaration is unused. Function bodies are left as they are.
 */
function domainForTheBrowser(): Plugin {
  return {
    name: 'pairwise:domain-for-the-browser',
    apply: 'build',
    transform(code, id) {
      if (!domainModule.test(id) || /\.test\.ts$/.test(id)) return null;
      const ast = parseAst(code, { lang: 'ts' }) as unknown as AstNode;
      const out = new MagicString(code);
      if (contractModule.test(id)) {
        const specs = new Set<AstNode>();
        visit(ast, (node) => {
          const spec = node.arguments?.[0];
          if (node.type === 'CallExpression' && node.callee?.name === 'contract' && spec) specs.add(spec);
        });
        visit(ast, (node) => {
          if (node.type !== 'ObjectExpression') return;
          const keyed = (node.properties ?? []).filter(
            (property) =>
              property.type === 'Property' && !property.computed && property.key?.type === 'Identifier',
          );
          const keys = new Set(keyed.map((property) => property.key!.name));
          // A route's spec: `contract({ … })`'s argument, or a helper's that builds one (the portal's).
          if (!specs.has(node) && !(keys.has('method') && keys.has('path'))) return;
          for (const property of keyed) {
            if (schemaKeys.has(property.key!.name!))
              out.overwrite(property.value!.start, property.value!.end, 'undefined');
          }
        });
      }
      for (const statement of (ast as AstNode & { body: AstNode[] }).body) {
        const declaration =
          statement.type === 'ExportNamedDeclaration'
            ? (statement as AstNode & { declaration?: AstNode }).declaration
            : statement;
        if (declaration?.type !== 'VariableDeclaration') continue;
        for (const declarator of (declaration as AstNode & { declarations: AstNode[] }).declarations) {
          const init = (declarator as AstNode & { init?: AstNode }).init;
          if (!init || keptInits.has(init.type)) continue;
          out.prependLeft(init.start, '/* @__PURE__ */ (() => (');
          out.appendRight(init.end, '))()');
        }
      }
      return out.hasChanged() ? { code: out.toString(), map: out.generateMap({ hires: true }) } : null;
    },
  };
}

/** Initialisers with nothing to evaluate, or whose evaluation only creates a function or class. */
const keptInits = new Set([
  'Literal',
  'Identifier',
  'TemplateLiteral',
  'ArrowFunctionExpression',
  'FunctionExpression',
  'ClassExpression',
]);

interface AstNode {
  type: string;
  start: number;
  end: number;
  callee?: AstNode & { name?: string };
  arguments?: AstNode[];
  properties?: AstNode[];
  key?: AstNode & { name?: string };
  value?: AstNode;
  computed?: boolean;
}

/** Calls `enter` on `node` and every node under it. */
function visit(node: unknown, enter: (node: AstNode) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) visit(child, enter);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const type = (node as AstNode).type;
  if (typeof type === 'string') enter(node as AstNode);
  for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value, enter);
}

// `npm run dev` (scripts/dev.mjs) runs the API server beside Vite; in production the server serves the
// built app itself. 127.0.0.1, the server's default HOST: "localhost" may resolve to ::1 first.
const apiServer = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig({
  plugins: [domainForTheBrowser(), react()],
  server: {
    proxy: {
      '/api': { target: apiServer, ws: true },
      // Objects, not bare strings: a bare target rewrites Host, and the server builds links from it.
      '/git': { target: apiServer },
      '/calendar': { target: apiServer },
    },
  },
  build: {
    outDir: 'dist',
    // bench/live-page-js.bench.ts reads it to total the JavaScript the live-session page loads.
    manifest: true,
    emptyOutDir: true,
    rolldownOptions: {
      treeshake: {
        moduleSideEffects: (id: string) => !sideEffectFree.test(id),
        manualPureFunctions: ['z'],
      },
    },
  },
});
