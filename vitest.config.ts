import { defineConfig } from 'vitest/config';

const json = process.env.CSM_TEST_JSON;

export default defineConfig({
  test: {
    reporters: json ? ['default', ['json', { outputFile: json }]] : ['default'],
    projects: [
      // pure: the domain and contracts, no process spawned, no file of the repository read at run time
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      // the repository itself: the layers and limits of its code, the built bundles, commands run in a shell
      { test: { name: 'repo', include: ['test/repo/**/*.test.ts'], environment: 'node', testTimeout: 60_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
