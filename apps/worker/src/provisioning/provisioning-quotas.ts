/** The contract's quotas per project. */
export const PROVISIONING_QUOTAS = { databases: 1, api_keys: 10, services: 3 } as const;

export type QuotaType = keyof typeof PROVISIONING_QUOTAS;
