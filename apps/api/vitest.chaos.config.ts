import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The API's chaos suite: real processes killed mid-operation, one file at a time.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['chaos/**/*.chaos.test.ts'],
    globalSetup: [fileURLToPath(new URL('../../packages/db/src/testing/global-setup.ts', import.meta.url))],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
