import type { AddressInfo } from 'node:net';
import { openApiKeyCache } from '@org/api-keys';
import { OperationsClient } from '@org/operations';
import type { ControlPlaneConnection } from '@org/worker';
import type { Logger } from 'pino';
import { AdminTokenStore } from '../auth/admin-token-store.js';
import type { ApiConfig } from '../config/api-config.js';
import { createApiMetrics } from '../http/api-metrics.js';
import { RateLimiter } from '../http/rate-limiter.js';
import { IdempotencyStore } from '../idempotency/idempotency-store.js';
import { migrateApi } from '../migrate-api.js';
import type { ApiApp } from '../server/api-app.js';
import { createApiServer } from '../server/create-api-server.js';

/** Expired idempotency keys are deleted this often. */
const PURGE_INTERVAL_MS = 10 * 60_000;

/** The HTTP API, listening. */
export interface RunningApi {
  app: ApiApp;
  /** `http://host:port`. */
  url: string;
  port: number;
  tokens: AdminTokenStore;
  /** Stops listening (answering what is in flight) and stops listening for revocations. */
  close(): Promise<void>;
}

/**
 * Migrates the API's tables and serves the API on `config.host:config.port`, over the
 * control plane's pool (its own in an API process, the worker's in a process that runs
 * both) and an `OperationsClient` of its own: it records operations and sends their jobs,
 * and runs none.
 */
export async function startApi(
  config: ApiConfig,
  controlPlane: Pick<ControlPlaneConnection, 'databaseUrl' | 'db' | 'applicationName'>,
  logger: Logger,
): Promise<RunningApi> {
  const { db } = controlPlane;
  const sql = db.client.sql;
  await migrateApi(sql);
  const operations = new OperationsClient({
    databaseUrl: controlPlane.databaseUrl,
    secrets: db.secrets,
    applicationName: `${controlPlane.applicationName}-operations`,
  });
  await operations.start();
  const tokens = new AdminTokenStore(sql);
  const stopListening = await tokens.listen();
  const keyCache = await openApiKeyCache(db);
  const idempotency = new IdempotencyStore(sql, db.secrets, config.idempotencyTtlHours);
  const app = await createApiServer({
    db,
    operations,
    tokens,
    keyCache,
    idempotency,
    limiter: new RateLimiter(config.rateLimitPerMinute),
    addressLimiter: new RateLimiter(config.rateLimitPerAddressPerMinute),
    logger: logger.child({ component: 'api' }),
    metrics: createApiMetrics(keyCache),
    bodyLimitBytes: config.bodyLimitBytes,
    requestTimeoutMs: config.requestTimeoutMs,
    deletionRetentionSeconds: config.worker.deletionRetentionSeconds,
  });
  // Fastify's own "Server listening at" says what the caller's "api started" line says, with
  // the URL as a field: one line per event.
  const level = app.log.level;
  app.log.level = 'warn';
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await stopListening();
    await keyCache.close();
    await app.close();
    await operations.close();
    // Told apart from the worker's port, so the CLI names API_PORT.
    throw Object.assign(error as Error, { apiPort: true });
  } finally {
    app.log.level = level;
  }
  const purge = setInterval(() => void idempotency.purgeExpired().catch(() => undefined), PURGE_INTERVAL_MS);
  purge.unref();
  const port = (app.server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    app,
    url: `http://${host}:${port}`,
    port,
    tokens,
    async close() {
      clearInterval(purge);
      await app.close();
      await stopListening();
      await keyCache.close();
      await operations.close();
    },
  };
}
