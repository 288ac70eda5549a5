import { ErrorCodes } from './error-codes.js';
import { hasErrorCode, ProvisioningError } from './provisioning-error.js';
import { serializeError } from './serialize-error.js';

/**
 * Undoing a failed provisioning failed itself. The error that made the undo necessary is
 * kept (`failedStep`, and serialised in `context.original`); the undo's own error is the
 * cause. Retryable when the undo's cause is: running the compensation again resumes it.
 */
export class CompensationError extends ProvisioningError {
  /** The step whose failure started the compensation, when a step failed. */
  readonly failedStep: string | undefined;
  /** The step whose undo failed. */
  readonly undoStep: string;
  constructor(undoStep: string, cause: unknown, original?: { step?: string; error: unknown }) {
    super(ErrorCodes.COMPENSATION_FAILED, `Could not undo ${undoStep} while cleaning up`, {
      retryable: serializeError(cause).retryable,
      cause,
      context: {
        undoStep,
        ...(original?.step === undefined ? {} : { failedStep: original.step }),
        ...(original === undefined ? {} : { original: serializeError(original.error) }),
      },
    });
    this.undoStep = undoStep;
    this.failedStep = original?.step;
  }
  static is(value: unknown): value is CompensationError {
    return hasErrorCode(value, ErrorCodes.COMPENSATION_FAILED);
  }
}
