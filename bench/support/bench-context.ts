import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { createDbContext, createProject, type DbContext, type Project } from '@org/db';
import { createRecordOnlyAdapter } from '@org/services';
import {
  createLogger,
  createWorkerMetrics,
  migrateControlPlane,
  PROVISIONING_STEPS,
  ProvisioningJournal,
  type WorkerContext,
} from '@org/worker';
import { BENCH_SECRET_KEY } from './bench-secret-key.js';

/** A worker context for benchmarks: record-only services, logs discarded. */
export async function benchWorkerContext(
  url: string,
  poolSize = 12,
): Promise<WorkerContext & { db: DbContext; secretKey: string }> {
  const secretKey = BENCH_SECRET_KEY;
  const db = createDbContext({
    databaseUrl: url,
    secretKey: Buffer.from(secretKey, 'base64'),
    poolSize,
    applicationName: 'bench',
  });
  await migrateControlPlane(db.client.sql);
  const record = createRecordOnlyAdapter();
  const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  return {
    db,
    secretKey,
    services: { db, adapters: { auth: record, realtime: record, storage: record } },
    logger: createLogger({ level: 'warn', destination: sink }),
    journal: new ProvisioningJournal({ databaseUrl: url, secrets: db.secrets, connections: 8, lockTimeoutMs: 30_000 }),
    metrics: createWorkerMetrics(PROVISIONING_STEPS),
    retryDelayScale: 1,
  };
}

/** `count` fresh project rows (made before timing starts: a project exists before it is provisioned). */
export async function benchProjects(db: DbContext, count: number): Promise<Project[]> {
  const projects: Project[] = [];
  for (let i = 0; i < count; i++) {
    projects.push(
      await createProject(
        { id: randomUUID(), name: `bench ${i}`, region: 'us-east-1', ownerId: 'bench', organizationId: 'bench' },
        db,
      ),
    );
  }
  return projects;
}

export function benchPayload(project: Project) {
  return {
    project_id: project.id,
    region: 'us-east-1' as const,
    services: { auth: true, realtime: true, storage: true },
    api_keys: { count: 2, prefix: 'bench' },
    owner_id: 'bench',
    organization_id: 'bench',
  };
}
