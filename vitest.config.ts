import { defineConfig } from 'vitest/config';

// Four projects: `vitest run --project unit` needs no engine. Integration and end-to-end tests
// share one Docker Engine (and check that nothing labelled is left on it), so they run after the
// unit tests, one group after the other, one file at a time; the global setup starts the engine
// and builds the demo image for them only. `stack` brings the Compose deployment up on that
// engine, last, after building its stand-in base images (several minutes).
const engineTests = { testTimeout: 30_000, hookTimeout: 60_000, fileParallelism: false, globalSetup: ['test/global-setup.ts'] };

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000, sequence: { groupOrder: 0 } } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], ...engineTests, sequence: { groupOrder: 1 } } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], ...engineTests, sequence: { groupOrder: 2 } } },
      {
        test: {
          name: 'stack',
          include: ['test/stack/**/*.test.ts'],
          ...engineTests,
          testTimeout: 180_000,
          hookTimeout: 20 * 60_000,
          globalSetup: ['test/global-setup.ts', 'test/stack/global-setup.ts'],
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
