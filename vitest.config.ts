import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The CLI and start-up tests run the bundle in dist/; this builds it once when it is stale.
    globalSetup: ['test/support/build.ts'],
  },
});
