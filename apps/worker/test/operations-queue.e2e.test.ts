import { randomUUID } from 'node:crypto';
import { generateApiKeys, verifyApiKey } from '@org/api-keys';
import { createProject, getProject, openTenantCredentials, tenantDatabaseName } from '@org/db';
import { waitFor } from '@org/db/testing';
import { OperationInProgressError } from '@org/errors';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { insertOperation, type OperationReport } from '@org/operations';
import { provisionProject } from '../src/provisioning/provision-project.js';
import { verifyProjectExists } from '../src/provisioning/validation.js';
import type { OperationRequest } from '@org/operations';
import { NOTHING_LEFT, projectState } from './support/project-state.js';
import { payloadFor, waitForProject } from './support/test-worker.js';
import { useTestWorker } from './support/use-test-worker.js';

const worker = useTestWorker();

/** What the API does: the project (when new) and its operation, in one transaction. */
async function request(operation: OperationRequest, project?: { id: string; region: string }): Promise<string> {
  return worker.db.client.sql.begin(async (tx) => {
    if (project !== undefined) {
      await tx`insert into control_plane.projects (id, name, region, owner_id, organization_id)
               values (${project.id}, 'operations test', ${project.region}, 'owner-1', 'org-1')`;
    }
    return worker.queue.requestOperation(tx, operation);
  });
}

async function settled(id: string, timeoutMs = 60_000): Promise<OperationReport> {
  const operation = await waitFor(() => worker.ctx.journal.operations.read(id), {
    until: (seen) => seen !== undefined && !['queued', 'running'].includes(seen.status),
    what: `operation ${id} settled`,
    timeoutMs,
  });
  return operation!;
}

async function provisioned(): Promise<{ id: string; operation: OperationReport }> {
  const id = randomUUID();
  const operationId = await request(
    { kind: 'provision', payload: payloadFor({ id, region: 'us-east-1' } as never), requestedBy: 'test' },
    { id, region: 'us-east-1' },
  );
  const operation = await settled(operationId);
  await waitForProject(worker, id);
  return { id, operation };
}

