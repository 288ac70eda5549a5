export { classifyError, sqlStateOf, type ErrorClassification } from './classify-error.js';
export { CompensationError } from './compensation-error.js';
export { ErrorCodes, type ErrorCode } from './error-codes.js';
export {
  DeletionProtectedError,
  LeaseLostError,
  OperationInProgressError,
  ProjectLockedError,
  ProjectNotEligibleError,
  WorkerLostError,
} from './lifecycle-errors.js';
export { ParallelRetryError, type ParallelFailure } from './parallel-retry-error.js';
export { parseRetryAfter } from './parse-retry-after.js';
export {
  hasErrorCode,
  isProvisioningError,
  ProvisioningError,
  type ProvisioningErrorJSON,
  type ProvisioningErrorOptions,
} from './provisioning-error.js';
export {
  ApiKeyGenerationError,
  DatabaseCreationError,
  ProjectNotFoundError,
  ProvisioningNetworkError,
  ProvisioningTimeoutError,
  QuotaExceededError,
  RegionUnavailableError,
  SchemaCreationError,
  ServiceRegistrationError,
} from './provisioning-errors.js';
export {
  ApiKeyNotFoundError,
  DatabaseDropError,
  TenantAccessError,
  TenantClusterError,
  TenantCopyError,
  UnknownClusterError,
} from './resource-errors.js';
export { serializeError, type SerializedError } from './serialize-error.js';
export { ValidationError, type ValidationIssue } from './validation-error.js';
