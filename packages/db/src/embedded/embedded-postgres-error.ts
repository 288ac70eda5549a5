/** Why an embedded PostgreSQL could not be started. */
export type EmbeddedPostgresFailure =
  /** Another live process runs a server on this data directory. */
  | 'ALREADY_RUNNING'
  /** The TCP port is taken by another program. */
  | 'PORT_IN_USE'
  /** The data directory cannot be used (permissions, a missing password file, no room). */
  | 'DATA_DIR_UNUSABLE'
  /** initdb or the server failed; the message carries the last lines of its output. */
  | 'SERVER_FAILED'
  /** No live process runs a server on this data directory (for a client looking for one). */
  | 'NOT_RUNNING';

/**
 * A failed start of the embedded server, with one sentence that says what to do. Its
 * `failure` lets a program map it to its own settings and exit codes.
 */
export class EmbeddedPostgresError extends Error {
  readonly failure: EmbeddedPostgresFailure;
  /** The port involved, when there is one. */
  readonly port: number | undefined;

  constructor(failure: EmbeddedPostgresFailure, message: string, options: { port?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'EmbeddedPostgresError';
    this.failure = failure;
    this.port = options.port;
  }
}
