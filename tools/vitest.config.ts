import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const testDatabaseSetup = fileURLToPath(new URL('../packages/db/src/testing/global-setup.ts', import.meta.url));

export interface PackageTestOptions {
  /** Start (or reuse via DATABASE_URL) one PostgreSQL for the package's whole test run. */
  database?: boolean;
  /** Per-test timeout; database tests create real databases and need more than the default. */
  testTimeout?: number;
  /** Per-hook timeout (default 120 s). */
  hookTimeout?: number;
  /** The test files (default: `src/**\/*.test.ts` and `test/**\/*.test.ts`); a suite of its own names its own. */
  include?: string[];
  /** One file at a time: suites that start servers, kill processes or restart PostgreSQL. */
  serial?: boolean;
  /** How long `expect.poll` waits for its condition by default (Vitest's own: 1 s). */
  pollTimeout?: number;
}

/** Vitest config shared by every package: in-repo sources through the `source` condition. */
export function packageTestConfig(options: PackageTestOptions = {}) {
  return defineConfig({
    resolve: { conditions: ['source'] },
    ssr: { resolve: { conditions: ['source'] } },
    test: {
      include: options.include ?? ['src/**/*.test.ts', 'test/**/*.test.ts'],
      globalSetup: options.database ? [testDatabaseSetup] : [],
      testTimeout: options.testTimeout ?? (options.database ? 60_000 : 5_000),
      hookTimeout: options.hookTimeout ?? 120_000,
      pool: 'forks',
      ...(options.serial ? { fileParallelism: false } : {}),
      ...(options.pollTimeout === undefined ? {} : { expect: { poll: { timeout: options.pollTimeout } } }),
    },
  });
}
