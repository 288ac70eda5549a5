import { classifyError } from './classify-error.js';
import { ErrorCodes } from './error-codes.js';
import { hasErrorCode, ProvisioningError, type ProvisioningErrorOptions } from './provisioning-error.js';

// Errors about the things a provisioning makes and finds, beyond the contract's own subclasses.

type Options = Omit<ProvisioningErrorOptions, 'context'> & { context?: Record<string, unknown> };

/** Dropping a tenant database or its role failed. Retryable unless the cause says otherwise. */
export class DatabaseDropError extends ProvisioningError {
  constructor(message: string, options: Options = {}) {
    const retryable = options.retryable ?? (options.cause === undefined || classifyError(options.cause).retryable);
    super(ErrorCodes.DATABASE_DROP_FAILED, message, { ...options, retryable });
  }
  static is(value: unknown): value is DatabaseDropError {
    return hasErrorCode(value, ErrorCodes.DATABASE_DROP_FAILED);
  }
}

/**
 * A tenant database is recorded on a cluster that the configuration does not name (it
 * was removed or renamed). Not retryable: an operator must restore the cluster's entry.
 */
export class UnknownClusterError extends ProvisioningError {
  readonly cluster: string;
  constructor(cluster: string, options: Options = {}) {
    super(ErrorCodes.CLUSTER_UNKNOWN, `Cluster ${cluster} is not configured`, {
      retryable: false,
      ...options,
      context: { ...options.context, cluster },
    });
    this.cluster = cluster;
  }
  static is(value: unknown): value is UnknownClusterError {
    return hasErrorCode(value, ErrorCodes.CLUSTER_UNKNOWN);
  }
}

/**
 * A tenant cluster cannot host tenants behind the platform's boundary: its PostgreSQL is
 * older than 16 (a non-superuser cannot administer the roles it creates), or its configured
 * user has neither SUPERUSER nor CREATEDB and CREATEROLE. Not retryable: an operator must
 * change the cluster or its configuration; the message says what.
 */
export class TenantClusterError extends ProvisioningError {
  readonly cluster: string;
  constructor(cluster: string, message: string, options: Options = {}) {
    super(ErrorCodes.TENANT_CLUSTER_UNUSABLE, message, {
      retryable: false,
      ...options,
      context: { ...options.context, cluster },
    });
    this.cluster = cluster;
  }
  static is(value: unknown): value is TenantClusterError {
    return hasErrorCode(value, ErrorCodes.TENANT_CLUSTER_UNUSABLE);
  }
}

/** No API key with that id, or it was revoked or rotated already. Not retryable. */
export class ApiKeyNotFoundError extends ProvisioningError {
  readonly keyId: string;
  constructor(keyId: string, options: Options = {}) {
    super(ErrorCodes.API_KEY_NOT_FOUND, `API key ${keyId} does not exist or is not active`, {
      retryable: false,
      ...options,
      context: { ...options.context, keyId },
    });
    this.keyId = keyId;
  }
  static is(value: unknown): value is ApiKeyNotFoundError {
    return hasErrorCode(value, ErrorCodes.API_KEY_NOT_FOUND);
  }
}

/**
 * Taking a tenant's access away or giving it back failed: its login role could not be
 * changed on its cluster. Retryable unless the cause says otherwise.
 */
export class TenantAccessError extends ProvisioningError {
  constructor(message: string, options: Options = {}) {
    const retryable = options.retryable ?? (options.cause === undefined || classifyError(options.cause).retryable);
    super(ErrorCodes.TENANT_ACCESS_FAILED, message, { ...options, retryable });
  }
  static is(value: unknown): value is TenantAccessError {
    return hasErrorCode(value, ErrorCodes.TENANT_ACCESS_FAILED);
  }
}

/**
 * Copying a tenant database failed: a snapshot, a restore or a branch (see `@org/db`), or
 * what it names does not exist (then not retryable). Retryable unless the cause or the
 * options say otherwise: every copy is resumable, so a retry finishes what this one began.
 */
export class TenantCopyError extends ProvisioningError {
  constructor(message: string, options: Options = {}) {
    const retryable = options.retryable ?? (options.cause === undefined || classifyError(options.cause).retryable);
    super(ErrorCodes.TENANT_COPY_FAILED, message, { ...options, retryable });
  }
  static is(value: unknown): value is TenantCopyError {
    return hasErrorCode(value, ErrorCodes.TENANT_COPY_FAILED);
  }
}
