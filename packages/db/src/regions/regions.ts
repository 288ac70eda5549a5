/** The regions the platform offers (the contract's list). */
export const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1'] as const;

export type Region = (typeof REGIONS)[number];

/** True when `value` names one of {@link REGIONS}. */
export function isKnownRegion(value: unknown): value is Region {
  return typeof value === 'string' && (REGIONS as readonly string[]).includes(value);
}
