import { randomUUID } from 'node:crypto';
import { getProjectApiKeys, verifyApiKey } from '@org/api-keys';
import { getProject } from '@org/db';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { updateProjectProvisioningStatus } from '@org/operations';
import { provisionProject, provisionProjectHandler } from '../src/provisioning/provision-project.js';
import { checkQuotaLimit } from '../src/provisioning/validation.js';
import { projectState } from './support/project-state.js';
import { newProject, payloadFor } from './support/test-worker.js';
import { useTestWorker } from './support/use-test-worker.js';

const worker = useTestWorker({ queue: false });

describe('provisionProjectHandler (direct use)', () => {
  it('returns the spec result shape and leaves no sealed copy behind', async () => {
    const project = await newProject(worker);
    const result = await provisionProjectHandler(
      payloadFor(project, { api_keys: { count: 3, prefix: 'direct' } }),
      worker.ctx,
    );
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.data.database.name).toBe(`tenant_${project.id.replaceAll('-', '_')}`);
    expect(result.data.database.port).toBeGreaterThan(0);
    expect(result.data.api_keys).toHaveLength(3);
    expect(result.data.metadata).toMatchObject({ project_id: project.id, region: 'us-east-1', attempt: 1 });
    expect((await verifyApiKey(result.data.api_keys[0]!.key, {}, worker.db)).valid).toBe(true);
    expect(await worker.ctx.journal.results.claim(project.id)).toBeUndefined();
    // A second run finds the project provisioned and touches nothing.
    const again = await provisionProjectHandler(payloadFor(project), worker.ctx);
    expect(again).toMatchObject({
      success: false,
      error: { code: 'PROJECT_NOT_ELIGIBLE', retryable: false, context: { status: 'provisioned' } },
    });
    expect(await projectState(worker.ctx, project.id)).toMatchObject({ databases: 1, activeKeys: 3 });
  });

  it('names every invalid field and creates nothing', async () => {
    const result = await provisionProjectHandler(
      {
        project_id: '1; drop table x',
        region: 'nowhere',
        services: { auth: 'yes' },
        api_keys: { count: 0 },
      },
      worker.ctx,
    );
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.code).toBe('VALIDATION_FAILED');
    expect(result.error.fields).toEqual(
      expect.arrayContaining([
        'project_id',
        'region',
        'services.auth',
        'api_keys.count',
        'owner_id',
        'organization_id',
      ]),
    );
  });

  it('refuses a payload parsed from JSON with a "__proto__" key, and nothing is polluted', async () => {
    const project = await newProject(worker);
    // Only JSON.parse makes "__proto__" an own key, as a job's data or a request body carries
    // it; in an object literal it sets the prototype and leaves no key to refuse.
    const payload: unknown = JSON.parse(
      `{"__proto__": {"polluted": true}, ${JSON.stringify(payloadFor(project)).slice(1)}`,
    );
    expect(Object.keys(payload as object)).toContain('__proto__');
    const result = await provisionProjectHandler(payload, worker.ctx);
    expect(result).toMatchObject({
      success: false,
      error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('"__proto__"') as unknown },
    });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(await projectState(worker.ctx, project.id)).toMatchObject({ databases: 0, roles: 0, resources: [] });
  });

  it('an unknown project is PROJECT_NOT_FOUND', async () => {
    const result = await provisionProjectHandler(
      payloadFor({ id: randomUUID(), region: 'us-east-1' } as never),
      worker.ctx,
    );
    expect(result).toMatchObject({ success: false, error: { code: 'PROJECT_NOT_FOUND' } });
  });

  it('a final failure compensates; a failed project may be provisioned again', async () => {
    const project = await newProject(worker);
    worker.faults.set(project.id, new Map([['schema:after', 'fail']]));
    const failed = await provisionProjectHandler(payloadFor(project), worker.ctx);
    expect(failed).toMatchObject({ success: false, error: { step: 'schema', code: 'ECONNRESET' } });
    expect(await projectState(worker.ctx, project.id)).toMatchObject({ databases: 0, roles: 0, resources: [] });
    worker.faults.delete(project.id);
    const retried = await provisionProjectHandler(payloadFor(project), worker.ctx);
    expect(retried.success).toBe(true);
  });

  it('a retry that runs validate again (its record lost in a server restart) does not count its own work against the quotas', async () => {
    const project = await newProject(worker);
    // Attempt 1 makes the database, services and keys, then fails before finishing.
    worker.faults.set(project.id, new Map([['finalize:before', 'fail']]));
    const first = await provisionProject(payloadFor(project, { api_keys: { count: 10, prefix: 'test' } }), worker.ctx, {
      finalAttempt: false,
    });
    expect(first.job.state).toBe('failed');
    worker.faults.delete(project.id);
    // The restart lost the journal's records (they commit asynchronously): every step runs again.
    await worker.db.client.sql`delete from control_plane.provisioning_steps where project_id = ${project.id}`;
    const second = await provisionProject(
      payloadFor(project, { api_keys: { count: 10, prefix: 'test' } }),
      worker.ctx,
      { attempt: 2 },
    );
    expect(second.job.output).toMatchObject({ success: true });
    expect(second.job.state).toBe('completed');
    // Attempt 1's keys were replaced, not kept beside the new ones.
    const keys = await getProjectApiKeys(project.id, {}, worker.db);
    expect(keys.filter((key) => key.isActive && key.revokedAt === null)).toHaveLength(10);
    expect(await projectState(worker.ctx, project.id)).toMatchObject({ databases: 1 });
  });

  it('the login in the result logs in, also for a run whose database step an earlier version recorded (without it)', async () => {
    const project = await newProject(worker);
    worker.faults.set(project.id, new Map([['finalize:before', 'fail']]));
    const first = await provisionProject(payloadFor(project), worker.ctx, { finalAttempt: false });
    expect(first.job.state).toBe('failed');
    worker.faults.delete(project.id);
    // An earlier worker recorded the database step without the sealed login: finalize reads the record.
    const stripped = await worker.db.client.sql`
      update control_plane.provisioning_steps set output = output - 'sealed'
      where project_id = ${project.id} and step = 'database' and output ? 'sealed' returning step`;
    expect(stripped).toHaveLength(1);
    const result = await provisionProjectHandler(payloadFor(project), worker.ctx);
    expect(result.success).toBe(true);
    if (!result.success) return;
    const tenant = postgres(result.data.database.connection_string, { max: 1, onnotice: () => {} });
    const [row] = await tenant<{ user: string }[]>`select current_user as user`;
    await tenant.end();
    expect(row!.user).toBe(result.data.database.user);
    // Nothing sealed is left in the journal once the result is out.
    const sealed = await worker.db.client.sql`
      select step from control_plane.provisioning_steps where project_id = ${project.id} and output ? 'sealed'`;
    expect(sealed).toEqual([]);
  });
});

