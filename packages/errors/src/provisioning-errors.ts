import { classifyError } from './classify-error.js';
import { ErrorCodes } from './error-codes.js';
import { hasErrorCode, ProvisioningError, type ProvisioningErrorOptions } from './provisioning-error.js';

// The contract's subclasses. Each fixes its code and its default retryability; `static is`
// matches by code so that it works across copies of this package.

type Options = Omit<ProvisioningErrorOptions, 'context'> & { context?: Record<string, unknown> };

// For failures that are usually transient: retryable unless told otherwise or unless the
// cause is known to be permanent (a 42xxx under a DatabaseCreationError stays permanent).
function transientUnlessCause(options: Options): Options {
  if (options.retryable !== undefined) return options;
  const retryable = options.cause === undefined ? true : classifyError(options.cause).retryable;
  return { ...options, retryable };
}

/** The project does not exist, or is not in a state that allows the operation. Not retryable. */
export class ProjectNotFoundError extends ProvisioningError {
  constructor(projectId: string, options: Options = {}) {
    super(ErrorCodes.PROJECT_NOT_FOUND, `Project ${projectId} not found`, {
      retryable: false,
      ...options,
      context: { ...options.context, projectId },
    });
  }
  static is(value: unknown): value is ProjectNotFoundError {
    return hasErrorCode(value, ErrorCodes.PROJECT_NOT_FOUND);
  }
}

/** Creating (or dropping) a tenant database failed. Retryable unless the cause says otherwise. */
export class DatabaseCreationError extends ProvisioningError {
  constructor(message: string, options: Options = {}) {
    super(ErrorCodes.DATABASE_CREATION_FAILED, message, transientUnlessCause(options));
  }
  static is(value: unknown): value is DatabaseCreationError {
    return hasErrorCode(value, ErrorCodes.DATABASE_CREATION_FAILED);
  }
}

/** Creating or migrating a tenant schema failed. Retryable unless the cause says otherwise. */
export class SchemaCreationError extends ProvisioningError {
  constructor(message: string, options: Options = {}) {
    super(ErrorCodes.SCHEMA_CREATION_FAILED, message, transientUnlessCause(options));
  }
  static is(value: unknown): value is SchemaCreationError {
    return hasErrorCode(value, ErrorCodes.SCHEMA_CREATION_FAILED);
  }
}

/** Registering a project with a service (auth, realtime, storage) failed. */
export class ServiceRegistrationError extends ProvisioningError {
  readonly serviceType: string;
  constructor(serviceType: string, message: string, options: Options = {}) {
    super(ErrorCodes.SERVICE_REGISTRATION_FAILED, message, {
      ...transientUnlessCause(options),
      context: { ...options.context, serviceType },
    });
    this.serviceType = serviceType;
  }
  static is(value: unknown): value is ServiceRegistrationError {
    return hasErrorCode(value, ErrorCodes.SERVICE_REGISTRATION_FAILED);
  }
}

/** Generating or storing API keys failed. */
export class ApiKeyGenerationError extends ProvisioningError {
  constructor(message: string, options: Options = {}) {
    super(ErrorCodes.API_KEY_GENERATION_FAILED, message, transientUnlessCause(options));
  }
  static is(value: unknown): value is ApiKeyGenerationError {
    return hasErrorCode(value, ErrorCodes.API_KEY_GENERATION_FAILED);
  }
}

/** A resource quota would be exceeded. Not retryable: waiting does not free quota. */
export class QuotaExceededError extends ProvisioningError {
  readonly quotaType: string;
  readonly limit: number;
  readonly current: number;
  /** How many more were asked for, when known. */
  readonly requested: number | undefined;
  constructor(quotaType: string, limit: number, current: number, options: Options & { requested?: number } = {}) {
    const { requested, ...rest } = options;
    const asked = requested === undefined ? '' : `, ${requested} more requested`;
    super(ErrorCodes.QUOTA_EXCEEDED, `Quota exceeded for ${quotaType}: ${current} of ${limit} in use${asked}`, {
      retryable: false,
      ...rest,
      context: { ...rest.context, quotaType, limit, current, ...(requested === undefined ? {} : { requested }) },
    });
    this.quotaType = quotaType;
    this.limit = limit;
    this.current = current;
    this.requested = requested;
  }
  static is(value: unknown): value is QuotaExceededError {
    return hasErrorCode(value, ErrorCodes.QUOTA_EXCEEDED);
  }
}

/** The region is unknown or has no reachable cluster. Not retryable by default. */
export class RegionUnavailableError extends ProvisioningError {
  readonly region: string;
  constructor(region: string, options: Options & { message?: string } = {}) {
    super(ErrorCodes.REGION_UNAVAILABLE, options.message ?? `Region ${region} is not available`, {
      retryable: false,
      ...options,
      context: { ...options.context, region },
    });
    this.region = region;
  }
  static is(value: unknown): value is RegionUnavailableError {
    return hasErrorCode(value, ErrorCodes.REGION_UNAVAILABLE);
  }
}

/** A network failure talking to PostgreSQL or a service. Retryable. */
export class ProvisioningNetworkError extends ProvisioningError {
  constructor(message: string, options: Options = {}) {
    super(ErrorCodes.NETWORK_ERROR, message, transientUnlessCause(options));
  }
  static is(value: unknown): value is ProvisioningNetworkError {
    return hasErrorCode(value, ErrorCodes.NETWORK_ERROR);
  }
}

/** An operation ran past its deadline. Retryable. */
export class ProvisioningTimeoutError extends ProvisioningError {
  readonly timeoutMs: number | undefined;
  constructor(message: string, options: Options & { timeoutMs?: number } = {}) {
    super(ErrorCodes.TIMEOUT, message, {
      ...transientUnlessCause(options),
      context: { ...options.context, ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) },
    });
    this.timeoutMs = options.timeoutMs;
  }
  static is(value: unknown): value is ProvisioningTimeoutError {
    return hasErrorCode(value, ErrorCodes.TIMEOUT);
  }
}
