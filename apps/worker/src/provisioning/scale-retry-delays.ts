import type { RetryConfig } from '@org/retry';

/** A retry policy with its delays multiplied by the context's `retryDelayScale`. */
export function scaleRetryDelays(retry: RetryConfig, scale: number): RetryConfig {
  return {
    ...retry,
    ...(retry.initialDelay === undefined ? {} : { initialDelay: retry.initialDelay * scale }),
    ...(retry.maxDelay === undefined ? {} : { maxDelay: retry.maxDelay * scale }),
  };
}
