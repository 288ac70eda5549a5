import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres, { type Sql } from 'postgres';
import { namedStatements } from './named-statements.js';
import { reconnectBackoff } from './reconnect-backoff.js';
import { clientTimeouts, SESSION_LIMITS, type SessionLimits, sessionParameters } from './session-limits.js';

/** How to reach the control-plane database. */
export interface ControlPlaneClientOptions {
  url: string;
  /** Pool size: the most connections this process opens to the control plane. */
  max?: number;
  /** Seconds an idle connection stays open. */
  idleTimeout?: number;
  /** Seconds to wait for a connection. */
  connectTimeout?: number;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
  /** Its sessions' time limits (default `SESSION_LIMITS.controlPlane`). */
  limits?: SessionLimits;
}

/** A postgres.js pool and a Drizzle database over it. */
export interface ControlPlaneClient {
  sql: Sql;
  db: PostgresJsDatabase;
  /** Waits for running queries (up to `timeoutSeconds`), then closes every connection. */
  close(timeoutSeconds?: number): Promise<void>;
}

/** Opens a pool to the control-plane database. Connections are made lazily. */
export function createControlPlaneClient(options: ControlPlaneClientOptions): ControlPlaneClient {
  const sql = postgres(options.url, {
    max: options.max ?? 10,
    ...clientTimeouts(options.limits ?? SESSION_LIMITS.controlPlane),
    idle_timeout: options.idleTimeout ?? 30,
    connect_timeout: options.connectTimeout ?? 10,
    backoff: reconnectBackoff,
    onnotice: () => {},
    connection: {
      application_name: options.applicationName ?? 'control-plane',
      ...sessionParameters(options.limits ?? SESSION_LIMITS.controlPlane),
    },
  });
  return {
    sql,
    db: drizzle(namedStatements(sql)),
    close: (timeoutSeconds = 5) => sql.end({ timeout: timeoutSeconds }),
  };
}
