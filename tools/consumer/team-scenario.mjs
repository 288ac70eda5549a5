// The same scenario as team-scenario.cjs, with the packages loaded through `import`.
import * as apiKeys from '@org/api-keys';
import * as retry from '@org/retry';
import scenario from './team-scenario.cjs';

try {
  await scenario.runTeamScenario({ apiKeys, retry }, 'esm');
  process.exit(0);
} catch (error) {
  console.error(error);
  process.exit(1);
}
