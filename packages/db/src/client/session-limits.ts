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

/** The server's settings that end the session of a client that vanished ({@link deadClientDetection}). */
export interface DeadClientDetection {
  tcp_keepalives_idle: number;
  tcp_keepalives_interval: number;
  tcp_keepalives_count: number;
  tcp_user_timeout: number;
  client_connection_check_interval: number;
}

/**
 * How soon the server gives up on a client that vanished without a word (a cut cable, a
 * partition: no FIN, no RST): within about `boundSeconds`. It probes an idle connection
 * after 2/5 of the bound, then every 1/5, 3 times, and drops a connection whose sent data
 * goes unacknowledged for the bound: the session ends and its locks (a project's advisory
 * lock included) are released. PostgreSQL's defaults (the OS's keepalive: 7200 s and 9
 * probes 75 s apart) take 2 h 11 min. A long statement checks every 5 s whether its client
 * is still there. At least 5 s.
 */
export function deadClientDetection(boundSeconds: number): DeadClientDetection {
  const bound = Math.max(5, Math.round(boundSeconds));
  return {
    tcp_keepalives_idle: Math.round((bound * 2) / 5),
    tcp_keepalives_interval: Math.round(bound / 5),
    tcp_keepalives_count: 3,
    tcp_user_timeout: bound * 1000,
    client_connection_check_interval: 5_000,
  };
}

/** Every pool's dead-client detection: 25 s (probes after 10 s idle, every 5 s). */
export const DEAD_CLIENT_DETECTION: DeadClientDetection = deadClientDetection(25);

/**
 * The startup parameters of a session with `limits`, the server's dead-client detection
 * included. Spread into a postgres.js pool's `connection` option.
 */
export function sessionParameters(
  limits: SessionLimits,
  detection: DeadClientDetection = DEAD_CLIENT_DETECTION,
): Record<string, number> {
  return {
    statement_timeout: limits.statementTimeoutMs,
    lock_timeout: limits.lockTimeoutMs,
    idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
    ...detection,
  };
}

/**
 * The client's own limits for a pool whose sessions have `limits`: a query unanswered 5 s
 * past its statement limit is cancelled, and a server that does not answer the cancel
 * within 5 s has its connection closed. So a caller hears of a server that vanished in the
 * middle of a query in seconds, not after TCP's 15 minutes of retransmissions. Spread into
 * a postgres.js pool's options.
 */
export function clientTimeouts(limits: SessionLimits): { query_timeout: number; cancel_timeout: number } {
  return { query_timeout: Math.ceil((limits.statementTimeoutMs + 5_000) / 1000), cancel_timeout: 5 };
}
