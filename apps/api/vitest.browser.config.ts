import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The console in a real browser (Debian's chromium through playwright-core) against a real
// API and worker: `npm run test:browser -w @org/api`. Not part of `npm test`, which needs
// only Node.js; .ci/run installs chromium and runs it.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['browser/**/*.browser.test.ts'],
    globalSetup: [fileURLToPath(new URL('../../packages/db/src/testing/global-setup.ts', import.meta.url))],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
