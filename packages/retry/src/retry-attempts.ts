const ATTEMPTS = 'attempts';

/**
 * Records on a thrown error how many attempts were made, without wrapping it: callers
 * keep the original class and code. Non-enumerable, so logs and JSON are unchanged.
 */
export function attachAttempts(error: unknown, attempts: number): void {
  if (typeof error === 'object' && error !== null && Object.isExtensible(error)) {
    Object.defineProperty(error, ATTEMPTS, { value: attempts, configurable: true, writable: true, enumerable: false });
  }
}

/** How many attempts `withRetry` made before it gave up with this error, if it did. */
export function retryAttemptsOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as Record<string, unknown>)[ATTEMPTS];
  return typeof value === 'number' ? value : undefined;
}
