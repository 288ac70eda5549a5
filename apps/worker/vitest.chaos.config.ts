import { defineConfig } from 'vitest/config';

// The chaos suite: its own PostgreSQL (it restarts it), long timeouts, one file at a time.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['chaos/**/*.chaos.test.ts'],
    testTimeout: 900_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
