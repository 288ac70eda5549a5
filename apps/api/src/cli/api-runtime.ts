import { createLogger, openRuntime, type Runtime } from '@org/worker';
import type { Logger } from 'pino';
import type { ApiConfig } from '../config/api-config.js';

/**
 * A runtime for a process that runs no jobs: the control-plane pool, the journal and a
 * queue that only sends (pg-boss's maintenance stays with the workers), no worker metrics.
 * With no DATABASE_URL it connects to the embedded PostgreSQL a running worker started.
 */
export function openApiRuntime(config: ApiConfig, logger: Logger): Promise<Runtime> {
  return openRuntime(config.worker, { logger, startEmbedded: false, metrics: false, superviseQueue: false });
}

/** Runs a one-shot command on such a runtime, logging at `warn`, always closed afterwards. */
export async function withApiRuntime<T>(config: ApiConfig, fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openApiRuntime(config, createLogger({ level: 'warn', format: config.worker.logFormat }));
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}
