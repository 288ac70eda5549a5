export { classifyError, type ErrorClassification } from './classify-error.js';
export { ErrorCodes, type ErrorCode } from './error-codes.js';
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
export { ValidationError, type ValidationIssue } from './validation-error.js';
