/** The spec's quotas per project. */
export const PROVISIONING_QUOTAS = { databases: 1, api_keys: 10, services: 3 } as const;

export type QuotaType = keyof typeof PROVISIONING_QUOTAS;

/** The steps of a provisioning, in order. */
export const PROVISIONING_STEPS = ['validate', 'database', 'schema', 'services', 'api_keys', 'finalize'] as const;

export type ProvisioningStepName = (typeof PROVISIONING_STEPS)[number];
