import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LIFECYCLE } from '@org/worker';
import { createApiClient, type ApiClient } from '../src/client/create-api-client.js';
import { spawnApi, spawnWorker, type SpawnedProcess } from '../test/support/spawn-process.js';
import { createTestEnvironment, type TestEnvironment } from '../test/support/test-environment.js';

// SIGKILL of the API process and of workers in the middle of operations: every operation
// must end `succeeded` or `failed` with its reason, none stuck, none done twice.
let environment: TestEnvironment;
let token: string;
const running: SpawnedProcess[] = [];
const summary = { apiKills: 0, workerKills: 0, requests: 0, retried: 0, operations: 0 };

// More attempts than the contract's 3: a job may meet several victims in a row here.
// Dozens of clients on one address here: no limit per address.
const env = () => ({
  ...environment.env,
  JOB_ATTEMPTS: '10',
  TENANT_POOL_SIZE: '0',
  API_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0',
});

async function api(): Promise<SpawnedProcess> {
  const process = await spawnApi('serve', env());
  running.push(process);
  return process;
}

async function worker(faults: Record<string, string> = {}): Promise<SpawnedProcess> {
  const process = await spawnWorker(env(), faults);
  running.push(process);
  return process;
}

beforeAll(async () => {
  environment = await createTestEnvironment('api_chaos');
  token = (await environment.token(null, 'chaos')).token;
});
// Each test starts alone: a worker left by another would take the jobs meant for its victim.
afterEach(async () => {
  for (const process of running.splice(0)) {
    process.child.kill('SIGKILL');
    await process.exited;
  }
});
afterAll(async () => {
  console.log(`api chaos summary: ${JSON.stringify(summary)}`);
  await environment.close();
});

async function settled(client: ApiClient, id: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data } = await client.GET('/v1/operations/{id}', { params: { path: { id } } });
    if (data !== undefined && data.status !== 'queued' && data.status !== 'running') return data;
    if (Date.now() > deadline) throw new Error(`operation ${id} still ${data?.status} after ${timeoutMs} ms`);
    await sleep(200);
  }
}

/** No operation of the control plane is left open (one per request is checked by each test). */
async function nothingStuck(): Promise<void> {
  const open =
    await environment.sql`select id, kind, status from control_plane.operations where status in ('queued', 'running')`;
  expect(open).toEqual([]);
}

describe('the API killed while creating', () => {
  it('every creation retried with its Idempotency-Key makes exactly one project, provisioned', async () => {
    const first = await api();
    await worker();
    await worker();
    let client = createApiClient({ baseUrl: first.url, token });
    const keys = Array.from({ length: 30 }, () => randomUUID());
    const outcomes = new Map<string, string>();
    const create = async (key: string, target: ApiClient) => {
      summary.requests++;
      const answer = await target.POST('/v1/projects', {
        body: { name: key, region: 'us-east-1', organization_id: 'org-chaos', owner_id: 'o' },
        headers: { 'idempotency-key': key },
      });
      return answer.data;
    };
    // All at once; the API dies a few milliseconds in, with requests in flight and uncommitted.
    const inFlight = keys.map((key) =>
      create(key, client).then(
        (data) => void outcomes.set(key, data!.project.id),
        () => undefined,
      ),
    );
    await sleep(15 + Math.floor(Math.random() * 40));
    first.child.kill('SIGKILL');
    summary.apiKills++;
    await Promise.all(inFlight);
    expect(await first.exited).toBe('SIGKILL');

    // A client that lost its answer asks again with the same key, of a new API process.
    const second = await api();
    client = createApiClient({ baseUrl: second.url, token });
    for (const key of keys) {
      const data = await create(key, client);
      if (!outcomes.has(key)) summary.retried++;
      // Asked again, every key answers the project it made the first time.
      if (outcomes.has(key)) expect(data!.project.id).toBe(outcomes.get(key));
      outcomes.set(key, data!.project.id);
    }
    const rows = await environment.sql<{ name: string; n: number }[]>`
      select name, count(*)::int as n from control_plane.projects where organization_id = 'org-chaos' group by name`;
    expect(rows).toHaveLength(keys.length);
    expect(rows.every((row) => row.n === 1)).toBe(true);
    for (const projectId of outcomes.values()) {
      const { data } = await client.GET('/v1/projects/{id}/operations', { params: { path: { id: projectId } } });
      expect(data!.data).toHaveLength(1);
      expect(await settled(client, data!.data[0]!.id)).toMatchObject({ status: 'succeeded' });
      summary.operations++;
    }
    await nothingStuck();
  });
});

