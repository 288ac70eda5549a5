import { ErrorCodes } from './error-codes.js';
import { hasErrorCode, ProvisioningError, type ProvisioningErrorOptions } from './provisioning-error.js';

// Errors of a provisioning's life cycle that are not failures of a single operation: who
// may run (eligibility, the project lock) and what happened to a run (its worker was lost).

type Options = Omit<ProvisioningErrorOptions, 'context' | 'retryable'> & { context?: Record<string, unknown> };

/**
 * The project exists but may not be provisioned now: suspended or deleted, or already
 * provisioned, being torn down or torn down. Not retryable. `status` says which.
 */
export class ProjectNotEligibleError extends ProvisioningError {
  readonly status: string;
  constructor(projectId: string, status: string, options: Options = {}) {
    super(ErrorCodes.PROJECT_NOT_ELIGIBLE, `Project ${projectId} is ${status}`, {
      ...options,
      retryable: false,
      context: { ...options.context, projectId, status },
    });
    this.status = status;
  }
  static is(value: unknown): value is ProjectNotEligibleError {
    return hasErrorCode(value, ErrorCodes.PROJECT_NOT_ELIGIBLE);
  }
}

/**
 * The project has deletion protection on: deleting and purging it are refused, whoever asks,
 * until the flag is lifted. Not retryable.
 */
export class DeletionProtectedError extends ProvisioningError {
  constructor(projectId: string, options: Options = {}) {
    super(
      ErrorCodes.DELETION_PROTECTED,
      `Project ${projectId} is protected from deletion: lift its deletion protection first`,
      { ...options, retryable: false, context: { ...options.context, projectId } },
    );
  }
  static is(value: unknown): value is DeletionProtectedError {
    return hasErrorCode(value, ErrorCodes.DELETION_PROTECTED);
  }
}

/** Another run holds the project's lock longer than the wait allowed. Retryable. */
export class ProjectLockedError extends ProvisioningError {
  constructor(projectId: string, options: Options = {}) {
    super(ErrorCodes.PROJECT_LOCKED, `Project ${projectId} is being provisioned by another run`, {
      ...options,
      retryable: true,
      context: { ...options.context, projectId },
    });
  }
  static is(value: unknown): value is ProjectLockedError {
    return hasErrorCode(value, ErrorCodes.PROJECT_LOCKED);
  }
}

/** A run stopped without settling: its worker died. What it made is resumed or undone. Retryable. */
export class WorkerLostError extends ProvisioningError {
  constructor(message = 'the worker running this attempt stopped', options: Options = {}) {
    super(ErrorCodes.WORKER_LOST, message, { ...options, retryable: true });
  }
  static is(value: unknown): value is WorkerLostError {
    return hasErrorCode(value, ErrorCodes.WORKER_LOST);
  }
}

/**
 * A run lost its hold on its project: its lock's session went silent past the lease's bound,
 * another run took the project (a journal write carrying the old generation was refused),
 * or the queue gave its job to another worker. The run stops where it is and writes
 * nothing more; what it made is resumed or undone by the next holder. Retryable.
 */
export class LeaseLostError extends ProvisioningError {
  constructor(projectId: string, reason: string, options: Options = {}) {
    super(ErrorCodes.LEASE_LOST, `The run lost project ${projectId}: ${reason}`, {
      ...options,
      retryable: true,
      context: { ...options.context, projectId },
    });
  }
  static is(value: unknown): value is LeaseLostError {
    return hasErrorCode(value, ErrorCodes.LEASE_LOST);
  }
}

/**
 * The project has an operation queued or running (a provisioning, a suspension, a
 * deletion): one runs at a time. Not retryable as such; ask again once `operationId` ended.
 */
export class OperationInProgressError extends ProvisioningError {
  readonly operationId: string;
  constructor(projectId: string, operationId: string, options: Options = {}) {
    super(ErrorCodes.OPERATION_IN_PROGRESS, `Project ${projectId} has operation ${operationId} in progress`, {
      ...options,
      retryable: false,
      context: { ...options.context, projectId, operationId },
    });
    this.operationId = operationId;
  }
  static is(value: unknown): value is OperationInProgressError {
    return hasErrorCode(value, ErrorCodes.OPERATION_IN_PROGRESS);
  }
}
