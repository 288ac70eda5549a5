import { packageTestConfig } from '../../tools/vitest.config.js';

// The API's chaos suite: real processes killed mid-operation, one file at a time.
export default packageTestConfig({
  database: true,
  include: ['chaos/**/*.chaos.test.ts'],
  testTimeout: 300_000,
  hookTimeout: 300_000,
  serial: true,
});
