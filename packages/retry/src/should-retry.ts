import { DEFAULT_RETRY_CONFIG, type RetryConfig } from './retry-config.js';

/** The contract's attempt check: another attempt is allowed after `attempt` failed ones. */
export function shouldRetry(attempt: number, config: RetryConfig = {}): boolean {
  return attempt < (config.maxAttempts ?? DEFAULT_RETRY_CONFIG.maxAttempts);
}
