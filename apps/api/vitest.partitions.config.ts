import { packageTestConfig } from '../../tools/vitest.config.js';

// The API's partition suite: network namespaces and links of its own (root only), its own
// PostgreSQL, long timeouts, one file at a time.
export default packageTestConfig({
  include: ['partitions/**/*.partition.test.ts'],
  testTimeout: 300_000,
  hookTimeout: 120_000,
  serial: true,
});
