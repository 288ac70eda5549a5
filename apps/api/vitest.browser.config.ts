import { packageTestConfig } from '../../tools/vitest.config.js';

// The console in a real browser (Debian's chromium through playwright-core) against a real
// API and worker: `npm run test:browser -w @org/api`. Not part of `npm test`, which needs
// only Node.js; .ci/run installs chromium and runs it.
export default packageTestConfig({
  database: true,
  include: ['browser/**/*.browser.test.ts'],
  testTimeout: 180_000,
  hookTimeout: 180_000,
  serial: true,
});
