import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateApiKeys, getProjectApiKeys } from '@org/api-keys';
import { QuotaExceededError } from '@org/errors';
import {
  createDbContext,
  createProject,
  getProject,
  listTenantSnapshots,
  refillTenantPool,
  tenantDatabaseName,
  tenantSnapshotName,
  startEmbeddedPostgres,
  tenantTemplateName,
  type DbContext,
  type EmbeddedPostgresServer,
  type Project,
} from '@org/db';
import { createHttpAdminAdapter, createRecordOnlyAdapter } from '@org/services';
import { startFakeServiceApi, type FakeServiceApi } from '@org/services/testing';
import fc from 'fast-check';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProvisioningJournal } from '../src/journal/index.js';
import { migrateControlPlane, type OperationRequest } from '@org/operations';
import { createLogger } from '../src/observability/create-logger.js';
import { LIFECYCLE } from '../src/operations/lifecycle-steps.js';
import { provisionProjectHandler } from '../src/provisioning/provision-project.js';
import { PROVISIONING } from '../src/provisioning/provisioning-steps.js';
import { provisioningPayloadSchema } from '@org/operations';
import type { WorkerContext } from '../src/provisioning/worker-context.js';
import { ProvisioningQueue } from '../src/queue/provisioning-queue.js';
import { NOTHING_LEFT, projectState } from '../test/support/project-state.js';
import { spawnWorker, type SpawnedWorker } from '../test/support/spawn-worker.js';
import { payloadFor } from '../test/support/test-worker.js';
import { hostilePayloadArbitrary, validPayloadArbitrary } from './support/hostile-payloads.js';
import { seededRandom } from './support/prng.js';