describe('validation functions', () => {
  it('checkQuotaLimit enforces databases 1, api_keys 10, services 3', async () => {
    const project = await newProject(worker);
    expect(await checkQuotaLimit(project.id, 'api_keys', 10, worker.db)).toMatchObject({ limit: 10, remaining: 10 });
    await expect(checkQuotaLimit(project.id, 'api_keys', 11, worker.db)).rejects.toMatchObject({
      code: 'QUOTA_EXCEEDED',
    });
    await expect(checkQuotaLimit(project.id, 'services', 4, worker.db)).rejects.toMatchObject({
      code: 'QUOTA_EXCEEDED',
    });
    await expect(checkQuotaLimit(project.id, 'databases', 2, worker.db)).rejects.toMatchObject({
      code: 'QUOTA_EXCEEDED',
    });
  });

  it('updateProjectProvisioningStatus sets the status, step and error it is given, and provisioned_at once provisioned', async () => {
    const project = await newProject(worker);
    await updateProjectProvisioningStatus(project.id, 'provisioning', { step: 'database' }, worker.db);
    expect(await getProject(project.id, worker.db)).toMatchObject({
      provisioningStatus: 'provisioning',
      provisioningStep: 'database',
      provisionedAt: null,
    });
    await updateProjectProvisioningStatus(project.id, 'failed', { error: 'boom' }, worker.db);
    expect(await getProject(project.id, worker.db)).toMatchObject({
      provisioningStatus: 'failed',
      provisioningStep: 'database',
      provisioningError: 'boom',
    });
    await updateProjectProvisioningStatus(project.id, 'provisioned', { step: null, error: null }, worker.db);
    const provisioned = await getProject(project.id, worker.db);
    expect(provisioned).toMatchObject({
      provisioningStatus: 'provisioned',
      provisioningStep: null,
      provisioningError: null,
    });
    expect(provisioned?.provisionedAt).toBeInstanceOf(Date);
  });
});

describe('one-time results', () => {
  it('cannot be claimed after expiry, and are purged', async () => {
    const project = await newProject(worker);
    const data = { database: { password: 'p' } } as never;
    await worker.ctx.journal.results.store(project.id, data);
    await worker.db.client
      .sql`update control_plane.provisioning_results set expires_at = now() - interval '1 second' where project_id = ${project.id}`;
    expect(await worker.ctx.journal.results.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await worker.ctx.journal.results.claim(project.id)).toBeUndefined();
    await worker.ctx.journal.results.store(project.id, data);
    const claims = await Promise.all(Array.from({ length: 5 }, () => worker.ctx.journal.results.claim(project.id)));
    expect(claims.filter((claim) => claim !== undefined)).toHaveLength(1);
  });
});
