import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { serializeError, TenantClusterError } from '@org/errors';
import {
  convertTenantDatabases,
  createDbContext,
  EmbeddedPostgresError,
  ensureTenantTemplate,
  findRunningEmbeddedPostgres,
  hardenTenantCluster,
  loadSecretKey,
  readTenantPool,
  startEmbeddedPostgres,
  type DbContext,
  type EmbeddedPostgresServer,
  type SessionLimits,
} from '@org/db';
import { createServiceAdapters, type ServicesContext } from '@org/services';
import postgres from 'postgres';
import type { Logger } from 'pino';
import type { WorkerConfig } from '../config/worker-config.js';
import { registerQueueGauges } from '../observability/queue-gauges.js';
import { readConnections } from '../observability/read-connections.js';
import { createWorkerMetrics, type WorkerMetrics } from '../observability/worker-metrics.js';
import { PROVISIONING_STEPS } from '../provisioning/provisioning-steps.js';
import type { WorkerContext } from '../provisioning/worker-context.js';
import { ProvisioningQueue } from '../queue/provisioning-queue.js';
import { ProvisioningJournal } from '../journal/index.js';
import { migrateControlPlane } from '@org/operations';
import { migrateWebhooks } from '@org/webhooks';

/** A connected worker: contexts, the queue, and what must be closed. */
export interface Runtime extends ControlPlaneConnection {
  ctx: WorkerContext;
  queue: ProvisioningQueue;
  close(): Promise<void>;
}

export interface OpenRuntimeOptions {
  logger: Logger;
  /**
   * Start the embedded PostgreSQL when `DATABASE_URL` is not set (the worker does). The
   * other commands connect to the one a running worker started, and refuse to start one.
   */
  startEmbedded: boolean;
  /** The metrics to count in; `false` for none (a process that runs no jobs, such as the HTTP API). */
  metrics?: WorkerMetrics | false;
  /** Run the queue's maintenance here (default true); a process that only sends jobs leaves it to the workers. */
  superviseQueue?: boolean;
  /** Named points of every run, for tests that inject faults; never set by the shipped CLI. */
  onCheckpoint?: WorkerContext['onCheckpoint'];
}

/** The control-plane database as one process reaches it: its URL, the embedded server this process started, and its pool. */
export interface ControlPlaneConnection {
  databaseUrl: string;
  /** The embedded server this call started (stopped with it), or undefined. */
  embedded: EmbeddedPostgresServer | undefined;
  db: DbContext;
  /** The name every connection of this process carries (pools add a suffix). */
  applicationName: string;
}

/**
 * Connects to the control-plane PostgreSQL (or starts the embedded one, see
 * {@link OpenRuntimeOptions.startEmbedded}) with the secret key, as every process of the
 * control plane does: a worker, the HTTP API, a one-shot command.
 */
export async function openControlPlane(
  config: WorkerConfig,
  options: Pick<OpenRuntimeOptions, 'logger' | 'startEmbedded'> & { name?: string; limits?: SessionLimits },
): Promise<ControlPlaneConnection> {
  const dataDir = resolve(config.dataDir);
  let embedded: EmbeddedPostgresServer | undefined;
  let databaseUrl = config.databaseUrl;
  if (databaseUrl === undefined) {
    const pgDir = join(dataDir, 'postgres');
    if (options.startEmbedded) {
      options.logger.info({ dataDir: pgDir, port: config.embeddedPort }, 'starting embedded PostgreSQL');
      embedded = await startEmbeddedPostgres({ dataDir: pgDir, port: config.embeddedPort });
      options.logger.info({ pgdata: embedded.pgdata, serverPid: embedded.pid }, 'embedded PostgreSQL started');
      databaseUrl = embedded.url;
    } else {
      databaseUrl = await runningEmbeddedUrl(pgDir);
    }
  }
  try {
    const secretKey = loadSecretKey({
      key: config.secretKey,
      devKeyFile: config.secretKey ? undefined : join(dataDir, 'secret.key'),
    });
    // Every connection of this process carries its name (pools add a suffix), which is how
    // /metrics tells this process's connections from other workers'.
    const applicationName = `${options.name ?? 'provisioning-worker'}-${randomBytes(4).toString('hex')}`;
    const db: DbContext = createDbContext({
      databaseUrl,
      secretKey,
      applicationName,
      poolSize: config.poolSize,
      ...(config.clusters === undefined ? {} : { clusters: config.clusters }),
      ...(options.limits === undefined ? {} : { limits: options.limits }),
    });
    return { databaseUrl, embedded, db, applicationName };
  } catch (error) {
    // Nothing outlives a failed start: the server this call started stops with it.
    await embedded?.stop();
    throw error;
  }
}

