import type { RetryConfig } from './retry-config.js';

/**
 * The contract's per-operation policies: database 3 attempts from 10 s, schema 3 from 5 s,
 * services 2 from 3 s, API keys 2 from 2 s, doubling, each wait capped at 60 s.
 */
export const retryPresets = {
  database: { maxAttempts: 3, initialDelay: 10_000, maxDelay: 60_000, backoffMultiplier: 2 },
  schema: { maxAttempts: 3, initialDelay: 5_000, maxDelay: 60_000, backoffMultiplier: 2 },
  services: { maxAttempts: 2, initialDelay: 3_000, maxDelay: 60_000, backoffMultiplier: 2 },
  apiKeys: { maxAttempts: 2, initialDelay: 2_000, maxDelay: 60_000, backoffMultiplier: 2 },
} as const satisfies Record<string, RetryConfig>;

export type RetryPresetName = keyof typeof retryPresets;
