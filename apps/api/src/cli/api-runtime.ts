import { createLogger, openControlPlane, type ControlPlaneConnection } from '@org/worker';
import type { Logger } from 'pino';
import type { ApiConfig } from '../config/api-config.js';

/**
 * What a process that runs no jobs opens: the control-plane database and its pool, nothing
 * of a worker's (no journal, no queue maintenance, no worker metrics). With no DATABASE_URL
 * it connects to the embedded PostgreSQL a running worker started.
 */
export function openApiRuntime(config: ApiConfig, logger: Logger): Promise<ControlPlaneConnection> {
  return openControlPlane(config.worker, { logger, startEmbedded: false, name: 'control-plane-api' });
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
