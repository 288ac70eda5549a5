/**
 * The worker CLI with faults injected at named checkpoints, for tests only: `WORKER_FAULTS`
 * (`{ "database:after": "kill" }`) is read here, never by the shipped CLI. `kill` ends the
 * process with SIGKILL on the spot (a crash); `fail` throws a transient error every time,
 * `fail-once` only the first time. `hold`: the first run to reach the checkpoint prints
 * `held <checkpoint> <project id>` and waits there until the process gets SIGUSR2 (a
 * partition test cuts the network meanwhile); later runs pass. `pause`: prints `paused at
 * <checkpoint>` and waits `WORKER_FAULT_PAUSE_MS` (default 8000) the first time, so that a
 * test can cut the worker's network in the middle of the step.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ProvisioningNetworkError } from '@org/errors';
import { runCliProcess } from '../../src/cli/run-cli.js';

const faults = JSON.parse(process.env['WORKER_FAULTS'] ?? '{}') as Record<string, string>;
const fired = new Set<string>();
let release: (() => void) | undefined;
process.on('SIGUSR2', () => release?.());

runCliProcess(process.argv.slice(2), {
  async onCheckpoint(checkpoint, projectId) {
    const fault = faults[checkpoint];
    if (fault === 'hold' && !fired.has(checkpoint)) {
      fired.add(checkpoint);
      const released = new Promise<void>((resolve) => (release = resolve));
      process.stdout.write(`held ${checkpoint} ${projectId}\n`);
      await released;
    }
    if (fault === 'kill') {
      // Written to a pipe synchronously: the test reads where its victim died.
      process.stdout.write(`killed at ${checkpoint} ${projectId}\n`);
      process.kill(process.pid, 'SIGKILL');
    }
    if (fault === 'pause' && !fired.has(checkpoint)) {
      fired.add(checkpoint);
      process.stdout.write(`paused at ${checkpoint}\n`);
      await sleep(Number(process.env['WORKER_FAULT_PAUSE_MS'] ?? 8000));
    }
    if (fault === 'fail' || (fault === 'fail-once' && !fired.has(checkpoint))) {
      fired.add(checkpoint);
      throw new ProvisioningNetworkError(`injected fault at ${checkpoint}`);
    }
  },
});
