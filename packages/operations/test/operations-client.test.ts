import { randomUUID } from 'node:crypto';
import { createSecretBox, loadSecretKey } from '@org/db';
import { createTestDatabase, testSecretKey, type TestDatabase } from '@org/db/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  beginOperationRun,
  LIFECYCLE_QUEUE,
  migrateControlPlane,
  openBoss,
  OperationsClient,
  PROVISION_QUEUE,
  recordStepTransition,
  settleLifecycleSucceeded,
  takeProjectLease,
  type ProvisioningData,
} from '../src/index.js';

describe('OperationsClient', () => {
  let database: TestDatabase;
  let sql: postgres.Sql;
  let client: OperationsClient;
  const secrets = createSecretBox(loadSecretKey({ key: testSecretKey() }));

  beforeAll(async () => {
    database = await createTestDatabase('operations');
    sql = postgres(database.url, { max: 2, onnotice: () => {} });
    await migrateControlPlane(sql);
    // The workers create the queues (with their policies); here, as plain queues.
    const { boss, sql: bossSql } = openBoss(database.url, { supervise: false });
    await boss.start();
    await boss.createQueue(PROVISION_QUEUE);
    await boss.createQueue(LIFECYCLE_QUEUE);
    await boss.stop({ graceful: false, close: true });
    await bossSql.end();
    client = new OperationsClient({ databaseUrl: database.url, secrets });
    await client.start();
  });
  afterAll(async () => {
    await client.close();
    await sql.end();
    await database.drop();
  });

  const newProject = async (): Promise<string> => {
    const [project] = await sql<{ id: string }[]>`
      insert into control_plane.projects (name, region, owner_id, organization_id)
      values ('ops', 'us-east-1', 'owner', 'org') returning id`;
    return project!.id;
  };
  const job = async (id: string) =>
    (await sql<{ name: string; state: string }[]>`select name, state from pgboss.job where id = ${id}::uuid`)[0];

  it('records a provisioning and its job in the caller’s transaction, both or neither', async () => {
    const projectId = await newProject();
    const payload = { project_id: projectId, region: 'us-east-1' as const, owner_id: 'owner', organization_id: 'org' };
    const id = await sql.begin((tx) => client.request(tx, { kind: 'provision', payload, requestedBy: 'test' }));
    expect(await job(id)).toEqual({ name: PROVISION_QUEUE, state: 'created' });
    const operation = await client.store.read(id);
    expect(operation).toMatchObject({
      id,
      projectId,
      kind: 'provision',
      status: 'queued',
      requestedBy: 'test',
      runs: [],
    });
    // One open operation per project: the second is refused, and its transaction leaves nothing.
    const second = await sql
      .begin((tx) => client.request(tx, { kind: 'suspend', projectId, requestedBy: 'test' }))
      .catch((error: unknown) => error);
    expect(second).toMatchObject({ code: 'OPERATION_IN_PROGRESS' });
    expect(await client.store.list(projectId, { limit: 10 })).toHaveLength(1);
    // A caller that rolls back leaves neither the operation nor the job.
    const other = await newProject();
    let rolledBack: string | undefined;
    await sql
      .begin(async (tx) => {
        rolledBack = await client.request(tx, { kind: 'suspend', projectId: other, requestedBy: 'test' });
        throw new Error('the caller changed its mind');
      })
      .catch(() => undefined);
    expect(rolledBack).toBeDefined();
    expect(await client.store.read(rolledBack!)).toBeUndefined();
    expect(await job(rolledBack!)).toBeUndefined();
  });

  it('refuses a bad payload with every invalid field named, recording nothing', async () => {
    const projectId = await newProject();
    const refused = await sql
      .begin((tx) =>
        client.request(tx, {
          kind: 'provision',
          // A caller's input, as it arrives: not yet checked.
          payload: { project_id: projectId, region: 'mars-1', owner_id: '', organization_id: 'org' } as never,
          requestedBy: 'test',
        }),
      )
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(refused)).toContain('region');
    expect(JSON.stringify(refused)).toContain('owner_id');
    expect(await client.store.list(projectId, { limit: 10 })).toEqual([]);
  });

  it('cancels a queued operation and takes its job out of the queue; a running one is not cancellable', async () => {
    const projectId = await newProject();
    const id = await sql.begin((tx) => client.request(tx, { kind: 'suspend', projectId, requestedBy: 'test' }));
    expect(await client.store.cancel(id)).toEqual({ cancelled: true, projectId, kind: 'suspend' });
    await client.cancelJob('suspend', id);
    expect(await job(id)).toMatchObject({ state: 'cancelled' });
    expect(await client.store.read(id)).toMatchObject({ status: 'cancelled' });

    const running = await sql.begin((tx) => client.request(tx, { kind: 'resume', projectId, requestedBy: 'test' }));
    const connection = await sql.reserve();
    try {
      await beginOperationRun(connection, await takeProjectLease(connection, projectId, 'test'), running, 1);
    } finally {
      await connection`select pg_advisory_unlock_all()`;
      connection.release();
    }
    expect(await client.store.cancel(running)).toEqual({
      cancelled: false,
      reason: 'not_cancellable',
      status: 'running',
    });
    expect(await client.store.cancel(randomUUID())).toEqual({ cancelled: false, reason: 'not_found' });
  });

  it('reports an operation’s runs from the journal the worker writes, and its project’s new state', async () => {
    const projectId = await newProject();
    await sql`update control_plane.projects set provisioning_status = 'provisioned' where id = ${projectId}`;
    const id = await sql.begin((tx) => client.request(tx, { kind: 'suspend', projectId, requestedBy: 'test' }));
    const connection = await sql.reserve();
    try {
      const lease = await takeProjectLease(connection, projectId, 'test');
      const start = await beginOperationRun(connection, lease, id, 1);
      expect(start).toMatchObject({ open: true, kind: 'suspend', provisioningStatus: 'provisioned' });
      const run = { lease, attemptId: start.attemptId!, provisioningOf: null };
      await recordStepTransition(connection, run, { started: ['api_keys'] });
      await recordStepTransition(connection, run, {
        done: { step: 'api_keys', output: {}, durationMs: 5 },
        started: ['database'],
      });
      await settleLifecycleSucceeded(connection, lease, {
        operationId: id,
        attemptId: start.attemptId!,
        kind: 'suspend',
        last: { step: 'database', output: {}, durationMs: 7 },
      });
    } finally {
      await connection`select pg_advisory_unlock_all()`;
      connection.release();
    }
    const operation = await client.store.read(id);
    expect(operation).toMatchObject({ status: 'succeeded', attempts: 1, error: null });
    expect(operation!.runs).toHaveLength(1);
    expect(operation!.runs[0]).toMatchObject({ attempt: 1, status: 'succeeded' });
    expect(operation!.runs[0]!.steps.map(({ step, status, durationMs }) => [step, status, durationMs])).toEqual([
      ['api_keys', 'completed', 5],
      ['database', 'completed', 7],
    ]);
    const [project] = await sql`select status, state from control_plane.projects where id = ${projectId}`;
    expect(project).toEqual({ status: 'suspended', state: 'suspended' });
  });

  it('hands a one-time result out once, sealed at rest', async () => {
    const projectId = await newProject();
    const data = {
      database: { name: 'db', password: 'a-password-of-the-tenant' },
      services: {},
      api_keys: [],
      metadata: { project_id: projectId },
    } as unknown as ProvisioningData;
    await client.results.replace(projectId, data);
    const [stored] = await sql<{ sealed: string }[]>`
      select sealed from control_plane.provisioning_results where project_id = ${projectId}`;
    expect(stored!.sealed).not.toContain('a-password-of-the-tenant');
    expect(await sql.begin((tx) => client.results.claim(projectId, tx))).toEqual(data);
    expect(await client.results.claim(projectId)).toBeUndefined();
  });

  it('counts the provisioning queue’s jobs and answers pings', async () => {
    await expect(client.ping()).resolves.toBeUndefined();
    await expect(client.pingQueue()).resolves.toBeUndefined();
    const before = await client.depth();
    const projectId = await newProject();
    const payload = { project_id: projectId, region: 'us-east-1' as const, owner_id: 'owner', organization_id: 'org' };
    await sql.begin((tx) => client.request(tx, { kind: 'provision', payload, requestedBy: 'test' }));
    const after = await client.depth();
    expect(after.states).toEqual({ ...before.states, ready: before.states['ready']! + 1 });
    expect(after.deadLetters).toBe(0);
  });

  describe('waitForEnd', () => {
    const newOperation = async (status: 'queued' | 'running' = 'running'): Promise<string> => {
      const id = randomUUID();
      await sql`insert into control_plane.operations (id, project_id, kind, status) values (${id}, ${await newProject()}, 'suspend', ${status})`;
      return id;
    };
    const end = (id: string, status = 'succeeded') =>
      sql`update control_plane.operations set status = ${status}, finished_at = now() where id = ${id}`;
    const backends = async () =>
      (
        await sql<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'control-plane-operations'`
      )[0]!.n;

    it('answers at once for an ended or unknown operation', async () => {
      const id = await newOperation();
      await end(id, 'failed');
      expect((await client.waitForEnd(id, 60_000))?.status).toBe('failed');
      expect(await client.waitForEnd(randomUUID(), 60_000)).toBeUndefined();
    });

    it('wakes 100 waiters when their operations end, holding no pooled connection meanwhile', async () => {
      const ids = await Promise.all(Array.from({ length: 100 }, () => newOperation()));
      // Far longer than this test may take: each wait ends because its operation did.
      const waits = ids.map((id) => client.waitForEnd(id, 600_000));
      await expect.poll(() => client.waiting, { timeout: 10_000 }).toBe(100);
      // Its pool (4) and the one listening connection, whatever the number of waiters.
      expect(await backends()).toBeLessThanOrEqual(5);
      await Promise.all(ids.map((id, n) => end(id, n % 2 === 0 ? 'succeeded' : 'cancelled')));
      const ended = await Promise.all(waits);
      expect(ended.map((operation) => operation?.status)).toEqual(
        ids.map((_, n) => (n % 2 === 0 ? 'succeeded' : 'cancelled')),
      );
      expect(client.waiting).toBe(0);
    });

    it('answers the operation as it is when the wait runs out or the caller goes away', async () => {
      const id = await newOperation('queued');
      expect((await client.waitForEnd(id, 200))?.status).toBe('queued');
      const gone = new AbortController();
      const wait = client.waitForEnd(id, 600_000, gone.signal);
      await expect.poll(() => client.waiting).toBe(1);
      gone.abort();
      expect((await wait)?.status).toBe('queued');
      expect(client.waiting).toBe(0);
    });

    it('still answers an end announced while its listening connection was cut', async () => {
      const id = await newOperation();
      const wait = client.waitForEnd(id, 600_000);
      await expect.poll(() => client.waiting).toBe(1);
      // The listener goes, the operation ends while no one listens, the listener comes back.
      const cut = await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and application_name = 'control-plane-operations' and query ilike 'listen%'`;
      expect(cut).toHaveLength(1);
      await end(id);
      expect((await wait)?.status).toBe('succeeded');
    });
  });
});
