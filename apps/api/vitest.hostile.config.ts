import { packageTestConfig } from '../../tools/vitest.config.js';

// The hostile-tenant suite: on a PostgreSQL of its own (it fills every connection tenants may
// take), so it needs no shared server, and runs alone.
export default packageTestConfig({
  include: ['hostile/**/*.test.ts'],
  testTimeout: 600_000,
  hookTimeout: 300_000,
  serial: true,
});
