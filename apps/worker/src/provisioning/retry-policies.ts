import { retryPresets, type RetryConfig } from '@org/retry';

/**
 * The in-process retry policies a step names, by what the step talks to: the contract's
 * presets for the tenant database, its schema, the services and the API keys, and a short
 * one for the control plane's own reads and writes. A step names one of these rather than
 * borrowing whichever preset happens to have the right numbers, so a change to one kind of
 * dependency's policy reaches exactly the steps that talk to it.
 */
export const RETRY_POLICIES = {
  /** The control plane's own database (validate's reads, finalize's write): near, so quick and few. */
  controlPlane: { maxAttempts: 3, initialDelay: 200, maxDelay: 2_000, backoffMultiplier: 2, maxElapsedMs: 10_000 },
  /** A tenant cluster's admin statements (create a database, change a login, reset a password). */
  tenantDatabase: retryPresets.database,
  /** The tenant schema's migrations and seed inside a tenant database. */
  tenantSchema: retryPresets.schema,
  /** The auth, realtime and storage admin APIs. */
  services: retryPresets.services,
  /** The API-key tables of the control plane. */
  apiKeys: retryPresets.apiKeys,
} as const satisfies Record<string, RetryConfig>;

export type RetryPolicyName = keyof typeof RETRY_POLICIES;

/**
 * The policy `name` with its delays multiplied by `scale` (the worker's `retryDelayScale`:
 * 1 in production, a small fraction in tests so a retried step takes milliseconds). The one
 * place a step's policy is resolved, for running, undoing and lifecycle steps alike.
 */
export function retryPolicy(name: RetryPolicyName, scale: number): RetryConfig {
  const policy: RetryConfig = RETRY_POLICIES[name];
  return {
    ...policy,
    ...(policy.initialDelay === undefined ? {} : { initialDelay: policy.initialDelay * scale }),
    ...(policy.maxDelay === undefined ? {} : { maxDelay: policy.maxDelay * scale }),
  };
}
