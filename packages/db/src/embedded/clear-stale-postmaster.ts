import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive } from './process-identity.js';

/**
 * A parent killed with SIGKILL leaves its postmaster running (or its pid file behind),
 * and the next start then fails. Stops such an orphan and removes the pid file. Only
 * called once the data directory's owner record shows no live owner (`server-owner.ts`):
 * a server some running worker uses is never signalled.
 */
export async function clearStalePostmaster(pgdata: string): Promise<void> {
  const pidFile = join(pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isPostgres(pid)) await stopPostmaster(pid);
  rmSync(pidFile, { force: true });
}

/** Fast shutdown (SIGINT: clients are disconnected, data stays safe), then SIGKILL after 15 s. */
async function stopPostmaster(pid: number, graceMs = 15_000): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let waited = 0; waited < graceMs && isAlive(pid); waited += 50) await sleep(50);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

function isPostgres(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    // No /proc (macOS): trust the pid file, as pg_ctl does.
    return true;
  }
}
