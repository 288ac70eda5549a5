import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDbContext, createProject, tenantDatabaseName, type DbContext, type Project } from '@org/db';
import {
  canPartition,
  createNetworkNamespace,
  startPostgresBeside,
  waitFor,
  type NetworkNamespace,
  type PostgresBeside,
} from '@org/db/testing';
import { migrateControlPlane } from '@org/operations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProvisioningQueue } from '../src/queue/provisioning-queue.js';
import { spawnWorker, type SpawnedWorker } from '../test/support/spawn-worker.js';

// Partitions (issue 33): a worker cut off in the middle of each provisioning step. Worker A
// runs in a network namespace of this test's own and reaches PostgreSQL over its link
// only; it pauses at a point inside the step, the link is cut (packets vanish, no reset),
// and worker B, started on this side, must finish the project. The queue keeps its
// defaults (a 30 s heartbeat, supervised every 30 s) but for a 5 s retry delay, so the time
// measured is the lease's and the heartbeat's. After the heal, A must have written nothing
// more and must rejoin: it provisions the next project by itself.
const POINTS = [
  'database:created',
  'schema:before',
  'services:registered:auth',
  'api_keys:generated',
  'finalize:before',
];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1'];
const QUEUE_DEFAULTS = {
  JOB_RETRY_DELAY_SECONDS: '5',
  JOB_HEARTBEAT_SECONDS: '30',
  JOB_SUPERVISE_INTERVAL_SECONDS: '30',
  QUEUE_POLL_INTERVAL_SECONDS: '5',
  STEP_RETRY_DELAY_SCALE: '1',
  TENANT_POOL_SIZE: '0',
  // Record-only services: A, in its namespace, reaches nothing but PostgreSQL.
  SERVICES_CONFIG: '{}',
};

let namespace: NetworkNamespace;
let server: PostgresBeside;
let db: DbContext;
let queue: ProvisioningQueue;
let secretKey: string;
const workers = new Set<SpawnedWorker>();
const figures: string[] = [];

function startWorker(side: 'cut-off' | 'here', faults: Record<string, string> = {}): SpawnedWorker {
  const url = side === 'here' ? server.url : server.linkUrl;
  const worker = spawnWorker({
    databaseUrl: url,
    secretKey,
    authAdminUrl: 'http://127.0.0.1:9',
    faults,
    env: {
      ...QUEUE_DEFAULTS,
      // Every region on the one server, under the same cluster name on both sides.
      TENANT_CLUSTERS: JSON.stringify(
        Object.fromEntries(REGIONS.map((region) => [region, [{ name: `main-${region}`, url }]])),
      ),
    },
    ...(side === 'cut-off' ? { namespace: namespace.name } : {}),
  });
  workers.add(worker);
  void worker.exited.then(() => workers.delete(worker));
  return worker;
}

async function stop(worker: SpawnedWorker): Promise<void> {
  worker.child.kill('SIGTERM');
  const code = await Promise.race([worker.exited, sleep(60_000).then(() => 'still running' as const)]);
  if (code === 'still running') worker.child.kill('SIGKILL');
  expect(code, worker.output().split('\n').slice(-30).join('\n')).toBe(0);
}

async function provisioningStatus(projectId: string): Promise<string | undefined> {
  const [row] = await db.client.sql<{ status: string }[]>`
    select provisioning_status as status from control_plane.projects where id = ${projectId}`;
  return row?.status;
}

async function newProject(name: string): Promise<Project> {
  const project = await createProject({ name, region: 'us-east-1', ownerId: 'partition', organizationId: 'org' }, db);
  await queue.send(
    {
      project_id: project.id,
      region: 'us-east-1',
      services: { auth: true, realtime: true, storage: true },
      api_keys: { count: 2, prefix: 'part' },
      owner_id: 'partition',
      organization_id: 'org',
    },
    'partition',
  );
  return project;
}

/** The journal's rows of a project, to tell whether anything was written after a point. */
async function journalOf(projectId: string): Promise<unknown> {
  const { sql } = db.client;
  return {
    project: await sql`
      select provisioning_status, provisioning_step, provisioning_error, updated_at from control_plane.projects
      where id = ${projectId}`,
    steps: await sql`
      select step, status, attempts, completed_at from control_plane.provisioning_steps where project_id = ${projectId}
      order by step`,
    attempts: await sql`
      select attempt, status, error->>'code' as code, finished_at from control_plane.provisioning_attempts
      where project_id = ${projectId} order by started_at`,
    operations: await sql`
      select status, attempts, finished_at from control_plane.operations where project_id = ${projectId}`,
  };
}