describe('workers killed in lifecycle operations', () => {
  // Kill points of the lifecycle runs, from their step tables (after each step, and after the
  // settlement), and of a provisioning's first step.
  const kinds = ['suspend', 'resume', 'delete'] as const;
  const points: [string, 'provision' | (typeof kinds)[number]][] = [
    ...kinds.flatMap((kind) => [
      ...LIFECYCLE[kind].table.names.map((step): [string, typeof kind] => [`${kind}:${step}:after`, kind]),
      [`${kind}:settled`, kind] as [string, typeof kind],
    ]),
    ['database:before', 'provision'],
  ];

  it.each(points)('killed at %s: the operation is resumed by another worker and succeeds once', async (point, kind) => {
    const server = await api();
    const client = createApiClient({ baseUrl: server.url, token });
    const create = () =>
      client.POST('/v1/projects', {
        body: { name: `victim ${point}`, region: 'us-east-1', organization_id: 'org-chaos-life', owner_id: 'o' },
      });
    let victim: SpawnedProcess;
    let project: { id: string };
    let operationId: string;
    let result: Awaited<ReturnType<typeof claim>> | undefined;
    const claim = async (id: string) =>
      (await client.POST('/v1/projects/{id}/one-time-result/claim', { params: { path: { id } } })).data!;
    if (kind === 'provision') {
      // Only the victim works: it takes the provisioning and dies at the point.
      victim = await worker({ [point]: 'kill' });
      const created = (await create()).data!;
      project = created.project;
      operationId = created.operation.id;
    } else {
      // A provisioned project (suspended, for resume), made by a healthy worker.
      const helper = await worker();
      const created = (await create()).data!;
      project = created.project;
      await settled(client, created.operation.id);
      if (kind === 'resume') {
        const suspend = await client.POST('/v1/projects/{id}/suspend', { params: { path: { id: project.id } } });
        await settled(client, suspend.data!.operation.id);
      }
      result = await claim(project.id);
      await helper.stop();
      victim = await worker({ [point]: 'kill' });
      const answer =
        kind === 'delete'
          ? await client.DELETE('/v1/projects/{id}', { params: { path: { id: project.id } } })
          : await client.POST(`/v1/projects/{id}/${kind}`, { params: { path: { id: project.id } } });
      operationId = answer.data!.operation.id;
    }
    // A victim that never reaches its point would be a test that kills nothing.
    const died = await Promise.race([victim.exited, sleep(60_000).then(() => 'still running')]);
    expect(died, `the worker never reached ${point}`).toBe('SIGKILL');
    summary.workerKills++;

    // Another worker recovers the job once the victim's heartbeat runs out.
    const rescuer = await worker();
    const operation = await settled(client, operationId);
    expect(operation).toMatchObject({ kind, status: 'succeeded' });
    // Killed after it settled, the operation had ended: the job's redelivery finds nothing to do.
    expect(operation.attempts).toBeGreaterThanOrEqual(point.endsWith(':settled') ? 1 : 2);
    summary.operations++;
    const after = (await client.GET('/v1/projects/{id}', { params: { path: { id: project.id } } })).data!;
    const expected = { provision: 'active', suspend: 'suspended', resume: 'active', delete: 'deleted' }[kind];
    expect(after.status).toBe(expected);
    // Switched off (suspended, or deleted and kept for its recovery): keys and login refused.
    const off = kind === 'suspend' || kind === 'delete';
    if (result !== undefined) {
      const key = result.api_keys[0]!.key;
      const verified = (await client.POST('/v1/api-keys/verify', { body: { key } })).data!;
      expect(verified.valid).toBe(!off);
      if (kind === 'delete') expect(verified.reason).toBe('deleted');
      const tenant = postgres(result.database.connection_string, { max: 1, onnotice: () => {} });
      const login = await tenant`select 1`.then(
        () => 'ok',
        (error: { code?: string }) => error.code,
      );
      await tenant.end({ timeout: 1 });
      expect(login).toBe(off ? '28000' : 'ok');
    }
    if (kind === 'delete') {
      // Deleted, not purged: the database is kept, untouched, until the retention ends.
      const [database] = await environment.sql<{ n: number }[]>`
        select count(*)::int as n from pg_database where datname = ${`tenant_${project.id.replaceAll('-', '_')}`}`;
      expect(database!.n).toBe(1);
    }
    // Each request made one operation, whatever the kills.
    const history = await client.GET('/v1/projects/{id}/operations', { params: { path: { id: project.id } } });
    const kinds = history.data!.data.map((op) => op.kind);
    expect(kinds.filter((k) => k === kind)).toHaveLength(1);
    await rescuer.stop();
    await server.stop();
    await nothingStuck();
  });
});
