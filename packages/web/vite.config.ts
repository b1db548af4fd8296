import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The domain package and its zod/luxon imports are pure definitions, and zod's builders (`z.object(…)`)
// have no side effects. Saying so lets the bundler drop the request schemas and the date library the
// browser never calls (~30 KiB gzipped), which keeps the live-session page inside its JS budget.
const sideEffectFree = /[\\/](packages[\\/]domain[\\/]src|node_modules[\\/](zod|luxon))[\\/]/;

// `npm run dev` (scripts/dev.mjs) runs the API server beside Vite; in production the server serves the
// built app itself. 127.0.0.1, the server's default HOST: "localhost" may resolve to ::1 first.
const apiServer = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig({
  plugins: [react()],
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
      treeshake: { moduleSideEffects: (id: string) => !sideEffectFree.test(id), manualPureFunctions: ['z'] },
    },
  },
});
