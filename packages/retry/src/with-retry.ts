import { classifyError } from '@org/errors';
import { abortableSleep, abortReason } from './abortable-sleep.js';
import { attachAttempts } from './retry-attempts.js';
import { applyJitter, calculateRetryDelay } from './calculate-retry-delay.js';
import { DEFAULT_RETRY_CONFIG, validateRetryConfig, type RetryConfig } from './retry-config.js';

/** What each attempt of an operation is given. */
export interface AttemptContext {
  /** 1 for the first attempt. */
  attempt: number;
  /** The config's signal (or one that never aborts): pass it on to fetch, queries, ... */
  signal: AbortSignal;
}

const NEVER_ABORTS = new AbortController().signal;

/**
 * Runs `operation` until it succeeds, a failure is not retryable, attempts run out, the
 * elapsed budget would be exceeded, a server asks to wait longer than `maxRetryAfterMs`, or
 * the signal aborts. Waits grow exponentially with jitter and never go below a server's
 * Retry-After hint. When it gives up, the last error itself is thrown (class and code
 * intact) with `attempts` attached.
 */
export async function withRetry<T>(
  operation: (context: AttemptContext) => Promise<T> | T,
  config: RetryConfig = {},
  operationName = 'operation',
): Promise<T> {
  validateRetryConfig(config);
  const maxAttempts = config.maxAttempts ?? DEFAULT_RETRY_CONFIG.maxAttempts;
  const signal = config.signal ?? NEVER_ABORTS;
  const decide = config.shouldRetry ?? ((error: unknown) => classifyError(error).retryable);
  const maxRetryAfterMs = config.maxRetryAfterMs ?? DEFAULT_RETRY_CONFIG.maxRetryAfterMs;
  const startedAt = Date.now();
  let previousDelay: number | undefined;

  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) throw abortReason(signal);
    try {
      return await operation({ attempt, signal });
    } catch (error) {
      // An operation that failed because we aborted it reports the abort, not its symptom.
      if (signal.aborted) throw abortReason(signal);
      if (attempt >= maxAttempts || !decide(error, attempt)) throw giveUp(error, attempt);

      let delay = applyJitter(calculateRetryDelay(attempt, config), config, previousDelay);
      const retryAfterMs = classifyError(error).retryAfterMs;
      if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) throw giveUp(error, attempt);
      if (retryAfterMs !== undefined) delay = Math.max(delay, retryAfterMs);
      if (config.maxElapsedMs !== undefined && Date.now() - startedAt + delay > config.maxElapsedMs) {
        throw giveUp(error, attempt);
      }
      config.onRetry?.({ operationName, attempt, delay, error });
      previousDelay = delay;
      await abortableSleep(delay, signal);
    }
  }
}

function giveUp(error: unknown, attempts: number): unknown {
  attachAttempts(error, attempts);
  return error;
}
