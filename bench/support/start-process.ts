import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A server process run from source (its output discarded, as a service's logs go to a
 * collector), ready when `probe` answers (`/healthz`, or any answer at all).
 */
export async function startProcess(
  script: string,
  args: string[],
  env: Record<string, string>,
  probe: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    const ok = await fetch(probe).then(
      () => true,
      () => false,
    );
    if (ok) return child;
    if (Date.now() > deadline) throw new Error(`${script} did not answer ${probe}`);
    await sleep(100);
  }
}
