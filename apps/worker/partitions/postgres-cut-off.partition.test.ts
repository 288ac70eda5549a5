import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { tenantDatabaseName } from '@org/db';
import { canPartition, createNetworkNamespace, waitFor, type NetworkNamespace } from '@org/db/testing';
import { startFakeServiceApi, type FakeServiceApi } from '@org/services/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnWorker, type SpawnedWorker } from '../test/support/spawn-worker.js';
import { API_CLI, spawnApi, type SpawnedApi } from './support/spawn-api.js';
import { startNamespacedPostgres, type NamespacedPostgres } from './support/start-namespaced-postgres.js';

// Partitions (issue 33): PostgreSQL cut off from everything for 60 s. It runs inside a
// network namespace of this test's own, so a worker and an API process (here) reach it
// over the namespace's link only; the link is cut, packets vanish with no reset. Both
// processes must say not ready within 5 s, stay up, and carry on after the heal by
// themselves.
const CUT_SECONDS = 60;
const NOT_READY_WITHIN_SECONDS = 5;

let namespace: NetworkNamespace;
let scratch: string;
let server: NamespacedPostgres;
let authApi: FakeServiceApi;
let env: Record<string, string>;
let worker: SpawnedWorker;
let api: SpawnedApi;
let workerUrl: string;
let token: string;

/** A GET's status, or the error's name when no answer came within 3 s (a hung probe is no answer). */
async function statusOf(url: string): Promise<number | string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    await response.body?.cancel();
    return response.status;
  } catch (error) {
    return (error as Error).name;
  }
}

async function callApi<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; data: T }> {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, data: (await response.json()) as T };
}

/** Creates a project through the API and resolves with its id once its provisioning succeeded. */
async function provisionProject(name: string): Promise<string> {
  const created = await callApi<{ project: { id: string }; operation: { id: string } }>('POST', '/v1/projects', {
    name,
    region: 'us-east-1',
    organization_id: 'org-partition',
    owner_id: 'partition',
  });
  expect(created.status, JSON.stringify(created.data)).toBe(202);
  const operation = await waitFor(
    async () => (await callApi<{ status: string }>('GET', `/v1/operations/${created.data.operation.id}`)).data,
    {
      until: (data) => data.status !== 'queued' && data.status !== 'running',
      what: `the provisioning of ${name}`,
      timeoutMs: 180_000,
      intervalMs: 250,
    },
  );
  expect(operation).toMatchObject({ status: 'succeeded' });
  return created.data.project.id;
}

/** Seconds from `since` until `url` answers `status`. */
async function secondsUntil(url: string, status: number, since: number, timeoutMs: number): Promise<number> {
  await waitFor(() => statusOf(url), {
    until: (seen) => seen === status,
    what: `${url} to answer ${status}`,
    timeoutMs,
  });
  return (Date.now() - since) / 1000;
}

const alive = (child: { exitCode: number | null; signalCode: NodeJS.Signals | null }) =>
  child.exitCode === null && child.signalCode === null;

