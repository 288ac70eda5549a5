import { classifyError } from './classify-error.js';
import { ErrorCodes } from './error-codes.js';
import { hasErrorCode, ProvisioningError } from './provisioning-error.js';

/** One named operation of a parallel run that failed after its own retries. */
export interface ParallelFailure {
  operationName: string;
  error: unknown;
}

/**
 * Several operations run side by side failed (`@org/retry`'s `withRetryParallel`): every
 * failure is listed, not just the first. Retryable only if every failure is, so an outer
 * retry does not repeat a permanent mistake.
 */
export class ParallelRetryError extends ProvisioningError {
  readonly failures: readonly ParallelFailure[];
  constructor(failures: readonly ParallelFailure[]) {
    const names = failures.map((failure) => failure.operationName);
    super(ErrorCodes.PARALLEL_OPERATIONS_FAILED, `${failures.length} operation(s) failed: ${names.join(', ')}`, {
      retryable: failures.every((failure) => classifyError(failure.error).retryable),
      cause: failures[0]?.error,
      context: { operations: names },
    });
    this.failures = failures;
  }
  static is(value: unknown): value is ParallelRetryError {
    return hasErrorCode(value, ErrorCodes.PARALLEL_OPERATIONS_FAILED);
  }
}
