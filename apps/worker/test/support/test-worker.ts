import { Writable } from 'node:stream';
import { createDbContext, getProject, type DbContext, type Project } from '@org/db';
import { createTestProject, testDatabaseUrl, testSecretKey, waitFor } from '@org/db/testing';
import { createHttpAdminAdapter, createRecordOnlyAdapter } from '@org/services';
import { startFakeServiceApi, type FakeServiceApi } from '@org/services/testing';
import { ProvisioningJournal } from '../../src/journal/index.js';
import { migrateControlPlane } from '@org/operations';
import { createLogger } from '../../src/observability/create-logger.js';
import { createWorkerMetrics } from '../../src/observability/worker-metrics.js';
import { PROVISIONING_STEPS } from '../../src/provisioning/provisioning-steps.js';
import type { WorkerContext } from '../../src/provisioning/worker-context.js';
import { ProvisioningQueue } from '../../src/queue/provisioning-queue.js';
import type { QueueSettings } from '../../src/queue/queue-settings.js';

/** A worker context on the test database, with every log line captured. */
export interface TestWorker {
  ctx: WorkerContext;
  db: DbContext;
  secretKey: string;
  authApi: FakeServiceApi;
  logLines: string[];
  /** Per-project faults: checkpoint -> 'fail' | 'fail-once' (transient), 'fail-final' (not retryable). */
  faults: Map<string, Map<string, Fault>>;
  close(): Promise<void>;
}

/** What an injected fault does at its checkpoint. */
export type Fault = 'fail' | 'fail-once' | 'fail-final';

/** Queue settings that make a test's retries take about a second, not five minutes. */
const FAST_QUEUE: Partial<QueueSettings> = {
  attempts: 3,
  retryDelaySeconds: 1,
  heartbeatSeconds: 10,
  superviseIntervalSeconds: 1,
  pollingIntervalSeconds: 0.5,
  concurrency: 4,
};

export async function startTestWorker(): Promise<TestWorker> {
  const secretKey = testSecretKey();
  const db = createDbContext({
    databaseUrl: testDatabaseUrl(),
    secretKey: Buffer.from(secretKey, 'base64'),
    poolSize: 12,
    applicationName: 'test-worker',
  });
  await migrateControlPlane(db.client.sql);
  const journal = new ProvisioningJournal({
    databaseUrl: testDatabaseUrl(),
    secrets: db.secrets,
    connections: 8,
    lockTimeoutMs: 5000,
  });
  const authApi = await startFakeServiceApi('auth');
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logLines.push(chunk.toString('utf8'));
      callback();
    },
  });
  const faults = new Map<string, Map<string, Fault>>();
  const ctx: WorkerContext = {
    db,
    services: {
      db,
      adapters: {
        auth: createHttpAdminAdapter({ adminUrl: authApi.url, timeoutMs: 2000 }),
        realtime: createRecordOnlyAdapter(),
        storage: createRecordOnlyAdapter(),
      },
    },
    logger: createLogger({ level: 'debug', destination }),
    metrics: createWorkerMetrics(PROVISIONING_STEPS),
    journal,
    retryDelayScale: 0.001,
    onCheckpoint: (checkpoint, projectId) => {
      const fault = faults.get(projectId)?.get(checkpoint);
      if (fault === undefined) return;
      if (fault === 'fail-once') faults.get(projectId)!.delete(checkpoint);
      if (fault === 'fail-final') throw new TypeError(`injected final fault at ${checkpoint}`);
      throw Object.assign(new Error(`injected fault at ${checkpoint}`), { code: 'ECONNRESET' });
    },
  };
  return {
    ctx,
    db,
    secretKey,
    authApi,
    logLines,
    faults,
    async close() {
      await authApi.close();
      await journal.close();
      await db.close();
    },
  };
}

/** A queue on the test database with fast retries. */
export async function startTestQueue(settings: Partial<QueueSettings> = {}): Promise<ProvisioningQueue> {
  const queue = new ProvisioningQueue(testDatabaseUrl(), { ...FAST_QUEUE, ...settings });
  await queue.start();
  await queue.applyPolicy(); // as a worker does on start
  return queue;
}

export function payloadFor(project: Project, overrides: Record<string, unknown> = {}) {
  return {
    project_id: project.id,
    region: project.region as 'us-east-1',
    services: { auth: true, realtime: true, storage: true },
    api_keys: { count: 2, prefix: 'test' },
    owner_id: 'owner-1',
    organization_id: 'org-1',
    ...overrides,
  };
}

export function newProject(worker: TestWorker, region = 'us-east-1'): Promise<Project> {
  return createTestProject(worker.db, { region });
}

/**
 * Waits until the project is provisioned or failed and the queue is done with its job (or
 * the time is up): a run records its last step after the commit that makes the project
 * provisioned, so the status alone comes a moment before the run's bookkeeping.
 */
export async function waitForProject(
  worker: TestWorker,
  projectId: string,
  statuses: readonly string[] = ['provisioned', 'failed'],
  timeoutMs = 60_000,
): Promise<Project> {
  const { project } = await waitFor(
    async () => {
      const project = await getProject(projectId, worker.db);
      const ended = project !== undefined && statuses.includes(project.provisioningStatus);
      return { project, jobPending: ended ? await jobPending(worker, projectId) : undefined };
    },
    {
      until: (seen) => seen.jobPending === false,
      what: `project ${projectId} ${statuses.join(' or ')}, its job done`,
      timeoutMs,
    },
  );
  return project!;
}

/** Whether a queue job for the project is still waiting or running. */
async function jobPending(worker: TestWorker, projectId: string): Promise<boolean> {
  const [row] = await worker.db.client.sql<{ pending: boolean }[]>`
    select exists (
      select 1 from pgboss.job
      where singleton_key = ${projectId.toLowerCase()} and state in ('created', 'retry', 'active')
    ) as pending`;
  return row!.pending;
}
