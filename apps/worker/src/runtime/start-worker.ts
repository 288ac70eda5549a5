import { pruneEvents } from '@org/operations';
import type { Logger } from 'pino';
import type { WorkerConfig } from '../config/worker-config.js';
import { startHttpServer, type OperationsServer } from '../observability/start-http-server.js';
import type { WorkerContext } from '../provisioning/worker-context.js';
import { migrateAll, openRuntime, type Runtime } from './open-runtime.js';
import { startWebhooks, type RunningWebhooks } from './start-webhooks.js';

/** Unclaimed one-time results, and events past their retention (30 days), are purged this often. */
const PURGE_INTERVAL_MS = 10 * 60_000;

/** A worker consuming jobs, with its operations port. */
export interface RunningWorker {
  runtime: Runtime;
  http: OperationsServer;
  /** Stops taking jobs, lets running ones finish (up to `timeoutMs`), closes the port and the pools. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * What `start` does before it waits for a signal: connect (starting the embedded
 * PostgreSQL when DATABASE_URL is unset), migrate, apply this worker's queue policy,
 * consume jobs, dispatch and deliver webhooks, ask for every cluster's warm pool to be
 * filled, and serve /healthz, /readyz and /metrics. A failed start leaves nothing running.
 */
export async function startWorker(
  config: WorkerConfig,
  options: { logger: Logger; onCheckpoint?: WorkerContext['onCheckpoint'] },
): Promise<RunningWorker> {
  const { logger } = options;
  const runtime = await openRuntime(config, {
    logger,
    startEmbedded: true,
    ...(options.onCheckpoint === undefined ? {} : { onCheckpoint: options.onCheckpoint }),
  });
  let http: OperationsServer;
  let webhooks: RunningWebhooks | undefined;
  try {
    await migrateAll(runtime, config);
    // The workers own the queue's policy: this worker's settings apply to every later job.
    const changed = await runtime.queue.applyPolicy();
    if (Object.keys(changed).length > 0) logger.info({ changed }, 'queue policy changed');
    await runtime.queue.work(runtime.ctx);
    webhooks = await startWebhooks(runtime.queue.boss, {
      config,
      databaseUrl: runtime.databaseUrl,
      applicationName: runtime.applicationName,
      secrets: runtime.db.secrets,
      logger,
    });
    // Fills each cluster's warm pool (or drains it, at size 0, and drops a stale one).
    for (const cluster of runtime.ctx.db.clusters.allClusters()) await runtime.queue.requestPoolRefill(cluster.name);
    http = await startHttpServer(runtime.ctx, { port: config.httpPort, host: config.httpHost, queue: runtime.queue });
  } catch (error) {
    // A failed start leaves nothing running: no queue workers, no pools, no server.
    await runtime.queue.stop(1000).catch(() => undefined);
    await webhooks?.stop().catch(() => undefined);
    await runtime.close();
    throw error;
  }
  logger.info(
    {
      http: `${config.httpHost}:${http.port}`,
      embedded: runtime.embedded !== undefined,
      concurrency: config.concurrency,
    },
    'worker started',
  );
  const purge = setInterval(() => {
    void runtime.ctx.journal.results.purgeExpired().catch(() => undefined);
    void pruneEvents(runtime.ctx.db.client.sql).catch(() => undefined);
  }, PURGE_INTERVAL_MS);
  purge.unref();
  return {
    runtime,
    http,
    async stop(timeoutMs = 30_000) {
      clearInterval(purge);
      await runtime.queue.stop(timeoutMs);
      await webhooks?.stop();
      await http.close();
      await runtime.close();
    },
  };
}
