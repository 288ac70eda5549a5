import type { ChildProcess } from 'node:child_process';

/** SIGTERM to a bench's server or worker process, resolved once it exited (at once if it had). */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
