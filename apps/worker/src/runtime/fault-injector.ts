import { ProvisioningNetworkError } from '@org/errors';

/**
 * Test-only: turns `WORKER_FAULTS` (`{ "database:after": "kill" }`) into a checkpoint hook.
 * `kill` ends the process with SIGKILL on the spot (a crash, as the chaos suite wants);
 * `fail` throws a transient error every time, `fail-once` only the first time.
 */
export function createFaultInjector(
  faults: Record<string, string>,
): ((checkpoint: string, projectId: string) => void) | undefined {
  if (Object.keys(faults).length === 0) return undefined;
  const fired = new Set<string>();
  return (checkpoint) => {
    const fault = faults[checkpoint];
    if (fault === undefined) return;
    if (fault === 'kill') process.kill(process.pid, 'SIGKILL');
    if (fault === 'fail' || (fault === 'fail-once' && !fired.has(checkpoint))) {
      fired.add(checkpoint);
      throw new ProvisioningNetworkError(`injected fault at ${checkpoint}`);
    }
  };
}
