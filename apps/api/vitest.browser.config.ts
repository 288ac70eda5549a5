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
  // A page that shows what an API call brought back can take more than Vitest's 1 s on a busy
  // 2-core machine: a condition that never holds still fails, 10 s later. (The failure that
  // prompted it, a search's rows at 4 where 1 was due, was the projects page's own race.)
  pollTimeout: 10_000,
});
