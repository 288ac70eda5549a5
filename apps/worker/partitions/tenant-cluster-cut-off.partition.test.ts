import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChildProcess } from 'node:child_process';
import {
  createDbContext,
  createProject,
  startEmbeddedPostgres,
  tenantDatabaseName,
  tenantRoleName,
  type DbContext,
  type EmbeddedPostgresServer,
} from '@org/db';
import { canPartition, createNetworkNamespace, waitFor, type NetworkNamespace } from '@org/db/testing';
import { OperationsClient } from '@org/operations';
import { startFakeServiceApi, type FakeServiceApi } from '@org/services/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { spawnWorker, type SpawnedWorker } from '../test/support/spawn-worker.js';

// Partitions (issue 33): one of the two tenant clusters of a region cut off. The control
// plane and the cluster `steady` run here; the cluster `cut-off` runs inside a network
// namespace, so that cutting its link (`cutFarEnd`: what the worker sends it vanishes)
// separates the worker from it alone. A real worker process serves both. A provisioning
// placed on `cut-off` is held inside its database step, the link is cut, the step goes on
// into the cut; new projects of the region asked for meanwhile must be placed on `steady`
// and provisioned, and the held one must finish after the heal, with no restart and no
// person. Twice: with the step's statements sent on connections the cut leaves hanging,
// and with connections still to open, which the cut makes time out.

const REGION = 'us-east-1';
/** How long the cut lasts. */
const CUT_SECONDS = 45;
const NEW_PROJECTS = 4;
/**
 * The queue's settings for this test: 5 s between attempts, not the default 5 minutes, so
 * that a run failed by the cut is retried inside it; the contract's 3 attempts. Steps
 * retry with their real policies (the database step: 3 tries, up to 10 s then 20 s apart),
 * not a test's shortened ones. An attempt the cut fails takes 15 s at least (each of its
 * tries waits out the 5 s connect timeout): the last one ends the project failed only if
 * the cut lasts 55 s at least (measured: a 150 s cut did), so this one lasts 45 s.
 */
const QUEUE_ENV = { JOB_RETRY_DELAY_SECONDS: '5', JOB_ATTEMPTS: '3', STEP_RETRY_DELAY_SCALE: '1' };

let namespace: NetworkNamespace;
let scratch: string;
let controlPlane: EmbeddedPostgresServer;
let steady: EmbeddedPostgresServer;
let cutOff: { process: ChildProcess; url: string };
let db: DbContext;
/** Started once the first worker has installed the queue's schema. */
let operations: OperationsClient | undefined;
let authApi: FakeServiceApi;
/** The worker of the case running now. */
let worker: SpawnedWorker | undefined;

/** The `cut-off` cluster's server, started inside the namespace, listening only on its far address. */
async function startCutOffCluster(): Promise<{ process: ChildProcess; url: string }> {
  const hba = join(scratch, 'cut-off-hba.conf');
  writeFileSync(hba, `host all all ${namespace.nearAddress}/32 scram-sha-256\n`, { mode: 0o644 });
  const child = namespace.spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', join(import.meta.dirname, 'support/serve-postgres.ts')],
    {
      ...process.env,
      DATA_DIR: join(scratch, 'cut-off'),
      LISTEN_ADDRESS: namespace.farAddress,
      HBA_FILE: hba,
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const line = await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`the cut-off cluster exited:\n${output}`);
      return output.split('\n').find((text) => text.startsWith('{'));
    },
    { what: 'the cut-off cluster started', timeoutMs: 60_000 },
  );
  const url = new URL((JSON.parse(line) as { url: string }).url);
  url.hostname = namespace.farAddress;
  return { process: child, url: url.toString() };
}

/** Creates a project of the region and asks for its provisioning, in one transaction (as the API does). */
async function requestProject(name: string): Promise<string> {
  return db.client.sql.begin(async (tx) => {
    const { id } = await createProject({ name, region: REGION, ownerId: 'partition', organizationId: 'partition' }, tx);
    await operations!.request(tx, {
      kind: 'provision',
      payload: {
        project_id: id,
        region: REGION,
        services: { auth: true, realtime: true, storage: true },
        api_keys: { count: 1, prefix: 'partition' },
        owner_id: 'partition',
        organization_id: 'partition',
      },
      requestedBy: 'partition',
    });
    return id;
  });
}

async function provisioningStatus(projectId: string): Promise<string> {
  const [row] = await db.client.sql<{ status: string }[]>`
    select provisioning_status as status from control_plane.projects where id = ${projectId}`;
  return row!.status;
}

/** The cluster each project's database is recorded on. */
async function recordedClusters(projectIds: string[]): Promise<Map<string, string>> {
  const rows = await db.client.sql<{ project: string; cluster: string }[]>`
    select project_id::text as project, metadata->>'cluster' as cluster from control_plane.project_resources
    where resource_type = 'databases' and project_id = any(${projectIds}::uuid[])`;
  return new Map(rows.map((row) => [row.project, row.cluster]));
}

