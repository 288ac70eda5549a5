import { Writable } from 'node:stream';
import { createDbContext, getProject, type DbContext } from '@org/db';
import { createTestProject, testDatabaseUrl, testSecretKey, waitFor } from '@org/db/testing';
import { createRecordOnlyAdapter } from '@org/services';
import { startFakeServiceApi, type FakeServiceApi } from '@org/services/testing';
import { createHttpAdminAdapter } from '@org/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProvisioningJournal } from '../src/journal/index.js';
import { createLogger } from '../src/observability/create-logger.js';
import { provisionProject } from '../src/provisioning/provision-project.js';
import type { WorkerContext } from '../src/provisioning/worker-context.js';
import { payloadFor, startTestQueue } from './support/test-worker.js';
import { useTestWorker } from './support/use-test-worker.js';

// No queue of the worker's: the tests start queues of their own, with their own settings.
const worker = useTestWorker({ queue: false });

function contextWith(db: DbContext, journal: ProvisioningJournal, adapters: WorkerContext['services']['adapters']) {
  const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  return {
    db,
    services: { db, adapters },
    journal,
    logger: createLogger({ level: 'silent', destination: sink }),
    retryDelayScale: 0.001,
  } satisfies WorkerContext;
}

describe('runs and connections', () => {
  it('8 jobs at concurrency 4 on a control-plane pool of 4 all finish: locks have connections of their own', async () => {
    const db = createDbContext({ databaseUrl: testDatabaseUrl(), secretKey: testSecretKey(), poolSize: 4 });
    const journal = new ProvisioningJournal({
      databaseUrl: testDatabaseUrl(),
      secrets: db.secrets,
      connections: 6,
      lockTimeoutMs: 30_000,
    });
    const record = createRecordOnlyAdapter();
    const queue = await startTestQueue({ concurrency: 4 });
    try {
      await queue.work(contextWith(db, journal, { auth: record, realtime: record, storage: record }));
      const projects = await Promise.all(Array.from({ length: 8 }, () => createTestProject(db)));
      for (const project of projects) await queue.send(payloadFor(project), 'test');
      const statuses = await waitFor(
        () => Promise.all(projects.map(async (p) => (await getProject(p.id, db))?.provisioningStatus)),
        {
          until: (seen) => seen.every((status) => status === 'provisioned'),
          what: 'all 8 projects provisioned',
          timeoutMs: 90_000,
          intervalMs: 200,
        },
      );
      expect(statuses).toEqual(Array(8).fill('provisioned'));
    } finally {
      await queue.stop(10_000);
      await journal.close();
      await db.close();
    }
  });
});

describe('retries in one layer', () => {
  let api: FakeServiceApi;
  beforeAll(async () => {
    api = await startFakeServiceApi('auth');
  });
  afterAll(() => api.close());

  it('a service that keeps failing sees the services preset’s 2 calls per job attempt, not 4', async () => {
    api.always('POST /projects', { status: 503 });
    const record = createRecordOnlyAdapter();
    const ctx = contextWith(worker.db, worker.ctx.journal, {
      auth: createHttpAdminAdapter({ adminUrl: api.url, timeoutMs: 2000 }),
      realtime: record,
      storage: record,
    });
    const project = await createTestProject(worker.db);
    const outcome = await provisionProject(payloadFor(project), ctx, { finalAttempt: false });
    expect(outcome.result).toMatchObject({ success: false, error: { step: 'services', retryable: true } });
    const calls = api.requests.filter(
      (r) => (r.body as { project_id?: string } | undefined)?.project_id === project.id,
    );
    expect(calls).toHaveLength(2);
  });
});