describe.skipIf(!canPartition())('a worker cut off in the middle of a step', () => {
  beforeAll(async () => {
    namespace = createNetworkNamespace();
    server = await startPostgresBeside(namespace);
    secretKey = randomBytes(32).toString('base64');
    db = createDbContext({ databaseUrl: server.url, secretKey: Buffer.from(secretKey, 'base64'), poolSize: 4 });
    await migrateControlPlane(db.client.sql);
    // Sends only: the workers supervise the queue, as they do in production.
    queue = new ProvisioningQueue(server.url, { retryDelaySeconds: 5 }, { supervise: false, poolSize: 2 });
    await queue.start();
    await queue.applyPolicy();
  });
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await Promise.all([...workers].map((worker) => worker.exited));
    namespace?.heal();
    await queue?.stop();
    await db?.close();
    await server?.stop();
    namespace?.remove();
    console.log(figures.join('\n'));
  });

  it.each(POINTS)(
    'at %s: another worker finishes it, the cut-off one writes nothing more and rejoins',
    async (point) => {
      const a = startWorker('cut-off', { [point]: 'pause' });
      await a.ready(60_000);
      const project = await newProject(`cut at ${point}`);
      await waitFor(() => Promise.resolve(a.output()), {
        until: (text) => text.includes(`paused at ${point}`),
        what: `worker A paused at ${point}`,
        timeoutMs: 60_000,
      });

      namespace.cut();
      const cutAt = Date.now();
      const b = startWorker('here');
      try {
        await waitFor(() => provisioningStatus(project.id), {
          until: (status) => status === 'provisioned' || status === 'failed',
          what: 'the project provisioned by worker B',
          timeoutMs: 150_000,
          intervalMs: 250,
        });
      } catch (error) {
        console.error(`B:\n${b.output().split('\n').slice(-30).join('\n')}`);
        throw error;
      }
      const seconds = (Date.now() - cutAt) / 1000;
      expect(await provisioningStatus(project.id)).toBe('provisioned');
      const settled = await journalOf(project.id);
      // Two attempts, A's (closed as lost by B's run) and B's: the cut used one attempt, as a crash does.
      expect(settled).toMatchObject({
        attempts: [
          { attempt: 1, status: 'failed', code: 'WORKER_LOST' },
          { attempt: 2, status: 'succeeded' },
        ],
        operations: [{ status: 'succeeded', attempts: 2 }],
      });
      figures.push(
        `partition: worker cut off at ${point}: provisioned by another worker ${seconds.toFixed(1)} s after the cut`,
      );
      expect(seconds).toBeLessThan(90);

      // The heal: A has given the project up (during the cut, or when it hears of the loss), writing nothing.
      namespace.heal();
      const gaveUp = await waitFor(() => Promise.resolve(a.output()), {
        until: (text) => text.includes('run lost its project'),
        what: 'worker A giving the project up',
        timeoutMs: 180_000,
      }).catch((error: unknown) => {
        console.error(`A:\n${a.output()}`);
        throw error;
      });
      const line = gaveUp.split('\n').find((entry) => entry.includes('run lost its project'))!;
      const gaveUpAt = (JSON.parse(line) as { time: number }).time;
      figures.push(`partition:   A gave the project up ${((gaveUpAt - cutAt) / 1000).toFixed(1)} s after the cut`);
      await sleep(1000);
      expect(await journalOf(project.id)).toEqual(settled);
      const [databases] = await db.client.sql<{ n: number }[]>`
      select count(*)::int as n from pg_database where datname = ${tenantDatabaseName(project.id)}`;
      expect(databases).toEqual({ n: 1 });

      // A rejoins: with B gone, it provisions the next project.
      await stop(b);
      const next = await newProject(`after the heal at ${point}`);
      const nextAt = Date.now();
      await waitFor(() => provisioningStatus(next.id), {
        until: (status) => status === 'provisioned',
        what: 'worker A provisioning the next project',
        timeoutMs: 120_000,
        intervalMs: 250,
      });
      figures.push(
        `partition:   A provisioned the next project ${((Date.now() - nextAt) / 1000).toFixed(1)} s after it was sent`,
      );
      await stop(a);

      // No tenant database without its project, none twice; no operation left open.
      const strays = await db.client.sql`
      select datname from pg_database where datname like 'tenant\\_%'
      and datname not in (select 'tenant_' || replace(id::text, '-', '_') from control_plane.projects)`;
      expect(strays).toEqual([]);
      const open = await db.client.sql`select id from control_plane.operations where status in ('queued', 'running')`;
      expect(open).toEqual([]);
    },
  );
});
