/**
 * Every code a package of the control plane throws or reports. Programs match on these,
 * never on messages. Codes from outside (a SQLSTATE such as `40P01`, an errno such as
 * `ECONNRESET`, `HTTP_503`) are reported as they are, next to these.
 */
export const ErrorCodes = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  PROJECT_NOT_FOUND: 'PROJECT_NOT_FOUND',
  PROJECT_NOT_ELIGIBLE: 'PROJECT_NOT_ELIGIBLE',
  PROJECT_LOCKED: 'PROJECT_LOCKED',
  /** The project is protected from deletion: deleting and purging it are refused until the flag is lifted. */
  DELETION_PROTECTED: 'DELETION_PROTECTED',
  DATABASE_CREATION_FAILED: 'DATABASE_CREATION_FAILED',
  DATABASE_DROP_FAILED: 'DATABASE_DROP_FAILED',
  SCHEMA_CREATION_FAILED: 'SCHEMA_CREATION_FAILED',
  SERVICE_REGISTRATION_FAILED: 'SERVICE_REGISTRATION_FAILED',
  API_KEY_GENERATION_FAILED: 'API_KEY_GENERATION_FAILED',
  API_KEY_NOT_FOUND: 'API_KEY_NOT_FOUND',
  /** The key exists but is revoked, rotated or expired: only an active key can be rotated. */
  API_KEY_NOT_ACTIVE: 'API_KEY_NOT_ACTIVE',
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  REGION_UNAVAILABLE: 'REGION_UNAVAILABLE',
  CLUSTER_UNKNOWN: 'CLUSTER_UNKNOWN',
  /** A tenant cluster cannot host tenants safely: too old a PostgreSQL, or its configured user lacks a privilege. */
  TENANT_CLUSTER_UNUSABLE: 'TENANT_CLUSTER_UNUSABLE',
  NETWORK_ERROR: 'NETWORK_ERROR',
  TIMEOUT: 'TIMEOUT',
  PARALLEL_OPERATIONS_FAILED: 'PARALLEL_OPERATIONS_FAILED',
  WORKER_LOST: 'WORKER_LOST',
  /** A run lost its hold on its project (its lock's session, its job): it stops, and a later run goes on. */
  LEASE_LOST: 'LEASE_LOST',
  COMPENSATION_FAILED: 'COMPENSATION_FAILED',
  /** Reported, not thrown: a project is provisioned but its one-time result is gone. */
  RESULT_UNAVAILABLE: 'RESULT_UNAVAILABLE',
  /** Suspending or resuming a tenant's access (its login role, its keys) failed. */
  TENANT_ACCESS_FAILED: 'TENANT_ACCESS_FAILED',
  /** A snapshot, restore or branch of a tenant database failed (or what it names does not exist). */
  TENANT_COPY_FAILED: 'TENANT_COPY_FAILED',
  /** Another operation of the project (a provisioning, a suspension, ...) is queued or running. */
  OPERATION_IN_PROGRESS: 'OPERATION_IN_PROGRESS',
  /** Reported, not thrown: the operation was cancelled before a worker ran it. */
  OPERATION_CANCELLED: 'OPERATION_CANCELLED',
  /** An operation that has started (or ended) cannot be cancelled. */
  OPERATION_NOT_CANCELLABLE: 'OPERATION_NOT_CANCELLABLE',
  /** A webhook delivery still being attempted cannot be replayed (it would be sent twice at once). */
  WEBHOOK_DELIVERY_PENDING: 'WEBHOOK_DELIVERY_PENDING',
  /** The HTTP API's answers, as problem details (`@org/api`). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  MALFORMED_REQUEST: 'MALFORMED_REQUEST',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** The URL or the headers exceed what the server reads. */
  REQUEST_TOO_LARGE: 'REQUEST_TOO_LARGE',
  RATE_LIMITED: 'RATE_LIMITED',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  /** The one-time result was claimed already, or expired unclaimed. */
  RESULT_CLAIMED: 'RESULT_CLAIMED',
  /** The project is not provisioned yet: its one-time result does not exist yet. */
  RESULT_NOT_READY: 'RESULT_NOT_READY',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
  /** `classifyError`'s codes for values it cannot place elsewhere. */
  ABORTED: 'ABORTED',
  PROGRAMMER_ERROR: 'PROGRAMMER_ERROR',
  UNKNOWN: 'UNKNOWN',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
