import { createLogger } from '../observability/create-logger.js';
import { openRuntime, type Runtime } from '../runtime/open-runtime.js';
import type { WorkerConfig } from '../config/worker-config.js';

/**
 * Runs a one-shot command against the database a worker uses: logs at `warn` (the command
 * prints its own sentences), no embedded server of its own, always closed afterwards.
 * `queue`: the queue is started first (a command that sends a job or reads a job's state
 * needs it) and stopped before the close, whatever the command did.
 */
export async function withCommandRuntime<T>(
  config: WorkerConfig,
  fn: (runtime: Runtime) => Promise<T>,
  options: { queue?: boolean } = {},
): Promise<T> {
  const runtime = await openRuntime(config, {
    logger: createLogger({ level: 'warn', format: config.logFormat }),
    startEmbedded: false,
  });
  try {
    if (options.queue === true) await runtime.queue.start();
    return await fn(runtime);
  } finally {
    if (options.queue === true) await runtime.queue.stop(1000).catch(() => undefined);
    await runtime.close();
  }
}