/** Stops the case's worker as an operator would, and says how it ended. */
async function stopWorker(): Promise<NodeJS.Signals | number | null | 'still running'> {
  const running = worker;
  worker = undefined;
  if (running === undefined) return null;
  if (running.child.exitCode !== null || running.child.signalCode !== null) return running.exited;
  running.child.kill('SIGTERM');
  const stopped = await Promise.race([running.exited, sleep(45_000).then(() => 'still running' as const)]);
  if (stopped === 'still running') running.child.kill('SIGKILL');
  return stopped;
}

/** The tenant databases and roles on a cluster. */
async function tenantsOn(url: string): Promise<{ databases: string[]; roles: string[] }> {
  const sql = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    const databases = await sql<{ name: string }[]>`
      select datname as name from pg_database where datname like 'tenant\\_%' or datname like 'pooled\\_%'`;
    const roles = await sql<{ name: string }[]>`select rolname as name from pg_roles where rolname like 'tenant\\_%'`;
    return { databases: databases.map((row) => row.name).sort(), roles: roles.map((row) => row.name).sort() };
  } finally {
    await sql.end({ timeout: 1 });
  }
}

describe.skipIf(!canPartition())('one of two tenant clusters of a region cut off', () => {
  let secretKey: string;
  /** Equal loads keep the configured order: the first project goes to `cut-off`. */
  let clusters: Record<string, { name: string; url: string }[]>;

  beforeAll(async () => {
    namespace = createNetworkNamespace();
    scratch = mkdtempSync(join(tmpdir(), 'partition-cluster-'));
    chmodSync(scratch, 0o755);
    [controlPlane, steady, cutOff] = await Promise.all([
      startEmbeddedPostgres({ dataDir: join(scratch, 'control-plane'), durable: false }),
      startEmbeddedPostgres({ dataDir: join(scratch, 'steady'), durable: false }),
      startCutOffCluster(),
    ]);
    authApi = await startFakeServiceApi('auth');
    secretKey = randomBytes(32).toString('base64');
    const both = [
      { name: 'cut-off', url: cutOff.url },
      { name: 'steady', url: steady.url },
    ];
    clusters = Object.fromEntries(
      ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1'].map((region) => [
        region,
        region === REGION ? both : [both[1]!],
      ]),
    );
    db = createDbContext({
      databaseUrl: controlPlane.url,
      secretKey: Buffer.from(secretKey, 'base64'),
      poolSize: 4,
      applicationName: 'partition-test',
    });
  });

  afterAll(async () => {
    namespace?.heal();
    await stopWorker();
    await operations?.close();
    await db?.close();
    await authApi?.close();
    if (cutOff !== undefined) {
      const exited = new Promise((resolve) => cutOff.process.once('exit', resolve));
      cutOff.process.kill('SIGTERM');
      await exited;
    }
    await steady?.stop();
    await controlPlane?.stop();
    namespace?.remove();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it.each([
    { cut: 'a statement in flight', connectionsFirstIdle: false },
    // The admin pool closes a connection idle for 30 s: held that long, the step has none left.
    { cut: 'connections still to open', connectionsFirstIdle: true },
  ])(
    'cut with $cut: new projects go to the other cluster, the cut-off one finishes after the heal',
    async ({ connectionsFirstIdle }) => {
      worker = spawnWorker({
        databaseUrl: controlPlane.url,
        secretKey,
        authAdminUrl: authApi.url,
        faults: { 'database:reserved': 'hold' },
        env: {
          ...QUEUE_ENV,
          TENANT_CLUSTERS: JSON.stringify(clusters),
          // No warm pool: every database is copied on its cluster, and no refill runs beside the case.
          TENANT_POOL_SIZE: '0',
          WORKER_CONCURRENCY: '4',
        },
      });
      const spawned = worker;
      onTestFailed(() => console.error(`worker output (tail):\n${spawned.output().split('\n').slice(-40).join('\n')}`));
      await spawned.ready(120_000);
      if (operations === undefined) {
        operations = new OperationsClient({ databaseUrl: controlPlane.url, secrets: db.secrets });
        await operations.start();
      }
      const pid = spawned.child.pid;

      // 1. A provisioning placed on `cut-off`, held in its database step once the database is
      // recorded there; the link is cut and the step let go into the cut.
      const held = await requestProject('held on the cut-off cluster');
      await waitFor(() => spawned.output(), {
        until: (text) => text.includes(`held database:reserved ${held}`),
        what: 'the first provisioning held in its database step',
        timeoutMs: 60_000,
      });
      expect(await recordedClusters([held])).toEqual(new Map([[held, 'cut-off']]));
      const [step] = await db.client.sql<{ step: string }[]>`
        select provisioning_step as step from control_plane.projects where id = ${held}`;
      expect(step).toEqual({ step: 'database' });
      if (connectionsFirstIdle) await sleep(32_000);
      namespace.cutFarEnd();
      const cutAt = Date.now();
      spawned.child.kill('SIGUSR2');

      // 2. New projects of the region while cut: placed on `steady`, provisioned.
      const fresh: { id: string; seconds: number }[] = [];
      await Promise.all(
        Array.from({ length: NEW_PROJECTS }, async (_, index) => {
          await sleep(index * 2000);
          const askedAt = Date.now();
          const id = await requestProject(`new while cut ${index}`);
          await waitFor(() => provisioningStatus(id), {
            until: (status) => status === 'provisioned' || status === 'failed',
            what: `new project ${index} provisioned while the cluster is cut off`,
            timeoutMs: CUT_SECONDS * 1000 - 2000 * index - 3000,
            intervalMs: 100,
          });
          fresh.push({ id, seconds: (Date.now() - askedAt) / 1000 });
        }),
      );
      const freshIds = fresh.map((project) => project.id);
      const freshDone = (Date.now() - cutAt) / 1000;
      for (const project of fresh) expect(await provisioningStatus(project.id)).toBe('provisioned');
      expect([...(await recordedClusters(freshIds)).values()]).toEqual(freshIds.map(() => 'steady'));
      const times = fresh.map((project) => project.seconds).sort((a, b) => a - b);
      console.log(
        `partition: cut with ${connectionsFirstIdle ? 'connections still to open' : 'a statement in flight'}: ` +
          `${NEW_PROJECTS} new projects placed on the other cluster and provisioned while cut, each in ` +
          `${times.map((seconds) => seconds.toFixed(1)).join(', ')} s (all done ${freshDone.toFixed(1)} s after the cut)`,
      );

      // 3. The cut held for CUT_SECONDS, the held project not given up meanwhile; then the heal.
      while (Date.now() - cutAt < CUT_SECONDS * 1000) {
        expect(await provisioningStatus(held)).not.toBe('failed');
        await sleep(500);
      }
      namespace.heal();
      const healAt = Date.now();
      const finished = await waitFor(() => provisioningStatus(held), {
        until: (status) => status === 'provisioned' || status === 'failed',
        what: 'the cut-off project finished after the heal',
        timeoutMs: 240_000,
        intervalMs: 100,
      });
      const healSeconds = (Date.now() - healAt) / 1000;
      const attempts = await db.client.sql<{ attempt: number; status: string; error: string | null }[]>`
        select attempt, status, error->>'code' as error from control_plane.provisioning_attempts
        where project_id = ${held} and kind = 'provision' order by attempt`;
      console.log(
        `partition: cut ${CUT_SECONDS} s; the cut-off project ${finished} ${healSeconds.toFixed(1)} s after the heal, ` +
          `in ${attempts.length} attempt(s): ` +
          attempts.map((row) => `${row.attempt} ${row.status}${row.error ? ` (${row.error})` : ''}`).join(', '),
      );
      expect(finished).toBe('provisioned');
      // The same worker process did it all: no restart.
      expect(spawned.child.pid).toBe(pid);
      expect(spawned.child.exitCode).toBeNull();
      expect(await recordedClusters([held])).toEqual(new Map([[held, 'cut-off']]));
      // A statement in flight waits out the cut and fails at the heal (the server dropped the
      // session meanwhile), and the step's own retry finishes it: one attempt. A connection to
      // open times out within the cut, the step's retries with it: the run fails and the
      // queue's next one finishes it.
      expect(attempts.at(-1)?.status).toBe('succeeded');
      if (connectionsFirstIdle) expect(attempts.length).toBeGreaterThanOrEqual(2);
      else expect(attempts).toHaveLength(1);
      expect(attempts.length).toBeLessThanOrEqual(Number(QUEUE_ENV.JOB_ATTEMPTS));
      const freshAttempts = await db.client.sql<{ n: number }[]>`
        select count(*)::int as n from control_plane.provisioning_attempts where project_id = any(${freshIds}::uuid[])`;
      expect(freshAttempts).toEqual([{ n: NEW_PROJECTS }]);

      // Every operation ended, succeeded.
      const operationsByStatus = await db.client.sql<{ status: string; open: number }[]>`
        select status, count(*) filter (where finished_at is null)::int as open
        from control_plane.operations group by status`;
      expect(operationsByStatus).toEqual([{ status: 'succeeded', open: 0 }]);
      // Exactly one database and one role per project, on the cluster recorded; nothing else on either.
      const recorded = await db.client.sql<{ name: string; cluster: string }[]>`
        select resource_id as name, metadata->>'cluster' as cluster from control_plane.project_resources
        where resource_type = 'databases'`;
      for (const [cluster, url] of [
        ['cut-off', cutOff.url],
        ['steady', steady.url],
      ] as const) {
        const names = recorded.filter((row) => row.cluster === cluster).map((row) => row.name);
        expect(await tenantsOn(url)).toEqual({
          databases: names.sort(),
          roles: names.map((name) => tenantRoleName(name)).sort(),
        });
      }
      const ids = [held, ...freshIds];
      const ownDatabases = await db.client.sql<{ name: string }[]>`
        select resource_id as name from control_plane.project_resources
        where resource_type = 'databases' and project_id = any(${ids}::uuid[])`;
      expect(ownDatabases.map((row) => row.name).sort()).toEqual(ids.map((id) => tenantDatabaseName(id)).sort());

      expect(await stopWorker()).toBe(0);
    },
  );
});