const seed = Number(process.env['CHAOS_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const random = seededRandom(seed);
const randomKillRounds = Number(process.env['CHAOS_RANDOM_KILLS'] ?? 40);
const hostileRuns = Number(process.env['CHAOS_PAYLOADS'] ?? 10_000);

// Kill points from the step table: after the run began, at every step transition, at the
// named points inside steps that do several things (a warm-pool claim among them), and
// after the run settled; and inside a warm-pool refill.
const POOL_REFILL_CHECKPOINTS = ['pool:building', 'pool:created'];
const CHECKPOINTS = [
  'run:begun',
  ...PROVISIONING.steps.flatMap((step) => [
    `${step.name}:before`,
    ...(step.checkpoints ?? []).map((point) => `${step.name}:${point}`),
    `${step.name}:after`,
  ]),
  'run:settled',
  ...POOL_REFILL_CHECKPOINTS,
];

// Kill points inside the operations on a project and its database, from their step tables:
// each step's transitions and named points (a copy's among them), prefixed with the kind,
// and after the run settled. A branch is a provisioning whose database step copies: that
// step's points, but for the claim of a pooled database, which a branch never makes.
const stepCheckpoints = (steps: readonly { name: string; checkpoints?: readonly string[] }[]) =>
  steps.flatMap((step) => [
    `${step.name}:before`,
    ...(step.checkpoints ?? []).map((point) => `${step.name}:${point}`),
    `${step.name}:after`,
  ]);
const OPERATION_CHECKPOINTS = Object.fromEntries(
  (['delete', 'recover', 'purge', 'snapshot', 'restore'] as const).map((kind) => [
    kind,
    [...stepCheckpoints(LIFECYCLE[kind].table.steps).map((point) => `${kind}:${point}`), `${kind}:settled`],
  ]),
) as Record<'delete' | 'recover' | 'purge' | 'snapshot' | 'restore', string[]>;
const BRANCH_KILL_CHECKPOINTS = stepCheckpoints(PROVISIONING.steps.filter((step) => step.name === 'database')).filter(
  (point) => point !== 'database:claimed',
);

/** Kill points no victim reached within 15 s (it was killed anyway): printed with the summary. */
const unreached: string[] = [];
const summary = {
  killPoints: 0,
  checkpointKills: 0,
  randomKills: 0,
  restarts: 0,
  races: 0,
  payloads: 0,
  isolationProbes: 0,
  leftOver: 0,
};
const logs: string[] = [];
const secrets: string[] = [];
const provisioned: Project[] = [];

let dataDir: string;
let server: EmbeddedPostgresServer;
let db: DbContext;
let secretKey: string;
let authApi: FakeServiceApi;
let queue: ProvisioningQueue;
let ctx: WorkerContext;

// Every worker keeps a warm pool, so kills land inside claims and refills too.
const POOL_SIZE = 2;

// Workers killed by SIGKILL leave a job 'active' until its heartbeat expires; with the
// spec's 3 attempts a job picked up by three victims in a row would rightly end failed.
// Here every project must end provisioned, so jobs get more attempts.
const CHAOS_ENV = { JOB_ATTEMPTS: '10', TENANT_POOL_SIZE: String(POOL_SIZE) };

/** The workers still running: a test that failed before stopping its own leaves it here. */
const running = new Set<SpawnedWorker>();

function worker(faults: Record<string, string> = {}, env: Record<string, string> = {}): SpawnedWorker {
  const spawned = spawnWorker({
    databaseUrl: server.url,
    secretKey,
    authAdminUrl: authApi.url,
    faults,
    env: { ...CHAOS_ENV, ...env },
  });
  running.add(spawned);
  void spawned.exited.then(() => {
    running.delete(spawned);
    logs.push(spawned.output());
  });
  return spawned;
}

/** The tenant's connection string of each project whose result the suite claimed. */
const logins = new Map<string, string>();

async function onTenant<T extends object[] = Record<string, unknown>[]>(
  projectId: string,
  statement: string,
): Promise<T> {
  const sql = postgres(logins.get(projectId)!, { max: 1, onnotice: () => {} });
  try {
    return (await sql.unsafe(statement).simple()) as unknown as T;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** Whether the project's tenant can log in to its database with the password it was given. */
async function canLogin(projectId: string): Promise<boolean> {
  return onTenant(projectId, 'select 1').then(
    () => true,
    () => false,
  );
}

/** The rows the suite wrote into the project's database (sorted). */
async function rows(projectId: string): Promise<string[]> {
  const found = await onTenant<{ v: string }[]>(projectId, 'select v from chaos_rows order by v').catch(
    (error: unknown) => [{ v: `unreadable: ${(error as Error).message}` }],
  );
  return found.map((row) => row.v);
}

/** Asks for an operation the project must be free for: its id. */
async function ask(request: OperationRequest): Promise<string> {
  const id = await queue.request(request);
  if (id === null) throw new Error(`${request.kind} refused: the project has an operation open`);
  return id;
}

/** Waits until none of the operations is queued or running: their statuses, in order. */
async function operationsEnded(ids: string[], timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await db.client.sql<{ id: string; status: string }[]>`
      select id, status from control_plane.operations where id = any(${ids}::uuid[])`;
    const statuses = ids.map((id) => found.find((row) => row.id === id)?.status ?? 'missing');
    if (statuses.every((status) => !['queued', 'running'].includes(status))) return statuses;
    if (Date.now() > deadline) {
      const open = await db.client.sql`
        select o.id, o.kind, o.status, o.request, j.state as job, j.retry_count from control_plane.operations o
        left join pgboss.job j on j.id = o.id where o.id = any(${ids}::uuid[]) and o.status in ('queued', 'running')`;
      for (const spawned of running) console.error(`worker output:\n${spawned.output()}`);
      throw new Error(`operations still open after ${timeoutMs} ms: ${JSON.stringify(open)}`);
    }
    await sleep(200);
  }
}

async function newProjects(count: number): Promise<Project[]> {
  const projects: Project[] = [];
  for (let i = 0; i < count; i++) {
    projects.push(
      await createProject({ name: `chaos ${i}`, region: 'us-east-1', ownerId: 'chaos', organizationId: 'chaos' }, db),
    );
  }
  return projects;
}

function payload(project: Project) {
  return payloadFor(project, { api_keys: { count: 2, prefix: 'chaos' }, owner_id: 'chaos', organization_id: 'chaos' });
}

async function waitAll(projects: Project[], status: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await Promise.all(projects.map((p) => getProject(p.id, db)));
    if (rows.every((row) => row?.provisioningStatus === status)) return;
    if (Date.now() > deadline) {
      const stuck = rows
        .filter((row) => row?.provisioningStatus !== status)
        .map((row) => `${row?.id}:${row?.provisioningStatus}`);
      throw new Error(`not all ${status} after ${timeoutMs} ms: ${stuck.join(', ')}`);
    }
    await sleep(200);
  }
}

/** Checks the end state of provisioned projects; returns the number of violations. */
async function checkProvisioned(projects: Project[]): Promise<number> {
  let violations = 0;
  for (const project of projects) {
    const state = await projectState(ctx, project.id);
    const ok =
      (await getProject(project.id, db))?.provisioningStatus === 'provisioned' &&
      state.databases === 1 &&
      state.roles === 1 &&
      state.activeKeys === 2 &&
      state.activeServices.join() === 'auth,realtime,storage' &&
      state.resources.length === 1 + 3 + 2 &&
      state.steps.every((step) => step.status === 'completed');
    if (!ok) {
      violations++;
      console.error(`invariant violated for ${project.id}: ${JSON.stringify(state)}`);
    }
  }
  return violations;
}

/**
 * Tenant databases or roles on the server that no record accounts for; and warm-pool
 * databases leaked or shared: one on the server without a pool row, a ready row without
 * its database, a claim left over (every project here is finished, so every claim must
 * have become a project's database or gone with it), a pooled database two projects name.
 */
async function orphans(): Promise<number> {
  const [row] = await db.client.sql<Record<string, number>[]>`
    select
      (select count(*)::int from pg_database d where d.datname like 'tenant\\_%'
         and not exists (select 1 from control_plane.project_resources r where r.resource_type = 'databases' and r.resource_id = d.datname)) as databases,
      (select count(*)::int from pg_roles r where r.rolname like 'tenant\\_%\\_owner'
         and not exists (select 1 from pg_database d where d.datname || '_owner' = r.rolname)) as roles,
      (select count(*)::int from pg_database d where d.datname like 'pooled\\_tenant\\_%'
         and not exists (select 1 from control_plane.tenant_pool p where p.database_name = d.datname)) as pooled_untracked,
      (select count(*)::int from control_plane.tenant_pool p where p.state = 'ready'
         and not exists (select 1 from pg_database d where d.datname = p.database_name)) as pool_rows_without_database,
      (select count(*)::int from control_plane.tenant_pool where state = 'claimed') as claims_left,
      (select (count(*) - count(distinct metadata->>'pooled'))::int from control_plane.project_resources
         where resource_type = 'databases' and metadata ? 'pooled') as pooled_shared`;
  const found = Object.entries(row!).filter(([, count]) => count > 0);
  if (found.length > 0) console.error(`left over: ${JSON.stringify(Object.fromEntries(found))}`);
  return found.reduce((sum, [, count]) => sum + count, 0);
}

/** Ready pooled databases of the `default` cluster. */
async function readyPooled(): Promise<string[]> {
  const rows = await db.client.sql<{ name: string }[]>`
    select database_name as name from control_plane.tenant_pool where cluster = 'default' and state = 'ready'`;
  return rows.map((row) => row.name);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chaos-pg-'));
  server = await startEmbeddedPostgres({ dataDir, durable: false });
  // One key for this file's control plane, as its processes share it.
  secretKey = randomBytes(32).toString('base64');
  db = createDbContext({
    databaseUrl: server.url,
    secretKey: Buffer.from(secretKey, 'base64'),
    poolSize: 20,
    applicationName: 'chaos',
  });
  await migrateControlPlane(db.client.sql);
  authApi = await startFakeServiceApi('auth');
  queue = new ProvisioningQueue(server.url, {
    attempts: 10,
    retryDelaySeconds: 1,
    heartbeatSeconds: 10,
    superviseIntervalSeconds: 1,
  });
  await queue.start();
  await queue.applyPolicy();
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString());
      callback();
    },
  });
  ctx = {
    db,
    services: {
      db,
      adapters: {
        auth: createHttpAdminAdapter({ adminUrl: authApi.url }),
        realtime: createRecordOnlyAdapter(),
        storage: createRecordOnlyAdapter(),
      },
    },
    journal: new ProvisioningJournal({
      databaseUrl: server.url,
      secrets: db.secrets,
      connections: 8,
      lockTimeoutMs: 30_000,
    }),
    logger: createLogger({ level: 'info', destination }),
    retryDelayScale: 0.001,
  };
  console.log(`chaos seed ${seed} (replay with CHAOS_SEED=${seed})`);
});

