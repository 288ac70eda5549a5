import { createLogger, openControlPlane, type ControlPlaneConnection } from '@org/worker';
import type { SessionLimits } from '@org/db';
import type { Logger } from 'pino';
import type { ApiConfig } from '../config/api-config.js';

/**
 * The time limits of the API's sessions, from its request limit: a statement or lock wait
 * the database keeps going ends (and its transaction rolls back) before the request's own
 * limit answers the client 503, so that a request the client was told failed never commits
 * later.
 */
function apiSessionLimits(requestTimeoutMs: number): SessionLimits {
  return {
    statementTimeoutMs: Math.floor(requestTimeoutMs / 2),
    lockTimeoutMs: Math.floor(requestTimeoutMs * 0.3),
    idleInTransactionTimeoutMs: requestTimeoutMs,
  };
}

/**
 * What a process that runs no jobs opens: the control-plane database and its pool, with the
 * API's session limits, nothing of a worker's (no journal, no queue maintenance, no worker
 * metrics). With no DATABASE_URL it connects to the embedded PostgreSQL a running worker
 * started (in this process too: the one-process `start`).
 */
export function openApiRuntime(config: ApiConfig, logger: Logger): Promise<ControlPlaneConnection> {
  return openControlPlane(
    { ...config.worker, poolSize: config.poolSize },
    { logger, startEmbedded: false, name: 'control-plane-api', limits: apiSessionLimits(config.requestTimeoutMs) },
  );
}

/** Runs a one-shot command on such a connection, logging at `warn`, always closed afterwards. */
export async function withApiRuntime<T>(
  config: ApiConfig,
  fn: (runtime: ControlPlaneConnection) => Promise<T>,
): Promise<T> {
  const runtime = await openApiRuntime(config, createLogger({ level: 'warn', format: config.worker.logFormat }));
  try {
    return await fn(runtime);
  } finally {
    await runtime.db.close();
  }
}
