import { parseRetryAfter } from '@org/errors';

/**
 * How long after each failed attempt the next one is made: the Standard Webhooks schedule
 * (immediately, then seconds, minutes, hours, ending on a plateau), stretched to about three
 * days in all but not past {@link DISABLE_AFTER_FAILING_MS}, so a delivery runs out of
 * attempts, not its endpoint out of time. After the last one the delivery has failed.
 */
export const RETRY_SCHEDULE_MS: readonly number[] = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3600_000,
  5 * 3600_000,
  10 * 3600_000,
  14 * 3600_000,
  20 * 3600_000,
  20 * 3600_000,
];

/** At most this many attempts per delivery: the first and one per {@link RETRY_SCHEDULE_MS} step. */
export const MAX_DELIVERY_ATTEMPTS = RETRY_SCHEDULE_MS.length + 1;

/** An endpoint whose attempts have all failed this long (three days) is disabled. */
export const DISABLE_AFTER_FAILING_MS = 3 * 24 * 3600_000;

/** A `Retry-After` longer than this (a day) is cut to it: the schedule has to end. */
export const MAX_RETRY_AFTER_MS = 24 * 3600_000;

/**
 * How long to wait before attempt `attemptsMade + 1`, or null when no attempt is left. The
 * scheduled delay is multiplied by `scale` (tests run the schedule in seconds) and given ±20 %
 * jitter so endpoints that failed together are not retried together; a receiver's
 * `Retry-After` (bounded by {@link boundedRetryAfter}) is honoured when longer.
 */
export function nextRetryDelayMs(
  attemptsMade: number,
  options: { scale?: number; retryAfterMs?: number | null; random?: () => number } = {},
): number | null {
  const scheduled = RETRY_SCHEDULE_MS[attemptsMade - 1];
  if (scheduled === undefined) return null;
  const jitter = 0.8 + 0.4 * (options.random ?? Math.random)();
  const delay = Math.round(scheduled * (options.scale ?? 1) * jitter);
  return Math.max(delay, options.retryAfterMs ?? 0);
}

/**
 * A `Retry-After` header in milliseconds (delay-seconds or an HTTP date, read by
 * `@org/errors`' parser), bounded to {@link MAX_RETRY_AFTER_MS}; null when absent or unreadable.
 */
export function boundedRetryAfter(value: string | undefined | null, now = Date.now()): number | null {
  const ms = parseRetryAfter(value, now);
  return ms === undefined ? null : Math.min(ms, MAX_RETRY_AFTER_MS);
}