describe('operations through the queue', () => {
  it('a provisioning is an operation: queued, running, succeeded, with every attempt’s step runs', async () => {
    const { id, operation } = await provisioned();
    expect(operation).toMatchObject({
      projectId: id,
      kind: 'provision',
      status: 'succeeded',
      attempts: 1,
      error: null,
    });
    const [run] = operation.runs;
    expect(run).toMatchObject({ attempt: 1, status: 'succeeded' });
    const steps = Object.fromEntries(run!.steps.map((step) => [step.step, step]));
    expect(Object.keys(steps).sort()).toEqual(['api_keys', 'database', 'finalize', 'schema', 'services', 'validate']);
    for (const step of run!.steps) {
      expect(step.status).toBe('completed');
      expect(step.durationMs).toBeGreaterThanOrEqual(0);
    }
    // services runs beside database: it starts before database finishes.
    expect(Date.parse(steps['services']!.startedAt)).toBeLessThan(Date.parse(steps['database']!.finishedAt!));
    expect(await worker.ctx.journal.operations.list(id, { limit: 10 })).toEqual([operation]);
  });

  it('a second operation while one is open is refused, and nothing of it is left', async () => {
    const id = randomUUID();
    const first = await request(
      { kind: 'provision', payload: payloadFor({ id, region: 'us-east-1' } as never), requestedBy: 'test' },
      { id, region: 'us-east-1' },
    );
    const refused = await request({ kind: 'suspend', projectId: id, requestedBy: 'test' }).catch((e: unknown) => e);
    expect(OperationInProgressError.is(refused)).toBe(true);
    expect((refused as OperationInProgressError).operationId).toBe(first);
    await settled(first);
    expect((await worker.ctx.journal.operations.list(id, { limit: 10 })).map((op) => op.kind)).toEqual(['provision']);
    const jobs = await worker.db.client
      .sql`select 1 from pgboss.job where name = 'project_lifecycle' and data->>'project_id' = ${id}`;
    expect(jobs).toHaveLength(0);
  });

  it('suspend refuses the tenant’s login and its keys; resume gives both back; each is safe to repeat', async () => {
    const { id } = await provisioned();
    const result = await worker.ctx.journal.results.claim(id);
    const [key] = result!.api_keys;
    const credentials = await openTenantCredentials(tenantDatabaseName(id), worker.db);

    const suspend = await settled(await request({ kind: 'suspend', projectId: id, requestedBy: 'test' }));
    expect(suspend).toMatchObject({ kind: 'suspend', status: 'succeeded' });
    expect(suspend.runs[0]!.steps.map((step) => [step.step, step.status])).toEqual([
      ['api_keys', 'completed'],
      ['database', 'completed'],
    ]);
    expect((await getProject(id, worker.db))?.status).toBe('suspended');
    expect(await verifyApiKey(key!.key, {}, worker.db)).toMatchObject({ valid: false, reason: 'suspended' });
    const refused = postgres(credentials.connectionString, { max: 1, onnotice: () => {} });
    await expect(refused`select 1`).rejects.toMatchObject({ code: '28000' });
    await refused.end({ timeout: 1 });
    // Again: nothing changes, and it succeeds.
    expect(await settled(await request({ kind: 'suspend', projectId: id, requestedBy: 'test' }))).toMatchObject({
      status: 'succeeded',
    });

    expect(await settled(await request({ kind: 'resume', projectId: id, requestedBy: 'test' }))).toMatchObject({
      status: 'succeeded',
    });
    expect((await getProject(id, worker.db))?.status).toBe('active');
    expect((await verifyApiKey(key!.key, {}, worker.db)).valid).toBe(true);
    const tenant = postgres(credentials.connectionString, { max: 1, onnotice: () => {} });
    expect(await tenant`select 1 as one`).toEqual([{ one: 1 }]);
    await tenant.end();
  });

  it('a suspension failing for good is undone: the keys verify again, the operation says why and where', async () => {
    const { id } = await provisioned();
    const [key] = await generateApiKeys({ projectId: id }, {}, worker.db);
    worker.faults.set(id, new Map([['suspend:database:before', 'fail-final']]));
    const suspend = await settled(await request({ kind: 'suspend', projectId: id, requestedBy: 'test' }));
    worker.faults.delete(id);
    expect(suspend).toMatchObject({ status: 'failed', error: { code: 'PROGRAMMER_ERROR', step: 'database' } });
    expect(suspend.runs[0]!.steps.map((step) => [step.step, step.status])).toEqual([
      ['api_keys', 'completed'],
      ['database', 'failed'],
    ]);
    expect((await verifyApiKey(key!.key, {}, worker.db)).valid).toBe(true);
    expect((await getProject(id, worker.db))?.status).toBe('active');
  });

  it('suspending a project that is not provisioned fails at once and touches nothing', async () => {
    const project = await createProject(
      { name: 'never provisioned', region: 'us-east-1', ownerId: 'o', organizationId: 'g' },
      worker.db,
    );
    const suspend = await settled(await request({ kind: 'suspend', projectId: project.id, requestedBy: 'test' }));
    expect(suspend).toMatchObject({ status: 'failed', error: { code: 'PROJECT_NOT_ELIGIBLE' } });
    expect((await getProject(project.id, worker.db))?.status).toBe('active');
  });

  it('delete keeps everything switched off; recover gives it back as it was; purge removes everything', async () => {
    const { id } = await provisioned();
    const result = await worker.ctx.journal.results.claim(id);
    const [key] = result!.api_keys;
    const credentials = await openTenantCredentials(tenantDatabaseName(id), worker.db);
    const tenant = postgres(credentials.connectionString, { max: 1, onnotice: () => {} });
    await tenant`create table notes (body text)`;
    await tenant`insert into notes values ('kept')`;
    await tenant.end();
    const kept = await projectState(worker.ctx, id);
    const retentionSeconds = 3600;

    const deletion = await settled(
      await request({ kind: 'delete', projectId: id, requestedBy: 'test', retentionSeconds }),
    );
    expect(deletion).toMatchObject({ kind: 'delete', status: 'succeeded' });
    expect(deletion.runs[0]!.steps.map((step) => step.step)).toEqual(['api_keys', 'services', 'database']);
    const deleted = (await getProject(id, worker.db))!;
    expect(deleted).toMatchObject({ status: 'deleted', state: 'deleted', provisioningStatus: 'provisioned' });
    expect(deleted.purgeAt!.getTime() - deleted.deletedAt!.getTime()).toBe(retentionSeconds * 1000);
    expect(await verifyApiKey(key!.key, {}, worker.db)).toMatchObject({ valid: false, reason: 'deleted' });
    const refused = postgres(credentials.connectionString, { max: 1, onnotice: () => {} });
    await expect(refused`select 1`).rejects.toMatchObject({ code: '28000' });
    await refused.end({ timeout: 1 });
    // Kept: the database and role, the keys, the services' rows (disabled) and the records.
    expect(await projectState(worker.ctx, id)).toMatchObject({
      databases: 1,
      roles: 1,
      activeKeys: kept.activeKeys,
      activeServices: [],
    });
    await expect(verifyProjectExists(id, worker.db)).rejects.toMatchObject({ code: 'PROJECT_NOT_ELIGIBLE' });
    // Suspending a deleted project is refused.
    expect(await settled(await request({ kind: 'suspend', projectId: id, requestedBy: 'test' }))).toMatchObject({
      status: 'failed',
      error: { code: 'PROJECT_NOT_ELIGIBLE' },
    });

    const recovery = await settled(await request({ kind: 'recover', projectId: id, requestedBy: 'test' }));
    expect(recovery).toMatchObject({ kind: 'recover', status: 'succeeded' });
    expect(await getProject(id, worker.db)).toMatchObject({ state: 'active', deletedAt: null, purgeAt: null });
    expect((await verifyApiKey(key!.key, {}, worker.db)).valid).toBe(true);
    const back = await projectState(worker.ctx, id);
    expect(back).toMatchObject({ databases: 1, roles: 1, activeKeys: kept.activeKeys });
    expect(back.activeServices.sort()).toEqual(kept.activeServices.sort());
    expect(back.resources.sort()).toEqual(kept.resources.sort());
    const rows = postgres(credentials.connectionString, { max: 1, onnotice: () => {} });
    expect(await rows`select body from notes`).toEqual([{ body: 'kept' }]);
    await rows.end();

    // Suspended, deleted, recovered: suspended again, login and keys refused as before.
    await settled(await request({ kind: 'suspend', projectId: id, requestedBy: 'test' }));
    await settled(await request({ kind: 'delete', projectId: id, requestedBy: 'test', retentionSeconds }));
    await settled(await request({ kind: 'recover', projectId: id, requestedBy: 'test' }));
    expect(await getProject(id, worker.db)).toMatchObject({ state: 'suspended', statusBeforeDelete: null });
    expect(await verifyApiKey(key!.key, {}, worker.db)).toMatchObject({ valid: false, reason: 'suspended' });
    const stillRefused = postgres(credentials.connectionString, { max: 1, onnotice: () => {} });
    await expect(stillRefused`select 1`).rejects.toMatchObject({ code: '28000' });
    await stillRefused.end({ timeout: 1 });

    // Purge: only a deleted project, then nothing is left.
    expect(await settled(await request({ kind: 'purge', projectId: id, requestedBy: 'test' }))).toMatchObject({
      status: 'failed',
      error: { code: 'PROJECT_NOT_ELIGIBLE' },
    });
    await settled(await request({ kind: 'delete', projectId: id, requestedBy: 'test', retentionSeconds }));
    const purge = await settled(await request({ kind: 'purge', projectId: id, requestedBy: 'test' }));
    expect(purge).toMatchObject({ kind: 'purge', status: 'succeeded' });
    expect(purge.runs[0]!.steps.map((step) => step.step)).toEqual(['api_keys', 'services', 'database', 'holds']);
    expect(await getProject(id, worker.db)).toMatchObject({ state: 'purged', provisioningStatus: 'deprovisioned' });
    expect(await projectState(worker.ctx, id)).toMatchObject(NOTHING_LEFT);
    const holds = await worker.db.client.sql`select 1 from control_plane.api_key_suspensions where project_id = ${id}`;
    expect(holds).toHaveLength(0);
    expect(await settled(await request({ kind: 'recover', projectId: id, requestedBy: 'test' }))).toMatchObject({
      status: 'failed',
      error: { code: 'PROJECT_NOT_ELIGIBLE' },
    });
  });

  it('a deleted project is purged when its retention ends, by the queue; one recovered before is not', async () => {
    const [purged, recovered] = [await provisioned(), await provisioned()];
    for (const { id } of [purged, recovered]) {
      await settled(await request({ kind: 'delete', projectId: id, requestedBy: 'test', retentionSeconds: 2 }));
    }
    await settled(await request({ kind: 'recover', projectId: recovered.id, requestedBy: 'test' }));
    await waitFor(() => getProject(purged.id, worker.db), {
      until: (project) => project?.state === 'purged',
      what: 'the purge at the end of the retention',
      timeoutMs: 30_000,
    });
    expect(await projectState(worker.ctx, purged.id)).toMatchObject(NOTHING_LEFT);
    const [purge] = await worker.ctx.journal.operations.list(purged.id, { limit: 1 });
    expect(purge).toMatchObject({ kind: 'purge', status: 'succeeded', requestedBy: 'retention' });
    // The recovered one's job ran too (both were due at once) and left it alone.
    await waitFor(
      () => worker.db.client.sql`
        select 1 from pgboss.job where name = 'project_purge_due' and data->>'project_id' = ${recovered.id}
          and state = 'completed'`,
      { until: (rows) => rows.length > 0, what: 'the recovered project’s purge job done', timeoutMs: 30_000 },
    );
    expect(await getProject(recovered.id, worker.db)).toMatchObject({ state: 'active', purgeAt: null });
  });

  it('deletion protection refuses delete and purge, whoever asks, until it is lifted', async () => {
    const { id } = await provisioned();
    await worker.db.client.sql`update control_plane.projects set deletion_protection = true where id = ${id}`;
    expect(
      await settled(await request({ kind: 'delete', projectId: id, requestedBy: 'test', retentionSeconds: 3600 })),
    ).toMatchObject({ status: 'failed', error: { code: 'DELETION_PROTECTED' } });
    expect(await getProject(id, worker.db)).toMatchObject({ state: 'active' });
    await worker.db.client.sql`update control_plane.projects set deletion_protection = false where id = ${id}`;
    await settled(await request({ kind: 'delete', projectId: id, requestedBy: 'test', retentionSeconds: 3600 }));
    // Turned on behind the API's back while deleted: the purge is refused too.
    await worker.db.client.sql`update control_plane.projects set deletion_protection = true where id = ${id}`;
    expect(await settled(await request({ kind: 'purge', projectId: id, requestedBy: 'test' }))).toMatchObject({
      status: 'failed',
      error: { code: 'DELETION_PROTECTED' },
    });
    expect(await projectState(worker.ctx, id)).toMatchObject({ databases: 1, roles: 1 });
  });

  it('a failed provisioning keeps its timeline', async () => {
    // A provisioning that fails at services on every attempt: compensated, its runs kept.
    const failing = randomUUID();
    worker.faults.set(failing, new Map([['services:before', 'fail']]));
    const operationId = await request(
      { kind: 'provision', payload: payloadFor({ id: failing, region: 'us-east-1' } as never), requestedBy: 'test' },
      { id: failing, region: 'us-east-1' },
    );
    const failed = await settled(operationId);
    worker.faults.delete(failing);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, error: { code: 'ECONNRESET', step: 'services' } });
    expect(failed.runs.map((run) => run.status)).toEqual(['failed', 'failed', 'failed']);
    for (const run of failed.runs) {
      expect(run.steps.find((step) => step.step === 'services')).toMatchObject({
        status: 'failed',
        error: { code: 'ECONNRESET' },
      });
    }
    expect(await projectState(worker.ctx, failing)).toMatchObject(NOTHING_LEFT);
  });

  it('a queued operation cancelled before a worker takes it is never run', async () => {
    const project = await createProject(
      { name: 'cancelled', region: 'us-east-1', ownerId: 'o', organizationId: 'g' },
      worker.db,
    );
    const id = randomUUID();
    // Recorded without its job, as if no worker had fetched it yet.
    await worker.db.client.sql.begin((tx) =>
      insertOperation(tx, { id, projectId: project.id, kind: 'provision', requestedBy: 'test' }),
    );
    expect(await worker.ctx.journal.operations.cancel(id)).toEqual({
      cancelled: true,
      projectId: project.id,
      kind: 'provision',
    });
    expect(await worker.ctx.journal.operations.cancel(id)).toEqual({
      cancelled: false,
      reason: 'not_cancellable',
      status: 'cancelled',
    });
    expect(await worker.ctx.journal.operations.cancel(randomUUID())).toEqual({ cancelled: false, reason: 'not_found' });
    const outcome = await provisionProject(payloadFor(project), worker.ctx, { jobId: id, finalAttempt: false });
    expect(outcome.job).toMatchObject({ state: 'completed', output: { cancelled: true } });
    expect(await getProject(project.id, worker.db)).toMatchObject({ provisioningStatus: 'pending' });
    expect(await worker.ctx.journal.operations.read(id)).toMatchObject({ status: 'cancelled', attempts: 0, runs: [] });
  });
});
