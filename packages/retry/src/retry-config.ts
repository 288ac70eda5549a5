import { ValidationError, type ValidationIssue } from '@org/errors';

/**
 * How a backoff delay is randomised. `full` (the default) draws from [0, delay], which
 * AWS's study found gives the fewest calls and least contention; `equal` from
 * [delay/2, delay]; `decorrelated` from [initialDelay, 3 x previous delay]; `none` keeps
 * the exact exponential sequence.
 */
export type JitterStrategy = 'full' | 'equal' | 'decorrelated' | 'none';

/** What `onRetry` is told before each wait. */
export interface RetryEvent {
  operationName: string;
  /** The attempt that just failed (1-based). */
  attempt: number;
  /** How long the next wait will be, in milliseconds. */
  delay: number;
  error: unknown;
}

/** The retry policy of one operation. Every field is optional; see {@link DEFAULT_RETRY_CONFIG}. */
export interface RetryConfig {
  /** Attempts in all, the first included. At least 1. */
  maxAttempts?: number;
  /** Milliseconds before the second attempt, before jitter. */
  initialDelay?: number;
  /** Upper bound on any single wait, in milliseconds, before jitter. */
  maxDelay?: number;
  /** Growth of the wait per attempt; at least 1. */
  backoffMultiplier?: number;
  jitter?: JitterStrategy;
  /** Give up instead of waiting past this many milliseconds since the first attempt. */
  maxElapsedMs?: number;
  /**
   * The longest server `Retry-After` waited for, in milliseconds: a longer one ends the
   * retries at once with that error (still retryable, so a caller with a slower retry of
   * its own, such as a queue, takes over), instead of holding the caller that long.
   */
  maxRetryAfterMs?: number;
  /** Aborting rejects at once with the signal's reason; no further attempt is made. */
  signal?: AbortSignal;
  /** Decides whether a failure is retried. Defaults to `classifyError(error).retryable`. */
  shouldRetry?: (error: unknown, attempt: number) => boolean;
  /** Called before each wait, e.g. to log or count retries. */
  onRetry?: (event: RetryEvent) => void;
  /** Source of randomness for jitter, in [0, 1). Injectable for deterministic tests. */
  random?: () => number;
}

/** The values used for fields a config leaves out. */
export const DEFAULT_RETRY_CONFIG = {
  maxAttempts: 3,
  initialDelay: 1000,
  maxDelay: 30_000,
  backoffMultiplier: 2,
  jitter: 'full',
  maxRetryAfterMs: 60_000,
} as const satisfies RetryConfig;

const JITTERS: readonly JitterStrategy[] = ['full', 'equal', 'decorrelated', 'none'];

/**
 * Throws a {@link ValidationError} naming every invalid field of a config, so that a bad
 * policy fails at the call and never halfway through a provisioning.
 */
export function validateRetryConfig(config: RetryConfig): void {
  const issues: ValidationIssue[] = [];
  const { maxAttempts, initialDelay, maxDelay, backoffMultiplier, maxElapsedMs, maxRetryAfterMs, jitter } = config;
  if (maxAttempts !== undefined && !(Number.isInteger(maxAttempts) && maxAttempts >= 1)) {
    issues.push({ path: 'maxAttempts', message: 'must be an integer of at least 1' });
  }
  for (const [path, value] of [
    ['initialDelay', initialDelay],
    ['maxDelay', maxDelay],
    ['maxElapsedMs', maxElapsedMs],
    ['maxRetryAfterMs', maxRetryAfterMs],
  ] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      issues.push({ path, message: 'must be a finite number of milliseconds, not negative' });
    }
  }
  if (backoffMultiplier !== undefined && !(Number.isFinite(backoffMultiplier) && backoffMultiplier >= 1)) {
    issues.push({ path: 'backoffMultiplier', message: 'must be a number of at least 1' });
  }
  if (jitter !== undefined && !JITTERS.includes(jitter)) {
    issues.push({ path: 'jitter', message: `must be one of ${JITTERS.join(', ')}` });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}