afterAll(async () => {
  // A failed test's workers would otherwise outlive the run (seen: three from failed runs).
  for (const spawned of running) spawned.child.kill('SIGKILL');
  await Promise.all([...running].map((spawned) => spawned.exited));
  console.log(
    `chaos summary: seed=${seed} kill points=${summary.killPoints} (at checkpoints ${summary.checkpointKills}, at random instants ${summary.randomKills}), ` +
      `restarts=${summary.restarts}, races=${summary.races}, payloads=${summary.payloads}, isolation probes=${summary.isolationProbes}, ` +
      `left over=${summary.leftOver}${unreached.length > 0 ? `; checkpoints not reached: ${unreached.join(', ')}` : ''}`,
  );
  await queue?.stop(2000);
  await authApi?.close();
  await ctx?.journal.close();
  await db?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('crash at every step', () => {
  it('every project killed mid-provisioning ends provisioned exactly once', async () => {
    const plan = [
      ...CHECKPOINTS.map((checkpoint) => ({ checkpoint, delayMs: 0 })),
      ...Array.from({ length: randomKillRounds }, () => ({
        checkpoint: undefined,
        delayMs: Math.floor(random() * 450),
      })),
    ];
    const projects: Project[] = [];
    for (const round of plan) {
      // A refill kill point needs a refill with work to do: empty the pool first (no worker
      // runs now). A claim kill point needs a database to claim: wait for the victim's refill.
      if (round.checkpoint !== undefined && POOL_REFILL_CHECKPOINTS.includes(round.checkpoint)) {
        await refillTenantPool('default', 0, db);
      }
      // A copy is only made when there is no pooled database to claim: that victim has no pool.
      const victim = worker(
        round.checkpoint ? { [round.checkpoint]: 'kill' } : {},
        round.checkpoint === 'database:copied' ? { TENANT_POOL_SIZE: '0' } : {},
      );
      // A refill victim may die before it reports ready: its refill starts with it.
      await victim.ready().catch((error: unknown) => {
        if (!POOL_REFILL_CHECKPOINTS.includes(round.checkpoint ?? '')) throw error;
      });
      if (round.checkpoint === 'database:claimed') {
        // An earlier victim killed inside a refill keeps the cluster's (singleton) refill job
        // active until its heartbeat (10 s) expires and pg-boss's monitor notices: up to
        // about 20 s with an empty pool (seed 1814049930 waited 17 s).
        for (let waited = 0; (await readyPooled()).length < POOL_SIZE && waited < 40_000; waited += 100)
          await sleep(100);
      }
      const batch = await newProjects(2);
      projects.push(...batch);
      for (const project of batch) await queue.send(payload(project), 'chaos');
      if (round.checkpoint) {
        // The victim kills itself when any of its jobs reaches the checkpoint.
        const outcome = await Promise.race([victim.exited, sleep(15_000).then(() => 'timeout' as const)]);
        if (outcome === 'timeout') {
          victim.child.kill('SIGKILL');
          unreached.push(round.checkpoint);
        } else summary.checkpointKills++;
      } else {
        await sleep(round.delayMs);
        const [active] = await db.client.sql<
          { n: number }[]
        >`select count(*)::int as n from pgboss.job where name = 'provision_project' and state = 'active'`;
        victim.child.kill('SIGKILL');
        if (active!.n > 0) summary.randomKills++;
      }
      expect(await victim.exited).toBe('SIGKILL');
    }
    summary.killPoints = summary.checkpointKills + summary.randomKills;
    console.log(`kill plan (seed ${seed}): ${plan.map((r) => r.checkpoint ?? `+${r.delayMs}ms`).join(', ')}`);

    // A second, healthy worker finishes whatever the victims left.
    const healer = worker();
    await healer.ready();
    await waitAll(projects, 'provisioned', 180_000);
    healer.child.kill('SIGTERM');
    await healer.exited;

    const violations = (await checkProvisioned(projects)) + (await orphans());
    summary.leftOver += violations;
    expect(violations).toBe(0);
    expect(summary.killPoints).toBeGreaterThanOrEqual(50);
    provisioned.push(...projects);
  });
});

describe('PostgreSQL restart', () => {
  it('in the middle of a batch of 20: every project ends provisioned, none twice', async () => {
    const env = { STEP_RETRY_DELAY_SCALE: '0.1', JOB_RETRY_DELAY_SECONDS: '2', JOB_EXPIRE_SECONDS: '20' };
    const workers = [worker({}, env), worker({}, env)];
    await Promise.all(workers.map((w) => w.ready()));
    const projects = await newProjects(20);
    for (const project of projects) await queue.send(payload(project), 'chaos');
    // Restart once a few are through and the rest are queued or running.
    for (let done = 0; done < 4;) {
      const rows = await Promise.all(projects.map((p) => getProject(p.id, db)));
      done = rows.filter((row) => row?.provisioningStatus === 'provisioned').length;
      await sleep(50);
    }
    await server.stop();
    await sleep(1500);
    server = await startEmbeddedPostgres({ dataDir, port: server.port, durable: false });
    summary.restarts++;
    await waitAll(projects, 'provisioned', 120_000).catch(async (error: unknown) => {
      const jobs = await db.client
        .sql`select singleton_key, state, retry_count, started_on from pgboss.job where name = 'provision_project' and singleton_key = any(${projects.map((p) => p.id)})`;
      console.error(`jobs: ${JSON.stringify(jobs)}`);
      for (const w of workers) console.error(`worker output (tail):\n${w.output().split('\n').slice(-25).join('\n')}`);
      throw error;
    });
    // A worker must still stop cleanly after the restart (its queue, its pools): within its
    // own shutdown budget (30 s for running jobs, then the pools), not after a CI timeout.
    for (const w of workers) w.child.kill('SIGTERM');
    const stopped = await Promise.race([
      Promise.all(workers.map((w) => w.exited)),
      sleep(60_000).then(() => 'still running' as const),
    ]);
    if (stopped === 'still running' || stopped.some((code) => code !== 0)) {
      for (const w of workers) console.error(`worker output (tail):\n${w.output().split('\n').slice(-25).join('\n')}`);
      for (const w of workers) w.child.kill('SIGKILL');
    }
    expect(stopped).toEqual([0, 0]);
    const violations = (await checkProvisioned(projects)) + (await orphans());
    summary.leftOver += violations;
    expect(violations).toBe(0);
    provisioned.push(...projects);
  });
});

describe('races', () => {
  it('10 concurrent sends for one project provision it once', async () => {
    const healer = worker();
    await healer.ready();
    const [project] = await newProjects(1);
    const ids = await Promise.all(Array.from({ length: 10 }, () => queue.send(payload(project!), 'chaos')));
    expect(ids.filter((id) => id !== null)).toHaveLength(1);
    await waitAll([project!], 'provisioned', 60_000);
    healer.child.kill('SIGTERM');
    await healer.exited;
    expect((await projectState(ctx, project!.id)).attempts).toHaveLength(1);
    expect(await checkProvisioned([project!])).toBe(0);
    provisioned.push(project!);
    summary.races++;
  });

  it('20 concurrent key generations at the quota end with exactly 10 keys', async () => {
    const [project] = await newProjects(1);
    await generateApiKeys({ projectId: project!.id, count: 9 }, {}, db);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => generateApiKeys({ projectId: project!.id }, {}, db)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.every((o) => o.status === 'fulfilled' || QuotaExceededError.is(o.reason))).toBe(true);
    expect(await getProjectApiKeys(project!.id, {}, db)).toHaveLength(10);
    summary.races++;
  });

  it('a delete asked for while a provisioning is queued or running is refused; asked once it ended (no retention), the purge leaves nothing', async () => {
    const healer = worker();
    await healer.ready();
    const projects = await newProjects(5);
    // One operation at a time per project: a delete asked for while the provisioning is open
    // is refused (before, a deprovisioning outside operations raced it for the lock), and is
    // asked again until the provisioning has ended (from the pool it can take 35 ms).
    let refused = 0;
    await Promise.all(
      projects.map(async (project, index) => {
        expect(await queue.send(payload(project), 'chaos')).not.toBeNull();
        await sleep(index * 60); // from before the run starts to well inside it
        for (let tries = 0; tries < 300; tries++) {
          const request = { kind: 'delete', projectId: project.id, requestedBy: 'chaos', retentionSeconds: 0 } as const;
          if ((await queue.request(request)) !== null) return;
          refused++;
          await sleep(100);
        }
        throw new Error(`delete of ${project.id} still refused`);
      }),
    );
    expect(refused).toBeGreaterThan(0); // the first, asked for right after its provisioning
    await waitAll(projects, 'deprovisioned', 60_000);
    // No delete began before its provisioning had ended. (Not created_at: that is its
    // transaction's start, which may precede the settlement it waited for.)
    const overlaps = await db.client.sql`
      select d.project_id from control_plane.operations d
      join control_plane.operations p on p.project_id = d.project_id and p.kind = 'provision'
      where d.kind = 'delete' and d.project_id in ${db.client.sql(projects.map((project) => project.id))}
        and (p.finished_at is null or d.started_at is null or d.started_at < p.finished_at)`;
    expect(overlaps).toEqual([]);
    await sleep(1500);
    healer.child.kill('SIGTERM');
    await healer.exited;
    for (const project of projects) {
      const state = await projectState(ctx, project.id);
      expect(state).toMatchObject(NOTHING_LEFT);
      expect((await getProject(project.id, db))?.provisioningStatus).toBe('deprovisioned');
    }
    expect(await orphans()).toBe(0);
    summary.races++;
  });
});

describe('crash inside the operations on a project and its database', () => {
  it('every delete, recover, purge, snapshot, restore and branch killed at each of its points ends exactly once, leaving nothing', async () => {
    const setup = worker({}, { WORKER_CONCURRENCY: '4' });
    await setup.ready();
    // Projects each operation starts from, made by a healthy worker: provisioned (their
    // tenant logins claimed, a row written), deleted, or snapshotted; and a branch source.
    const provisionAll = async (count: number) => {
      const projects = await newProjects(count);
      for (const project of projects) await queue.send(payload(project), 'chaos');
      await waitAll(projects, 'provisioned', 120_000);
      for (const project of projects) {
        const result = await ctx.journal.results.claim(project.id);
        logins.set(project.id, result!.database.connection_string);
        await onTenant(project.id, `create table chaos_rows (v text); insert into chaos_rows values ('snapshotted')`);
      }
      return projects;
    };
    const sets = {
      delete: await provisionAll(OPERATION_CHECKPOINTS.delete.length),
      recover: await provisionAll(OPERATION_CHECKPOINTS.recover.length),
      purge: await provisionAll(OPERATION_CHECKPOINTS.purge.length),
      snapshot: await provisionAll(OPERATION_CHECKPOINTS.snapshot.length),
      restore: await provisionAll(OPERATION_CHECKPOINTS.restore.length),
    };
    const [source] = await provisionAll(1);
    const snapshotOf = new Map<string, string>();
    const ended = [];
    for (const project of [...sets.recover, ...sets.purge]) {
      ended.push(await ask({ kind: 'delete', projectId: project.id, requestedBy: 'chaos', retentionSeconds: 86_400 }));
    }
    for (const project of [...sets.restore, source!]) {
      const snapshotId = randomUUID();
      snapshotOf.set(project.id, snapshotId);
      ended.push(await ask({ kind: 'snapshot', projectId: project.id, requestedBy: 'chaos', snapshotId }));
    }
    expect(await operationsEnded(ended, 120_000)).toEqual(ended.map(() => 'succeeded'));
    // Written after the snapshot: a restore takes it away, a branch of the snapshot lacks it.
    for (const project of [...sets.restore, source!])
      await onTenant(project.id, `insert into chaos_rows values ('later')`);
    setup.child.kill('SIGTERM');
    await setup.exited;

    // Lanes side by side, one per operation (two for branches: of the live database, of a
    // snapshot), each a list of kill points with a project for each. Round k: one victim per
    // lane, each told to die at every lane's k-th point, whichever operation it picks up, so
    // that each victim is killed at its job's k-th point. What a victim leaves, the victims
    // of later rounds and then the healer resume.
    type Round = { checkpoint: string; start: () => Promise<string> };
    const lanes: Round[][] = [];
    const asked: {
      kind: string;
      project: Project;
      operationId?: string;
      preserveId?: string;
      from?: 'live' | 'snapshot';
    }[] = [];
    for (const kind of ['delete', 'recover', 'purge', 'snapshot', 'restore'] as const) {
      const lane: Round[] = [];
      lanes.push(lane);
      OPERATION_CHECKPOINTS[kind].forEach((checkpoint, index) => {
        const project = sets[kind][index]!;
        const entry: (typeof asked)[number] = { kind, project };
        asked.push(entry);
        lane.push({
          checkpoint,
          start: async () => {
            const snapshotId = kind === 'restore' ? snapshotOf.get(project.id)! : randomUUID();
            if (kind === 'snapshot') snapshotOf.set(project.id, snapshotId);
            if (kind === 'restore') entry.preserveId = randomUUID();
            const request =
              kind === 'snapshot'
                ? { kind, projectId: project.id, requestedBy: 'chaos', snapshotId }
                : kind === 'restore'
                  ? { kind, projectId: project.id, requestedBy: 'chaos', snapshotId, preserveId: entry.preserveId! }
                  : kind === 'delete'
                    ? { kind, projectId: project.id, requestedBy: 'chaos', retentionSeconds: 86_400 }
                    : { kind, projectId: project.id, requestedBy: 'chaos' };
            entry.operationId = await ask(request);
            return entry.operationId;
          },
        });
      });
    }
    const branches = await newProjects(2 * BRANCH_KILL_CHECKPOINTS.length);
    for (const from of ['live', 'snapshot'] as const) {
      const lane: Round[] = [];
      lanes.push(lane);
      for (const [index, checkpoint] of BRANCH_KILL_CHECKPOINTS.entries()) {
        const project = branches[2 * index + (from === 'live' ? 0 : 1)]!;
        const entry: (typeof asked)[number] = { kind: 'branch', project, from };
        asked.push(entry);
        lane.push({
          checkpoint,
          start: async () => {
            const branchOf = {
              project_id: source!.id,
              ...(from === 'snapshot' ? { snapshot_id: snapshotOf.get(source!.id)! } : {}),
            };
            entry.operationId = (await queue.send({ ...payload(project), from: branchOf }, 'chaos'))!;
            return entry.operationId;
          },
        });
      }
    }
    const points = [...new Set(lanes.flat().map((round) => round.checkpoint))];
    const killedAt = new Set<string>();
    for (let k = 0; lanes.some((lane) => k < lane.length); k++) {
      const rounds = lanes.map((lane) => lane[k]).filter((round) => round !== undefined);
      const faults = Object.fromEntries(rounds.map((round) => [round.checkpoint, 'kill']));
      // One job at a time each, so that every victim takes one of this round's operations.
      const victims = rounds.map(() => worker(faults, { TENANT_POOL_SIZE: '0', WORKER_CONCURRENCY: '1' }));
      // Seven processes starting at once on a small machine: more than one of them takes.
      await Promise.all(victims.map((victim) => victim.ready(120_000)));
      for (const round of rounds) await round.start();
      await Promise.race([Promise.all(victims.map((victim) => victim.exited)), sleep(10_000)]);
      for (const victim of victims) {
        victim.child.kill('SIGKILL');
        expect(await victim.exited).toBe('SIGKILL');
        const killed = /killed at (\S+)/.exec(victim.output())?.[1];
        if (killed === undefined) continue;
        killedAt.add(killed);
        summary.checkpointKills++;
      }
    }
    unreached.push(...points.filter((point) => !killedAt.has(point)));
    console.log(`operation kill points (${killedAt.size} of ${points.length} reached): ${points.join(', ')}`);

    const healer = worker();
    await healer.ready();
    const operations = asked.map((entry) => entry.operationId!);
    const outcomes = await operationsEnded(operations, 180_000);
    healer.child.kill('SIGTERM');
    await healer.exited;

    const violations: string[] = [];
    const check = (ok: boolean, entry: (typeof asked)[number], what: unknown) => {
      if (!ok)
        violations.push(
          `${entry.kind}${entry.from ? ` from ${entry.from}` : ''} of ${entry.project.id}: ${JSON.stringify(what)}`,
        );
    };
    for (const [index, entry] of asked.entries()) {
      const id = entry.project.id;
      const outcome = outcomes[index];
      // Exactly once: one end, and one event saying so.
      const [ends] = await db.client.sql<{ n: number }[]>`
        select count(*)::int as n from control_plane.events
        where operation_id = ${entry.operationId!} and type in ('operation.succeeded', 'operation.failed')`;
      check(ends!.n === 1, entry, { ends: ends!.n });
      const project = (await getProject(id, db))!;
      const state = await projectState(ctx, id);
      const login = await canLogin(id);
      const snapshots =
        state.databases === 1 ? (await listTenantSnapshots(tenantDatabaseName(id), db)).map((s) => s.name) : [];
      if (entry.kind === 'delete') {
        check(
          outcome === 'succeeded' &&
            project.status === 'deleted' &&
            state.databases === 1 &&
            state.activeServices.length === 0 &&
            !login,
          entry,
          { outcome, project, state, login },
        );
      } else if (entry.kind === 'recover') {
        check(
          outcome === 'succeeded' &&
            project.status === 'active' &&
            state.activeServices.length === 3 &&
            state.activeKeys === 2 &&
            login,
          entry,
          { outcome, project, state, login },
        );
      } else if (entry.kind === 'purge') {
        check(outcome === 'succeeded' && project.provisioningStatus === 'deprovisioned', entry, { outcome, project });
        check(
          state.databases === 0 &&
            state.roles === 0 &&
            state.activeKeys === 0 &&
            state.resources.length === 0 &&
            state.activeServices.length === 0,
          entry,
          state,
        );
      } else if (entry.kind === 'snapshot') {
        check(outcome === 'succeeded' && snapshots.join() === tenantSnapshotName(snapshotOf.get(id)!) && login, entry, {
          outcome,
          snapshots,
          login,
        });
        check((await rows(id)).join() === 'snapshotted', entry, await rows(id));
      } else if (entry.kind === 'restore') {
        const expected = [snapshotOf.get(id)!, entry.preserveId!].map(tenantSnapshotName).sort();
        check(outcome === 'succeeded' && login && snapshots.sort().join() === expected.join(), entry, {
          outcome,
          snapshots,
          expected,
          login,
        });
        check((await rows(id)).join() === 'snapshotted', entry, await rows(id));
      } else {
        // A branch: provisioned with its own database holding the source's rows, or failed
        // and compensated with nothing of it left.
        if (outcome === 'succeeded') {
          const result = await ctx.journal.results.claim(id);
          logins.set(id, result!.database.connection_string);
          const expected = entry.from === 'live' ? 'later,snapshotted' : 'snapshotted';
          check(
            project.provisioningStatus === 'provisioned' &&
              state.databases === 1 &&
              state.roles === 1 &&
              (await canLogin(id)),
            entry,
            { project, state },
          );
          check((await rows(id)).sort().join() === expected, entry, await rows(id));
        } else {
          check(state.databases === 0 && state.roles === 0 && state.resources.length === 0, entry, { outcome, state });
        }
      }
    }
    // The source, copied live at every branch kill point: open again, as it was.
    check(
      (await canLogin(source!.id)) && (await rows(source!.id)).sort().join() === 'later,snapshotted',
      { kind: 'source', project: source! },
      'source',
    );
    // No stray copy: every snap_ database a complete snapshot some project lists; no restoring_ left; no tenant database left closed.
    const listed = new Set<string>();
    for (const project of [...sets.snapshot, ...sets.restore, source!]) {
      for (const snapshot of await listTenantSnapshots(tenantDatabaseName(project.id), db)) listed.add(snapshot.name);
    }
    const copies = await db.client.sql<{ name: string }[]>`
      select datname as name from pg_database where datname like 'snap\\_%' or datname like 'restoring\\_%'`;
    const stray = copies.map((copy) => copy.name).filter((name) => !listed.has(name));
    if (stray.length > 0) violations.push(`stray copies: ${stray.join(', ')}`);
    const closed = await db.client.sql<{ name: string }[]>`
      select datname as name from pg_database where datname like 'tenant\\_%' and not datallowconn and datname <> ${tenantTemplateName(db)}`;
    if (closed.length > 0) violations.push(`left closed: ${closed.map((row) => row.name).join(', ')}`);
    for (const violation of violations) console.error(`invariant violated: ${violation}`);
    const leftOver = violations.length + (await orphans());
    summary.leftOver += leftOver;
    expect(violations).toEqual([]);
    expect(leftOver).toBe(0);
  });
});

describe('hostile input', () => {
  it('the schema-derived payloads are valid (the generator is sound)', () => {
    fc.assert(
      fc.property(validPayloadArbitrary, (p) => provisioningPayloadSchema.safeParse(p).success),
      { numRuns: 300, seed },
    );
  });

  it(`${hostileRuns} hostile payloads are each refused with a ValidationError, creating nothing`, async () => {
    const count = async () => {
      const [row] = await db.client.sql`
        select (select count(*) from control_plane.projects)::int as projects,
               (select count(*) from control_plane.project_resources)::int as resources,
               (select count(*) from control_plane.provisioning_attempts)::int as attempts,
               (select count(*) from control_plane.operations)::int as operations,
               (select count(*) from pg_database)::int as databases,
               (select count(*) from pgboss.job)::int as jobs`;
      return row;
    };
    const before = await count();
    let queued = 0;
    await fc.assert(
      fc.asyncProperty(hostilePayloadArbitrary, async (hostile) => {
        summary.payloads++;
        const result = await provisionProjectHandler(hostile, ctx);
        if (result.success || result.error.code !== 'VALIDATION_FAILED') return false;
        if (queued < 500) {
          queued++;
          const refused = await queue.send(hostile as never, 'chaos').then(
            () => false,
            (error: unknown) => (error as { code?: string }).code === 'VALIDATION_FAILED',
          );
          if (!refused) return false;
        }
        return true;
      }),
      { numRuns: hostileRuns, seed },
    );
    expect(await count()).toEqual(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
  });
});

describe('isolation and secrets', () => {
  it('tenant roles cannot reach other tenants or the control plane, nor create databases or roles', async () => {
    const results = [];
    for (const project of provisioned) {
      const result = await ctx.journal.results.claim(project.id);
      if (result) results.push(result);
    }
    expect(results.length).toBeGreaterThan(20);
    for (const result of results) secrets.push(result.database.password, ...result.api_keys.map((key) => key.key));
    const onDatabase = (connection: string, database: string) => {
      const url = new URL(connection);
      url.pathname = `/${database}`;
      return url.toString();
    };
    // 42501: no CONNECT privilege; 55000: the database accepts no connections at all (a template).
    const probe = async (label: string, run: () => Promise<unknown>, codes = ['42501']) => {
      summary.isolationProbes++;
      const error = await run().then(
        () => undefined,
        (e: unknown) => e as { code?: string },
      );
      expect(codes, `${label}: ${error?.code}`).toContain(error?.code);
    };
    // Pooled databases waiting to be claimed: no tenant may reach one either.
    await refillTenantPool('default', POOL_SIZE, db);
    const pool = await readyPooled();
    expect(pool).toHaveLength(POOL_SIZE);
    for (let i = 0; i < Math.min(8, results.length); i++) {
      const a = results[i]!;
      const b = results[(i + 1) % results.length]!;
      const connect = async (url: string, statement?: string) => {
        const sql = postgres(url, { max: 1, onnotice: () => {} });
        try {
          await sql.unsafe(statement ?? 'select 1');
        } finally {
          await sql.end({ timeout: 1 });
        }
      };
      await probe('other tenant', () => connect(onDatabase(a.database.connection_string, b.database.name)));
      await probe('control plane', () => connect(onDatabase(a.database.connection_string, 'postgres')));
      await probe('create database', () => connect(a.database.connection_string, 'create database sneaky'));
      await probe('create role', () => connect(a.database.connection_string, 'create role sneaky'));
      await probe('tenant template', () => connect(onDatabase(a.database.connection_string, tenantTemplateName(db))), [
        '55000',
        '42501',
      ]);
      await probe('template1 (hardened)', () => connect(onDatabase(a.database.connection_string, 'template1')));
      for (const pooled of pool) {
        await probe('pooled database', () => connect(onDatabase(a.database.connection_string, pooled)), [
          '55000',
          '42501',
        ]);
      }
    }
  });

  it('no plaintext key or password in any control-plane or queue table, or any log', async () => {
    expect(secrets.length).toBeGreaterThan(60);
    const tables = await db.client.sql<{ schema: string; table: string }[]>`
      select table_schema as schema, table_name as table from information_schema.tables
      where table_schema in ('control_plane', 'pgboss') and table_type = 'BASE TABLE'`;
    let found = 0;
    for (const { schema, table } of tables) {
      const rows = await db.client.sql.unsafe(`select t::text as row from "${schema}"."${table}" t`);
      const dump = rows.map((r) => String(r['row'])).join('\n');
      for (const secret of secrets) if (dump.includes(secret)) found++;
    }
    const allLogs = logs.join('\n');
    expect(allLogs.length).toBeGreaterThan(10_000);
    for (const secret of secrets) if (allLogs.includes(secret)) found++;
    summary.leftOver += found;
    expect(found).toBe(0);
  });
});
