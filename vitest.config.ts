import { defineConfig } from 'vitest/config';

// Three tiers, run separately by `npm test` so a failure names its tier:
// unit tests sit beside the code, integration tests drive the HTTP API on a real database,
// e2e tests drive the built app in Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['packages/*/test/**/*.test.ts'],
          environment: 'node',
          // These tests start real servers, git, SMTP and PostgreSQL on a 2-core machine; one
          // retry absorbs a starved timer, while a real failure still fails twice.
          retry: 1,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          retry: 1,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
