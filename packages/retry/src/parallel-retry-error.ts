import { hasErrorCode, ProvisioningError } from '@org/errors';

/** One operation of a parallel run that failed after its own retries. */
export interface ParallelFailure {
  index: number;
  operationName: string;
  error: unknown;
}

/**
 * Thrown by `withRetryParallel` when any operation fails: every failure is listed, not just
 * the first. Retryable only if every failure is, so an outer retry does not repeat a
 * permanent mistake.
 */
export class ParallelRetryError extends ProvisioningError {
  readonly failures: readonly ParallelFailure[];

  constructor(failures: readonly ParallelFailure[], retryable: boolean) {
    const names = failures.map((failure) => failure.operationName).join(', ');
    super('PARALLEL_OPERATIONS_FAILED', `${failures.length} operation(s) failed: ${names}`, {
      retryable,
      cause: failures[0]?.error,
      context: { operations: failures.map((failure) => failure.operationName) },
    });
    this.failures = failures;
  }

  static is(value: unknown): value is ParallelRetryError {
    return hasErrorCode(value, 'PARALLEL_OPERATIONS_FAILED');
  }
}
