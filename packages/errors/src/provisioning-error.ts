import { isBrandedError, PROVISIONING_ERROR_BRAND } from './error-brand.js';
import { serializeError, type SerializedError } from './serialize-error.js';

/** Options shared by every error of the taxonomy. */
export interface ProvisioningErrorOptions {
  /** Whether running the same operation again may succeed. */
  retryable?: boolean;
  /** The underlying error, kept for diagnosis; never serialised whole. */
  cause?: unknown;
  /** Identifiers that help an operator (project id, region, step). Never secrets. */
  context?: Record<string, unknown>;
  /** A server-given hint (Retry-After) for how long to wait before the next attempt. */
  retryAfterMs?: number;
}

/** The JSON shape of a {@link ProvisioningError}: what may be logged or stored in a job. */
export interface ProvisioningErrorJSON extends SerializedError {
  name: string;
}

/**
 * Base class of every control-plane error: a stable string `code` for programs, a
 * `retryable` flag for retry policies, `context` for operators, and the original `cause`.
 */
export class ProvisioningError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly context: Record<string, unknown>;
  readonly retryAfterMs: number | undefined;

  constructor(code: string, message: string, options: ProvisioningErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.context = { ...options.context };
    this.retryAfterMs = options.retryAfterMs;
    Object.defineProperty(this, PROVISIONING_ERROR_BRAND, { value: true });
  }

  /** {@link serializeError}'s shape with the class name: a foreign cause keeps only its classification. */
  toJSON(): ProvisioningErrorJSON {
    return { name: this.name, ...serializeError(this) };
  }
}

/** True for any {@link ProvisioningError}, from this or another copy of `@org/errors`. */
export function isProvisioningError(value: unknown): value is ProvisioningError {
  return isBrandedError(value);
}

/** True when `value` is a {@link ProvisioningError} carrying `code`. */
export function hasErrorCode(value: unknown, code: string): value is ProvisioningError {
  return isProvisioningError(value) && value.code === code;
}