describe.skipIf(!canPartition())('PostgreSQL cut off from everything for 60 s', () => {
  beforeAll(async () => {
    namespace = createNetworkNamespace();
    scratch = mkdtempSync(join(tmpdir(), 'partition-'));
    server = await startNamespacedPostgres(namespace, scratch);
    authApi = await startFakeServiceApi('auth');
    // Queue and retry settings of the chaos suites: a second, not minutes. No warm pool: every
    // tenant database here is a project's.
    env = {
      DATABASE_URL: server.url,
      PROVISIONING_SECRET_KEY: randomBytes(32).toString('base64'),
      SERVICES_CONFIG: JSON.stringify({ auth: { adapter: 'http', adminUrl: authApi.url } }),
      HTTP_PORT: '0',
      API_PORT: '0',
      LOG_FORMAT: 'json',
      JOB_RETRY_DELAY_SECONDS: '1',
      JOB_HEARTBEAT_SECONDS: '10',
      JOB_SUPERVISE_INTERVAL_SECONDS: '1',
      QUEUE_POLL_INTERVAL_SECONDS: '0.5',
      STEP_RETRY_DELAY_SCALE: '0.001',
      TENANT_POOL_SIZE: '0',
    };
    worker = spawnWorker({
      databaseUrl: env['DATABASE_URL']!,
      secretKey: env['PROVISIONING_SECRET_KEY']!,
      authAdminUrl: authApi.url,
      env,
      shipped: true,
    });
    await worker.ready(90_000);
    const started = worker
      .output()
      .split('\n')
      .find((line) => line.includes('"msg":"worker started"'))!;
    workerUrl = `http://${/"http":"([^"]+)"/.exec(started)![1]!}`;
    api = await spawnApi(env);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--conditions=source', API_CLI, 'token', 'create', '--name', 'partition', '--all', '--json'],
      { env: { ...process.env, ...env } },
    );
    token = (JSON.parse(stdout) as { token: string }).token;
  });
  afterAll(async () => {
    for (const spawned of [worker, api]) {
      if (spawned === undefined) continue;
      if (alive(spawned.child)) spawned.child.kill('SIGKILL');
      await spawned.exited;
    }
    await authApi?.close();
    await server?.stop();
    namespace?.remove();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('/readyz says not ready within 5 s, nothing exits, and everything resumes after the heal', async () => {
    const ready = { worker: `${workerUrl}/readyz`, api: `${api.url}/readyz` };
    const healthy = { worker: `${workerUrl}/healthz`, api: `${api.url}/healthz` };
    const before = await provisionProject(`before ${randomUUID()}`);
    expect(await statusOf(ready.worker)).toBe(200);
    expect(await statusOf(ready.api)).toBe(200);

    // The far end: what the host sends the server vanishes in the link (see `cutFarEnd`).
    namespace.cutFarEnd();
    const cutAt = Date.now();
    try {
      const [workerNotReady, apiNotReady] = await Promise.all([
        secondsUntil(ready.worker, 503, cutAt, 30_000),
        secondsUntil(ready.api, 503, cutAt, 30_000),
      ]);
      console.log(
        `partition: /readyz answered 503 ${workerNotReady.toFixed(1)} s (worker) and ${apiNotReady.toFixed(1)} s (API) after the cut`,
      );
      expect(workerNotReady).toBeLessThanOrEqual(NOT_READY_WITHIN_SECONDS);
      expect(apiNotReady).toBeLessThanOrEqual(NOT_READY_WITHIN_SECONDS);

      // Through the rest of the cut: alive, /healthz answering, /readyz still saying not ready.
      const seen: string[] = [];
      while (Date.now() - cutAt < CUT_SECONDS * 1000) {
        const [workerHealth, apiHealth, workerReady, apiReady] = await Promise.all([
          statusOf(healthy.worker),
          statusOf(healthy.api),
          statusOf(ready.worker),
          statusOf(ready.api),
        ]);
        const at = ((Date.now() - cutAt) / 1000).toFixed(1);
        if (workerHealth !== 200 || apiHealth !== 200) seen.push(`${at} s: /healthz ${workerHealth}, ${apiHealth}`);
        if (workerReady !== 503 || apiReady !== 503) seen.push(`${at} s: /readyz ${workerReady}, ${apiReady}`);
        await sleep(1000);
      }
      expect(seen).toEqual([]);
      expect(alive(worker.child), worker.output()).toBe(true);
      expect(alive(api.child), api.output()).toBe(true);
    } finally {
      namespace.heal();
    }
    const healAt = Date.now();

    const [workerReady, apiReady] = await Promise.all([
      secondsUntil(ready.worker, 200, healAt, 300_000),
      secondsUntil(ready.api, 200, healAt, 300_000),
    ]);
    console.log(
      `partition: /readyz answered 200 again ${workerReady.toFixed(1)} s (worker) and ${apiReady.toFixed(1)} s (API) after the heal`,
    );
    const createdAt = Date.now();
    const after = await provisionProject(`after ${randomUUID()}`);
    console.log(
      `partition: a project created after the heal was provisioned in ${((Date.now() - createdAt) / 1000).toFixed(1)} s ` +
        `(${((Date.now() - healAt) / 1000).toFixed(1)} s after the heal), with no restart`,
    );
    expect(alive(worker.child), worker.output()).toBe(true);
    expect(alive(api.child), api.output()).toBe(true);

    const sql = postgres(server.url, { max: 1, onnotice: () => {} });
    try {
      const databases = await sql<{ datname: string }[]>`
        select datname from pg_database where datname like 'tenant\\_%' order by datname`;
      expect(databases.map((row) => row.datname)).toEqual(
        [tenantDatabaseName(before), tenantDatabaseName(after)].sort(),
      );
      const open =
        await sql`select id, kind, status from control_plane.operations where status in ('queued', 'running')`;
      expect(open).toEqual([]);
    } finally {
      await sql.end({ timeout: 1 });
    }
  }, 600_000);
});
