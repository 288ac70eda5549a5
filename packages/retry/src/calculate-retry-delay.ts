import { DEFAULT_RETRY_CONFIG, type RetryConfig } from './retry-config.js';

/**
 * The contract's backoff before jitter: `initialDelay * backoffMultiplier^(attempt - 1)`,
 * capped at `maxDelay`. `attempt` is the attempt that just failed (1-based).
 */
export function calculateRetryDelay(attempt: number, config: RetryConfig = {}): number {
  const initialDelay = config.initialDelay ?? DEFAULT_RETRY_CONFIG.initialDelay;
  const maxDelay = config.maxDelay ?? DEFAULT_RETRY_CONFIG.maxDelay;
  const multiplier = config.backoffMultiplier ?? DEFAULT_RETRY_CONFIG.backoffMultiplier;
  return Math.min(initialDelay * multiplier ** Math.max(0, attempt - 1), maxDelay);
}

/**
 * Randomises a delay from {@link calculateRetryDelay} according to `config.jitter`.
 * `previousDelay` is the last wait actually used, which decorrelated jitter grows from.
 */
export function applyJitter(delay: number, config: RetryConfig = {}, previousDelay?: number): number {
  const random = config.random ?? Math.random;
  switch (config.jitter ?? DEFAULT_RETRY_CONFIG.jitter) {
    case 'none':
      return delay;
    case 'full':
      return Math.floor(random() * delay);
    case 'equal':
      return Math.floor(delay / 2 + random() * (delay / 2));
    case 'decorrelated': {
      const base = config.initialDelay ?? DEFAULT_RETRY_CONFIG.initialDelay;
      const cap = config.maxDelay ?? DEFAULT_RETRY_CONFIG.maxDelay;
      const upper = Math.max(base, (previousDelay ?? base) * 3);
      return Math.floor(Math.min(cap, base + random() * (upper - base)));
    }
  }
}
