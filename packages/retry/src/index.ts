// Thrown by withRetryParallel; the class lives in @org/errors with every other code.
export { ParallelRetryError, type ParallelFailure } from '@org/errors';
export { abortableSleep } from './abortable-sleep.js';
export { applyJitter, calculateRetryDelay } from './calculate-retry-delay.js';
export { retryAttemptsOf } from './retry-attempts.js';
export {
  DEFAULT_RETRY_CONFIG,
  validateRetryConfig,
  type JitterStrategy,
  type RetryConfig,
  type RetryEvent,
} from './retry-config.js';
export { retryPresets, type RetryPresetName } from './retry-presets.js';
export { shouldRetry } from './should-retry.js';
export { withRetry, type AttemptContext } from './with-retry.js';
export { withRetryParallel } from './with-retry-parallel.js';
export { withRetrySequential } from './with-retry-sequential.js';
