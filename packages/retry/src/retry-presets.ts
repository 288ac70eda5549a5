import type { RetryConfig } from './retry-config.js';

/**
 * The contract's per-operation policies: database 3 attempts from 10 s, schema 3 from 5 s,
 * services 2 from 3 s, API keys 2 from 2 s, doubling, each wait capped at 60 s. Each has an
 * elapsed budget (`maxElapsedMs`: twice its longest schedule of waits, so jitter never
 * trips it on its own) and waits for a server's Retry-After of at most 30 s: past either,
 * the step gives up and the queue's retry (minutes later) takes over, instead of one slot
 * holding for as long as a server asks.
 */
export const retryPresets = {
  database: {
    maxAttempts: 3,
    initialDelay: 10_000,
    maxDelay: 60_000,
    backoffMultiplier: 2,
    maxElapsedMs: 120_000,
    maxRetryAfterMs: 30_000,
  },
  schema: {
    maxAttempts: 3,
    initialDelay: 5_000,
    maxDelay: 60_000,
    backoffMultiplier: 2,
    maxElapsedMs: 60_000,
    maxRetryAfterMs: 30_000,
  },
  services: {
    maxAttempts: 2,
    initialDelay: 3_000,
    maxDelay: 60_000,
    backoffMultiplier: 2,
    maxElapsedMs: 30_000,
    maxRetryAfterMs: 30_000,
  },
  apiKeys: {
    maxAttempts: 2,
    initialDelay: 2_000,
    maxDelay: 60_000,
    backoffMultiplier: 2,
    maxElapsedMs: 30_000,
    maxRetryAfterMs: 30_000,
  },
} as const satisfies Record<string, RetryConfig>;

export type RetryPresetName = keyof typeof retryPresets;