/** Connects to (or starts) the control-plane PostgreSQL and builds the worker's contexts. */
export async function openRuntime(config: WorkerConfig, options: OpenRuntimeOptions): Promise<Runtime> {
  const { databaseUrl, embedded, db, applicationName } = await openControlPlane(config, options);
  const services: ServicesContext = { db, adapters: createServiceAdapters(config.services) };
  // Each running job holds one journal connection (its lock); two more serve the
  // dead-letter consumers. Steps use the other pool, so runs never
  // wait for connections that other runs hold.
  const journal = new ProvisioningJournal({
    databaseUrl,
    secrets: db.secrets,
    connections: config.concurrency + 2,
    lockTimeoutMs: config.lockTimeoutMs,
    leaseSeconds: config.leaseSeconds,
    applicationName: `${applicationName}-journal`,
  });
  const queue = new ProvisioningQueue(
    databaseUrl,
    { ...config.queue, concurrency: config.concurrency },
    {
      applicationName: `${applicationName}-queue`,
      supervise: options.superviseQueue ?? true,
      onError: (error) =>
        options.logger.warn({ error: { name: error.name, message: error.message } }, 'queue error (retrying)'),
    },
  );
  const ctx: WorkerContext = {
    db,
    services,
    journal,
    logger: options.logger,
    ...(options.metrics === false ? {} : { metrics: options.metrics ?? createWorkerMetrics(PROVISIONING_STEPS) }),
    retryDelayScale: config.stepRetryDelayScale,
    pool: {
      size: config.tenantPoolSize,
      requestRefill: (cluster) =>
        void queue
          .requestPoolRefill(cluster)
          .catch((error: unknown) =>
            options.logger.warn({ cluster, error: (error as Error).message }, 'tenant pool refill not requested'),
          ),
    },
    ...(options.onCheckpoint === undefined ? {} : { onCheckpoint: options.onCheckpoint }),
  };
  if (ctx.metrics) {
    registerQueueGauges(ctx.metrics, {
      depth: () => queue.depth(),
      connections: () => readConnections(db.client.sql, applicationName),
      pool: () => readTenantPool(db),
    });
  }
  return {
    databaseUrl,
    embedded,
    db,
    applicationName,
    ctx,
    queue,
    async close() {
      await journal.close();
      await db.close();
      await embedded?.stop();
    },
  };
}

/**
 * Applies every package's migrations, installs the queue's schema, and readies each tenant
 * cluster: the platform's role there (`prepareTenantCluster`), hardening, the tenant
 * databases made before the platform owned them brought to the boundary
 * (`convertTenantDatabases`), and the template of the current tenant schema. A cluster that
 * cannot be reached now gets its role and template on its first provisioning and is
 * converted at the next start. Safe to run concurrently.
 */
export async function migrateAll(runtime: Runtime, config: WorkerConfig): Promise<void> {
  const { db, logger } = runtime.ctx;
  await migrateControlPlane(db.client.sql);
  await migrateWebhooks(db.client.sql);
  await runtime.queue.start();
  for (const cluster of db.clusters.allClusters()) {
    const log = logger.child({ cluster: cluster.name });
    try {
      if (config.hardenTenantClusters) await hardenTenantCluster(cluster.name, db);
      const conversion = await convertTenantDatabases(cluster.name, db);
      if (conversion.converted.length > 0 || conversion.retired > 0) {
        log.info(
          { converted: conversion.converted.length, retired: conversion.retired },
          'tenant databases brought to the platform’s ownership',
        );
      }
      for (const failure of conversion.failed) {
        log.warn(
          { databaseName: failure.databaseName, error: serializeError(failure.error) },
          'tenant database not converted',
        );
      }
      await ensureTenantTemplate(cluster.name, db);
    } catch (error) {
      // A cluster that cannot host tenants (too old, or its user lacks a privilege) says so
      // and stops the start: provisioning there would fail anyway.
      if (TenantClusterError.is(error)) throw error;
      log.warn({ error: serializeError(error) }, 'tenant cluster not readied (retried at its first provisioning)');
    }
  }
}

/**
 * The URL of the embedded server a running worker started on `pgDir`, from what it
 * recorded there (its port, whatever EMBEDDED_PG_PORT this process has), checked to answer.
 */
async function runningEmbeddedUrl(pgDir: string): Promise<string> {
  const { url, port } = findRunningEmbeddedPostgres(pgDir);
  const probe = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await probe`select 1`;
  } catch (error) {
    throw new EmbeddedPostgresError(
      'NOT_RUNNING',
      `The embedded PostgreSQL recorded for ${pgDir} (port ${port}) does not answer (${(error as { code?: string }).code ?? 'no answer'})`,
      { port, cause: error },
    );
  } finally {
    await probe.end({ timeout: 1 });
  }
  return url;
}
