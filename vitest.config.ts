import { defineConfig } from 'vitest/config';

// Three projects: fast unit tests beside the code (Node), browser flows in test/e2e that drive real
// Chromium against the built app, and the README screenshots (the only run that writes tracked files, so
// it is its own command, `pnpm screenshots`, and never part of `pnpm test`).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'test/node/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // A flow that needs more than a minute is stuck; failing it early keeps the suite near 1 minute.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'screenshots',
          include: ['test/e2e/**/*.screenshots.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
