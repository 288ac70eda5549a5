import { packageTestConfig } from '../../tools/vitest.config.js';

// The chaos suite: its own PostgreSQL (it restarts it), long timeouts, one file at a time.
export default packageTestConfig({
  include: ['chaos/**/*.chaos.test.ts'],
  testTimeout: 900_000,
  hookTimeout: 300_000,
  serial: true,
});
