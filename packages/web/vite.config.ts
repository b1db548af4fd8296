import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The domain package and its zod/luxon imports are pure definitions, and zod's builders (`z.object(…)`)
// have no side effects. Saying so lets the bundler drop the request schemas and the date library the
// browser never calls (~30 KiB gzipped), which keeps the live-session page inside its JS budget.
const sideEffectFree = /[\\/](packages[\\/]domain[\\/]src|node_modules[\\/](zod|luxon))[\\/]/;

export default defineConfig({
  plugins: [react()],
  server: {
    // The API server runs separately in development; the built app is served by it in production.
    proxy: { '/api': { target: 'http://localhost:3000', ws: true } },
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
