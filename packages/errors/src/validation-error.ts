import { ErrorCodes } from './error-codes.js';
import { hasErrorCode, ProvisioningError, type ProvisioningErrorOptions } from './provisioning-error.js';

/** One invalid input field: a dotted path and what is wrong with it. Never the value. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Bad input. Lists every invalid field at once, so a caller can fix them in one go. */
export class ValidationError extends ProvisioningError {
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], options: Omit<ProvisioningErrorOptions, 'retryable'> = {}) {
    const summary = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
    super(ErrorCodes.VALIDATION_FAILED, `Invalid input: ${summary || 'unknown reason'}`, {
      ...options,
      retryable: false,
      context: { ...options.context, fields: issues.map((issue) => issue.path) },
    });
    this.issues = issues;
  }

  static is(value: unknown): value is ValidationError {
    return hasErrorCode(value, ErrorCodes.VALIDATION_FAILED);
  }
}
