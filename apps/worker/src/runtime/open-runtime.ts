import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { migrate as migrateApiKeys } from '@org/api-keys';
import {
  createDbContext,
  loadSecretKey,
  startEmbeddedPostgres,
  type DbContext,
  type EmbeddedPostgresServer,
} from '@org/db';
import { createServiceAdapters, migrate as migrateServices, type ServicesContext } from '@org/services';
import postgres from 'postgres';
import type { Logger } from 'pino';
import type { WorkerConfig } from '../config/worker-config.js';
import { createWorkerMetrics, type WorkerMetrics } from '../observability/worker-metrics.js';
import type { WorkerContext } from '../provisioning/worker-context.js';
import { ProvisioningQueue } from '../queue/provisioning-queue.js';
import { migrateJournal, ProvisioningJournal } from '../journal/index.js';

/** A connected worker: contexts, the queue, and what must be closed. */
export interface Runtime {
  databaseUrl: string;
  embedded: EmbeddedPostgresServer | undefined;
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
  metrics?: WorkerMetrics;
  /** Named points of every run, for tests that inject faults; never set by the shipped CLI. */
  onCheckpoint?: WorkerContext['onCheckpoint'];
}

/** Connects to (or starts) the control-plane PostgreSQL and builds the worker's contexts. */
export async function openRuntime(config: WorkerConfig, options: OpenRuntimeOptions): Promise<Runtime> {
  const dataDir = resolve(config.dataDir);
  let embedded: EmbeddedPostgresServer | undefined;
  let databaseUrl = config.databaseUrl;
  if (databaseUrl === undefined) {
    const pgDir = join(dataDir, 'postgres');
    if (options.startEmbedded) {
      options.logger.info({ dataDir: pgDir, port: config.embeddedPort }, 'starting embedded PostgreSQL');
      embedded = await startEmbeddedPostgres({ dataDir: pgDir, port: config.embeddedPort });
      databaseUrl = embedded.url;
    } else {
      databaseUrl = await runningEmbeddedUrl(pgDir, config.embeddedPort);
    }
  }
  const secretKey = loadSecretKey({
    key: config.secretKey,
    devKeyFile: config.secretKey ? undefined : join(dataDir, 'secret.key'),
  });
  const db: DbContext = createDbContext({
    databaseUrl,
    secretKey,
    poolSize: config.poolSize,
    ...(config.clusters === undefined ? {} : { clusters: config.clusters }),
  });
  const services: ServicesContext = { db, adapters: createServiceAdapters(config.services) };
  // Each running job holds one journal connection (its lock); two more serve the
  // dead-letter consumer and a deprovisioning. Steps use the other pool, so runs never
  // wait for connections that other runs hold.
  const journal = new ProvisioningJournal({
    databaseUrl,
    secrets: db.secrets,
    connections: config.concurrency + 2,
    lockTimeoutMs: config.lockTimeoutMs,
  });
  const ctx: WorkerContext = {
    db,
    services,
    journal,
    logger: options.logger,
    metrics: options.metrics ?? createWorkerMetrics(),
    retryDelayScale: config.stepRetryDelayScale,
    ...(options.onCheckpoint === undefined ? {} : { onCheckpoint: options.onCheckpoint }),
  };
  const queue = new ProvisioningQueue(
    databaseUrl,
    { ...config.queue, concurrency: config.concurrency },
    {
      onError: (error) =>
        options.logger.warn({ error: { name: error.name, message: error.message } }, 'queue error (retrying)'),
    },
  );
  return {
    databaseUrl,
    embedded,
    ctx,
    queue,
    async close() {
      await journal.close();
      await db.close();
      await embedded?.stop();
    },
  };
}

/** Applies every package's migrations, then installs the queue's schema. Safe to run concurrently. */
export async function migrateAll(runtime: Runtime): Promise<void> {
  const { sql } = runtime.ctx.db.client;
  await migrateServices(sql); // runs @org/db's first
  await migrateApiKeys(sql);
  await migrateJournal(sql);
  await runtime.queue.start();
}

async function runningEmbeddedUrl(pgDir: string, port: number): Promise<string> {
  const passwordFile = join(pgDir, 'embedded-superuser-password');
  if (!existsSync(passwordFile)) {
    throw new Error(
      `No worker has run here yet (${pgDir} is empty): start one with \`npm start\`, or set DATABASE_URL.`,
    );
  }
  const url = `postgres://postgres:${encodeURIComponent(readFileSync(passwordFile, 'utf8').trim())}@127.0.0.1:${port}/postgres`;
  const probe = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await probe`select 1`;
  } catch {
    throw new Error(
      `The embedded PostgreSQL is not running on port ${port}: start the worker with \`npm start\` first, or set DATABASE_URL.`,
    );
  } finally {
    await probe.end({ timeout: 1 });
  }
  return url;
}
