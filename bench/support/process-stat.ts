import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ on Linux). */
export const TICKS_PER_SECOND = 100;

/**
 * A process's `/proc/<pid>/stat` fields after its command name, numbered from its state:
 * [0] the state, [1] the parent's pid, [11] and [12] user and system time in clock ticks,
 * [13] and [14] those of the children it reaped. The name may hold spaces and parentheses,
 * so the fields start after the last `)`. Undefined once the process is gone.
 */
export function readStatFields(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** A process's CPU time so far (user and system) and resident memory, from /proc; undefined once it is gone. */
export function readProcessStat(pid: number): { cpuSeconds: number; rssMb: number } | undefined {
  const fields = readStatFields(pid);
  if (fields === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND, rssMb: rssKb / 1024 };
  } catch {
    return undefined;
  }
}
