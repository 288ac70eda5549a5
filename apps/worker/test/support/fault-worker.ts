/**
 * The worker CLI with faults injected at named checkpoints, for tests only: `WORKER_FAULTS`
 * (`{ "database:after": "kill" }`) is read here, never by the shipped CLI. `kill` ends the
 * process with SIGKILL on the spot (a crash); `fail` throws a transient error every time,
 * `fail-once` only the first time.
 */
import { ProvisioningNetworkError } from '@org/errors';
import { runCliProcess } from '../../src/cli/run-cli.js';

const faults = JSON.parse(process.env['WORKER_FAULTS'] ?? '{}') as Record<string, string>;
const fired = new Set<string>();

runCliProcess(process.argv.slice(2), {
  onCheckpoint(checkpoint) {
    const fault = faults[checkpoint];
    if (fault === 'kill') process.kill(process.pid, 'SIGKILL');
    if (fault === 'fail' || (fault === 'fail-once' && !fired.has(checkpoint))) {
      fired.add(checkpoint);
      throw new ProvisioningNetworkError(`injected fault at ${checkpoint}`);
    }
  },
});
