import { createLogger } from '../observability/create-logger.js';
import { openRuntime, type Runtime } from '../runtime/open-runtime.js';
import type { WorkerConfig } from '../config/worker-config.js';

/**
 * Runs a one-shot command against the database a worker uses: logs at `warn` (the command
 * prints its own sentences), no embedded server of its own, always closed afterwards.
 */
export async function withCommandRuntime<T>(config: WorkerConfig, fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(config, {
    logger: createLogger({ level: 'warn', format: config.logFormat }),
    startEmbedded: false,
  });
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}
