/**
 * How long one kind of session may wait on the server. Every pool of the control plane
 * sends its kind's limits as startup parameters ({@link sessionParameters}), so that no
 * statement, lock wait or forgotten transaction waits forever, whatever the server's own
 * defaults (PostgreSQL's are 0: no limit).
 */
export interface SessionLimits {
  /** A statement running longer is cancelled (SQLSTATE 57014). */
  statementTimeoutMs: number;
  /** A lock (row, table or advisory) waited for longer fails the statement (55P03). */
  lockTimeoutMs: number;
  /**
   * A transaction left idle longer ends its session (25P03), releasing its locks: a client
   * that stalls or vanishes inside a transaction holds rows for this long at most.
   */
  idleInTransactionTimeoutMs: number;
}

/**
 * The limits of each kind of pool, by what its sessions do. Each is far above what its
 * statements take and far below "forever": `npm run bench -- --only=api` answered whole
 * requests (their statements included) in 8 ms at p99 for a read and 57 ms for a creation.
 */
export const SESSION_LIMITS = {
  /**
   * The control plane's reads and writes: the API's requests, steps' bookkeeping, one-shot
   * commands.
   */
  controlPlane: { statementTimeoutMs: 30_000, lockTimeoutMs: 10_000, idleInTransactionTimeoutMs: 60_000 },
  /** pg-boss: fetches skip locked rows; its maintenance takes advisory locks it may wait for. */
  queue: { statementTimeoutMs: 60_000, lockTimeoutMs: 10_000, idleInTransactionTimeoutMs: 60_000 },
  /**
   * Platform sessions on tenant clusters: `CREATE DATABASE` copies a template, which takes
   * minutes for a large one; a tenant holding a lock the platform needs makes it fail
   * within seconds (see `PLATFORM_SESSION`), and the caller ends the tenant's sessions.
   */
  tenantAdmin: { statementTimeoutMs: 600_000, lockTimeoutMs: 5_000, idleInTransactionTimeoutMs: 60_000 },
} as const satisfies Record<string, SessionLimits>;

/**
 * How soon the server gives up on a client that vanished without a word (a cut cable, a
 * partition: no FIN, no RST). It probes an idle connection after 10 s, every 5 s, 3 times,
 * and drops a connection whose sent data goes unacknowledged for 25 s: its session ends and
 * its locks (a project's advisory lock included) are released within about 25 s, where
 * PostgreSQL's defaults (the OS's keepalive: 7200 s and 9 probes 75 s apart) take 2 h 11 min.
 * A long statement checks every 5 s whether its client is still there.
 */
export const DEAD_CLIENT_DETECTION = {
  tcp_keepalives_idle: 10,
  tcp_keepalives_interval: 5,
  tcp_keepalives_count: 3,
  tcp_user_timeout: 25_000,
  client_connection_check_interval: 5_000,
} as const;

/**
 * The startup parameters of a session with `limits`, the server's dead-client detection
 * included. Spread into a postgres.js pool's `connection` option.
 */
export function sessionParameters(limits: SessionLimits): Record<string, number> {
  return {
    statement_timeout: limits.statementTimeoutMs,
    lock_timeout: limits.lockTimeoutMs,
    idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
    ...DEAD_CLIENT_DETECTION,
  };
}
