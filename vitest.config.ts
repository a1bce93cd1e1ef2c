import { defineConfig } from 'vitest/config';

// Two cores: integration and e2e tests share one Docker Engine, so files run one at a time
// there; unit tests are cheap either way.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    globalSetup: ['test/global-setup.ts'],
  },
});
