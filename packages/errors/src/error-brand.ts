/**
 * The mark every `ProvisioningError` carries: a global symbol rather than `instanceof`, so
 * two installed copies of this package (a dependency of a dependency) still recognise each
 * other's errors.
 */
export const PROVISIONING_ERROR_BRAND = Symbol.for('@org/errors/ProvisioningError');

/**
 * What classifying and serialising read of one of our errors. It lives apart from the
 * `ProvisioningError` class, whose `toJSON` serialises: the serialiser reads our errors
 * through this without importing the class that imports it.
 */
export interface BrandedError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly context: Record<string, unknown>;
  readonly retryAfterMs: number | undefined;
}

/** True for any error of this taxonomy, from this or another copy of `@org/errors`. */
export function isBrandedError(value: unknown): value is BrandedError {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PROVISIONING_ERROR_BRAND] === true
  );
}
