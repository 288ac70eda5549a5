import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';

/** How {@link waitFor} waits, and what it says when it gives up. */
export interface WaitForOptions {
  /** What is waited for, in words, for the error on timeout: `'operation 42 settled'`. */
  what: string;
  /** How long to wait before giving up (default 30 s). */
  timeoutMs?: number;
  /** The pause between two checks (default 100 ms). */
  intervalMs?: number;
}

/**
 * Calls `check` until it returns the value waited for, and resolves with that value: by
 * default any value but `undefined`, `null` and `false`; with `until`, one that `until`
 * accepts (then `check` can return what it saw, which the error on timeout shows). On
 * timeout, rejects with an error naming `what` and the check's last value. An error thrown
 * by `check` rejects at once: a failed query or a process that exited is not "not yet".
 */
export function waitFor<T>(
  check: () => T | Promise<T>,
  options: WaitForOptions & { until: (value: T) => boolean },
): Promise<T>;
export function waitFor<T>(
  check: () => T | Promise<T>,
  options: WaitForOptions,
): Promise<Exclude<T, undefined | null | false>>;
export async function waitFor<T>(
  check: () => T | Promise<T>,
  options: WaitForOptions & { until?: (value: T) => boolean },
): Promise<T> {
  const { what, timeoutMs = 30_000, intervalMs = 100, until = isSomething } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (until(value)) return value;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last value: ${shown(value)}`);
    // One last check at the deadline, not one interval past it.
    await sleep(Math.min(intervalMs, left));
  }
}

function isSomething(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false;
}

// A process's output reads best as it was printed, not quoted with its newlines escaped.
function shown(value: unknown): string {
  return typeof value === 'string' ? `\n${value}` : inspect(value, { depth: 4, breakLength: Infinity });
}
