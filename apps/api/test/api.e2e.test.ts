import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '@org/db/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../src/client/create-api-client.js';
import { spawnApi, type SpawnedProcess } from './support/spawn-process.js';
import { createTestEnvironment, type TestEnvironment } from './support/test-environment.js';

// The API as a platform's backend uses it: a real server process (a worker and the API,
// `control-plane-api start`) on a database of its own, through the client generated from
// the OpenAPI document the server publishes.
let environment: TestEnvironment;
let server: SpawnedProcess;
let api: ApiClient;

beforeAll(async () => {
  environment = await createTestEnvironment('api_e2e');
  server = await spawnApi('start', environment.env);
  api = createApiClient({ baseUrl: server.url, token: (await environment.token(null)).token });
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
  await environment.close();
});

/** Polls an operation until it ends, as the docs tell a client to. */
async function settled(operationId: string, timeoutMs = 60_000) {
  const open = (status: string) => status === 'queued' || status === 'running';
  return waitFor(
    async () => {
      const { data, response } = await api.GET('/v1/operations/{id}', { params: { path: { id: operationId } } });
      expect(response.status).toBe(200);
      if (open(data!.status)) expect(response.headers.get('retry-after')).toBe('1');
      return data!;
    },
    { until: (operation) => !open(operation.status), what: `operation ${operationId} settled`, timeoutMs },
  );
}

async function createProject(organizationId = 'org-e2e') {
  const { data, response } = await api.POST('/v1/projects', {
    body: { name: 'e2e project', region: 'eu-west-1', organization_id: organizationId, owner_id: 'owner-1' },
  });
  expect(response.status).toBe(202);
  return { ...data!, response };
}

describe('a project’s life through the HTTP API', () => {
  it('create -> poll -> claim once -> verify -> rotate -> suspend -> resume -> delete', async () => {
    // Create: 202 with the project and its queued operation, and where to poll.
    const { project, operation, response } = await createProject();
    expect(project).toMatchObject({ name: 'e2e project', status: 'pending', organization_id: 'org-e2e' });
    expect(operation).toMatchObject({ kind: 'provision', status: 'queued', project_id: project.id });
    expect(response.headers.get('location')).toBe(`/v1/projects/${project.id}`);
    expect(response.headers.get('operation-location')).toBe(`/v1/operations/${operation.id}`);
    expect(response.headers.get('retry-after')).toBe('1');

    const provisioned = await settled(operation.id);
    expect(provisioned).toMatchObject({ status: 'succeeded', attempts: 1, error: null });
    expect(provisioned.runs[0]!.steps.map((step) => step.step).sort()).toEqual([
      'api_keys',
      'database',
      'finalize',
      'schema',
      'services',
      'validate',
    ]);
    const got = await api.GET('/v1/projects/{id}', { params: { path: { id: project.id } } });
    expect(got.data).toMatchObject({ status: 'active', cluster: 'default', resources: { api_keys: { active: 2 } } });
    expect(got.data!.resources.database).toMatchObject({ name: `tenant_${project.id.replaceAll('-', '_')}` });
    expect(got.data!.resources.services.map((service) => service.type)).toEqual(['auth', 'realtime', 'storage']);
    const etag = got.response.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);

    // The one-time result: once, then 410.
    const claim = await api.POST('/v1/projects/{id}/one-time-result/claim', { params: { path: { id: project.id } } });
    expect(claim.response.status).toBe(200);
    expect(claim.response.headers.get('cache-control')).toBe('no-store');
    const result = claim.data!;
    expect(result.api_keys).toHaveLength(2);
    const again = await api.POST('/v1/projects/{id}/one-time-result/claim', { params: { path: { id: project.id } } });
    expect(again.response.status).toBe(410);
    expect(again.error).toMatchObject({ status: 410, code: 'RESULT_CLAIMED' });
    const tenant = postgres(result.database.connection_string, { max: 1, onnotice: () => {} });
    expect(await tenant`select key from platform.settings`).toEqual([{ key: 'project_id' }]);
    await tenant.end();

    // Verify, as a service that cannot import @org/api-keys would.
    const [first] = result.api_keys;
    const verified = await api.POST('/v1/api-keys/verify', { body: { key: first!.key } });
    expect(verified.data).toEqual({
      valid: true,
      reason: null,
      key_id: first!.id,
      project_id: project.id,
      scopes: ['read', 'write'],
    });

    // Rotate with a grace period: both keys work, the new one is shown once.
    const rotated = await api.POST('/v1/projects/{id}/api-keys/{keyId}/rotate', {
      params: { path: { id: project.id, keyId: first!.id } },
      body: { grace_seconds: 3600 },
    });
    expect(rotated.response.status).toBe(201);
    expect(rotated.data!.key).not.toBe(first!.key);
    for (const key of [first!.key, rotated.data!.key]) {
      expect((await api.POST('/v1/api-keys/verify', { body: { key } })).data!.valid).toBe(true);
    }
    const keys = await api.GET('/v1/projects/{id}/api-keys', { params: { path: { id: project.id } } });
    expect(Object.fromEntries(keys.data!.data.map((key) => [key.id, key.state]))).toMatchObject({
      [first!.id]: 'rotated',
      [rotated.data!.id]: 'active',
    });

    // Suspend: the tenant's login is refused and its keys say `suspended`.
    const suspend = await api.POST('/v1/projects/{id}/suspend', { params: { path: { id: project.id } } });
    expect(suspend.response.status).toBe(202);
    expect(await settled(suspend.data!.operation.id)).toMatchObject({ kind: 'suspend', status: 'succeeded' });
    expect((await api.GET('/v1/projects/{id}', { params: { path: { id: project.id } } })).data!.status).toBe(
      'suspended',
    );
    const refused = postgres(result.database.connection_string, { max: 1, onnotice: () => {} });
    await expect(refused`select 1`).rejects.toMatchObject({ code: '28000' });
    await refused.end({ timeout: 1 });
    expect((await api.POST('/v1/api-keys/verify', { body: { key: rotated.data!.key } })).data).toMatchObject({
      valid: false,
      reason: 'suspended',
    });
    // No new keys while suspended.
    const refusedKeys = await api.POST('/v1/projects/{id}/api-keys', {
      params: { path: { id: project.id } },
      body: {},
    });
    expect(refusedKeys.error).toMatchObject({ status: 409, code: 'PROJECT_NOT_ELIGIBLE' });

    // Resume: both come back.
    const resume = await api.POST('/v1/projects/{id}/resume', { params: { path: { id: project.id } } });
    expect(await settled(resume.data!.operation.id)).toMatchObject({ kind: 'resume', status: 'succeeded' });
    expect((await api.POST('/v1/api-keys/verify', { body: { key: rotated.data!.key } })).data!.valid).toBe(true);
    const back = postgres(result.database.connection_string, { max: 1, onnotice: () => {} });
    expect(await back`select 1 as one`).toEqual([{ one: 1 }]);
    await back.end();

    // If-Match of an old version is refused; delete with the current one.
    const stale = await api.DELETE('/v1/projects/{id}', {
      params: { path: { id: project.id }, header: { 'If-Match': etag! } },
    });
    expect(stale.error).toMatchObject({ status: 412, code: 'PRECONDITION_FAILED' });
    const current = (await api.GET('/v1/projects/{id}', { params: { path: { id: project.id } } })).response.headers.get(
      'etag',
    );
    // Deletion protection: delete is refused until it is lifted.
    const protectedProject = await api.PATCH('/v1/projects/{id}', {
      params: { path: { id: project.id }, header: { 'If-Match': current! } },
      body: { deletion_protection: true },
    });
    expect(protectedProject.data).toMatchObject({ deletion_protection: true });
    const refusedDelete = await api.DELETE('/v1/projects/{id}', { params: { path: { id: project.id } } });
    expect(refusedDelete.error).toMatchObject({ status: 409, code: 'DELETION_PROTECTED' });
    const lifted = await api.PATCH('/v1/projects/{id}', {
      params: { path: { id: project.id } },
      body: { deletion_protection: false },
    });
    expect(lifted.data).toMatchObject({ deletion_protection: false });
    const unchanged = (await api.GET('/v1/projects/{id}', { params: { path: { id: project.id } } })).response.headers;

    // Delete: recoverable for the default 7 days; the data kept, nothing of it reachable.
    const writer = postgres(result.database.connection_string, { max: 1, onnotice: () => {} });
    await writer`create table notes (body text)`;
    await writer`insert into notes values ('before the deletion')`;
    await writer.end();
    const deletion = await api.DELETE('/v1/projects/{id}', {
      params: { path: { id: project.id }, header: { 'If-Match': unchanged.get('etag')! } },
    });
    expect(deletion.response.status).toBe(202);
    expect(await settled(deletion.data!.operation.id)).toMatchObject({ kind: 'delete', status: 'succeeded' });
    const deleted = (await api.GET('/v1/projects/{id}', { params: { path: { id: project.id } } })).data!;
    expect(deleted.status).toBe('deleted');
    expect(deleted.resources.database?.name).toBe(`tenant_${project.id.replaceAll('-', '_')}`);
    expect(Date.parse(deleted.purge_at!) - Date.parse(deleted.deleted_at!)).toBe(7 * 86_400_000);
    expect(deleted.resources.services.map((service) => service.status)).toEqual(['disabled', 'disabled', 'disabled']);
    expect((await api.POST('/v1/api-keys/verify', { body: { key: rotated.data!.key } })).data!.reason).toBe('deleted');
    const locked = postgres(result.database.connection_string, { max: 1, onnotice: () => {} });
    await expect(locked`select 1`).rejects.toMatchObject({ code: '28000' });
    await locked.end({ timeout: 1 });
    const recoverable = await api.GET('/v1/projects', {
      params: { query: { organization_id: project.organization_id, state: 'deleted' } },
    });
    expect(recoverable.data!.data.map((listed) => [listed.id, listed.purge_at])).toContainEqual([
      project.id,
      deleted.purge_at,
    ]);
    // Protection is for a project not deleted; a repeated DELETE answers with the deletion.
    expect(
      (
        await api.PATCH('/v1/projects/{id}', {
          params: { path: { id: project.id } },
          body: { deletion_protection: true },
        })
      ).error,
    ).toMatchObject({ status: 409, code: 'PROJECT_NOT_ELIGIBLE' });
    const repeat = await api.DELETE('/v1/projects/{id}', { params: { path: { id: project.id } } });
    expect(repeat.response.status).toBe(200);
    expect(repeat.data!.operation.id).toBe(deletion.data!.operation.id);

    // Recover: back as it was, with its rows, its login and its key.
    const recovery = await api.POST('/v1/projects/{id}/recover', { params: { path: { id: project.id } } });
    expect(recovery.response.status).toBe(202);
    expect(await settled(recovery.data!.operation.id)).toMatchObject({ kind: 'recover', status: 'succeeded' });
    expect((await api.GET('/v1/projects/{id}', { params: { path: { id: project.id } } })).data).toMatchObject({
      status: 'active',
      deleted_at: null,
      purge_at: null,
    });
    expect((await api.POST('/v1/api-keys/verify', { body: { key: rotated.data!.key } })).data!.valid).toBe(true);
    const recovered = postgres(result.database.connection_string, { max: 1, onnotice: () => {} });
    expect(await recovered`select body from notes`).toEqual([{ body: 'before the deletion' }]);
    await recovered.end();

    // Purge: only a deleted project; then nothing is left, for good.
    const early = await api.DELETE('/v1/projects/{id}', {
      params: { path: { id: project.id }, query: { purge: 'true' } },
    });
    expect(early.error).toMatchObject({ status: 409, code: 'PROJECT_NOT_ELIGIBLE' });
    const badRetention = await api.DELETE('/v1/projects/{id}', {
      params: { path: { id: project.id }, query: { retention: '90d' } },
    });
    expect(badRetention.error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    const deleteAgain = await api.DELETE('/v1/projects/{id}', {
      params: { path: { id: project.id }, query: { retention: '2h' } },
    });
    expect(await settled(deleteAgain.data!.operation.id)).toMatchObject({ kind: 'delete', status: 'succeeded' });
    const twoHours = (await api.GET('/v1/projects/{id}', { params: { path: { id: project.id } } })).data!;
    expect(Date.parse(twoHours.purge_at!) - Date.parse(twoHours.deleted_at!)).toBe(2 * 3_600_000);
    const purge = await api.DELETE('/v1/projects/{id}', {
      params: { path: { id: project.id }, query: { purge: 'true' } },
    });
    expect(purge.response.status).toBe(202);
    expect(await settled(purge.data!.operation.id)).toMatchObject({ kind: 'purge', status: 'succeeded' });
    const purged = (await api.GET('/v1/projects/{id}', { params: { path: { id: project.id } } })).data!;
    expect(purged).toMatchObject({
      status: 'purged',
      purge_at: null,
      resources: { database: null, api_keys: { active: 0 } },
    });
    expect((await api.POST('/v1/api-keys/verify', { body: { key: rotated.data!.key } })).data!.reason).toBe('revoked');
    const [database] = await environment.sql<{ n: number }[]>`
      select count(*)::int as n from pg_database where datname = ${`tenant_${project.id.replaceAll('-', '_')}`}`;
    expect(database!.n).toBe(0);
    expect((await api.POST('/v1/projects/{id}/recover', { params: { path: { id: project.id } } })).error).toMatchObject(
      { status: 409, code: 'PROJECT_NOT_ELIGIBLE' },
    );

    // Every operation of the project, newest first.
    const history = await api.GET('/v1/projects/{id}/operations', { params: { path: { id: project.id } } });
    expect(history.data!.data.map((op) => `${op.kind}:${op.status}`)).toEqual([
      'purge:succeeded',
      'delete:succeeded',
      'recover:succeeded',
      'delete:succeeded',
      'resume:succeeded',
      'suspend:succeeded',
      'provision:succeeded',
    ]);
  });

  it('lists projects a page at a time, filtered by organization, status and search', async () => {
    const organization = `org-list-${randomUUID().slice(0, 8)}`;
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await createProject(organization)).project.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.GET('/v1/projects', {
        params: { query: { organization_id: organization, limit: 2, ...(cursor === undefined ? {} : { cursor }) } },
      });
      seen.push(...page.data!.data.map((project) => project.id));
      cursor = page.data!.next_cursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toEqual([...made].reverse());
    const byId = await api.GET('/v1/projects', { params: { query: { q: made[1]!.slice(0, 13) } } });
    expect(byId.data!.data.map((project) => project.id)).toEqual([made[1]]);
    const deleted = await api.GET('/v1/projects', {
      params: { query: { organization_id: organization, status: 'deleted' } },
    });
    expect(deleted.data!.data).toEqual([]);
    const bad = await api.GET('/v1/projects', { params: { query: { cursor: 'not-a-cursor' } } });
    expect(bad.error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('20 concurrent creations with one Idempotency-Key make one project and answer the same', async () => {
    const key = randomUUID();
    const organization = `org-idem-${randomUUID().slice(0, 8)}`;
    const body = { name: 'once', region: 'us-east-1' as const, organization_id: organization, owner_id: 'o' };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => api.POST('/v1/projects', { body, headers: { 'idempotency-key': key } })),
    );
    expect(answers.map((answer) => answer.response.status)).toEqual(Array(20).fill(202));
    expect(new Set(answers.map((answer) => answer.data!.project.id)).size).toBe(1);
    expect(new Set(answers.map((answer) => answer.data!.operation.id)).size).toBe(1);
    expect(answers.filter((answer) => answer.response.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);
    const [count] = await environment.sql<{ n: number }[]>`
      select count(*)::int as n from control_plane.projects where organization_id = ${organization}`;
    expect(count!.n).toBe(1);
    const other = await api.POST('/v1/projects', {
      body: { ...body, name: 'another' },
      headers: { 'idempotency-key': key },
    });
    expect(other.error).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    await settled(answers[0]!.data!.operation.id);
  });

  it('a second operation while one is open is a 409 naming it; a queued one can be cancelled, a started one not', async () => {
    const { project, operation } = await createProject();
    const busy = await api.POST('/v1/projects/{id}/suspend', { params: { path: { id: project.id } } });
    // Not provisioned yet, or busy provisioning: either way not now, and it says why.
    expect(busy.response.status).toBe(409);
    expect(['PROJECT_NOT_ELIGIBLE', 'OPERATION_IN_PROGRESS']).toContain(busy.error!.code);
    await settled(operation.id);
    const cancel = await api.POST('/v1/operations/{id}/cancel', { params: { path: { id: operation.id } } });
    expect(cancel.error).toMatchObject({ status: 409, code: 'OPERATION_NOT_CANCELLABLE' });
    const [first, second] = await Promise.all([
      api.POST('/v1/projects/{id}/suspend', { params: { path: { id: project.id } } }),
      api.POST('/v1/projects/{id}/suspend', { params: { path: { id: project.id } } }),
    ]);
    const statuses = [first.response.status, second.response.status].sort();
    expect(statuses).toEqual([202, 409]);
    const conflict = [first, second].find((answer) => answer.response.status === 409)!;
    const accepted = [first, second].find((answer) => answer.response.status === 202)!;
    expect(conflict.error).toMatchObject({ code: 'OPERATION_IN_PROGRESS', operation_id: accepted.data!.operation.id });
    await settled(accepted.data!.operation.id);
  });

  it('a failing service fails the provisioning with its step and code, never a driver’s text', async () => {
    environment.authApi.always('POST /projects', { status: 503 });
    try {
      const created = await api.POST('/v1/projects', {
        body: {
          name: 'fails at services',
          region: 'eu-west-1',
          organization_id: 'org-e2e',
          owner_id: 'owner-1',
          api_keys: { count: 3, prefix: 'fk' },
        },
      });
      // A second, whose request is not on record (as for a provisioning the CLI sent).
      const unrecorded = await createProject();
      const failed = await settled(created.data!.operation.id);
      expect(await settled(unrecorded.operation.id)).toMatchObject({ status: 'failed' });
      await environment.sql`
        update control_plane.operations set request = null where project_id = ${unrecorded.project.id}`;
      expect(failed).toMatchObject({
        status: 'failed',
        attempts: 3,
        error: { code: 'PARALLEL_OPERATIONS_FAILED', step: 'services', root_cause: { code: 'HTTP_503' } },
      });
      expect(failed.runs.map((run) => run.status)).toEqual(['failed', 'failed', 'failed']);
      const project = await api.GET('/v1/projects/{id}', { params: { path: { id: failed.project_id } } });
      expect(project.data).toMatchObject({ status: 'failed', resources: { database: null } });
      // The overview counts it, and its attempts by code, root cause and step.
      const overview = await api.GET('/v1/overview');
      expect(overview.data!.projects.by_status.failed).toBeGreaterThanOrEqual(1);
      expect(overview.data!.provisioning.failures_by_code).toContainEqual(
        expect.objectContaining({ code: 'PARALLEL_OPERATIONS_FAILED', root_code: 'HTTP_503', step: 'services' }),
      );
      expect(overview.data!.provisioning.last_hour.failed).toBeGreaterThanOrEqual(1);

      // Retried once the service is back: a new provisioning as first asked, which succeeds.
      environment.authApi.always('POST /projects', undefined);
      const retried = await api.POST('/v1/projects/{id}/retry', { params: { path: { id: failed.project_id } } });
      expect(retried.response.status).toBe(202);
      expect(retried.data!.operation).toMatchObject({ kind: 'provision', status: 'queued' });
      expect(await settled(retried.data!.operation.id)).toMatchObject({ status: 'succeeded', attempts: 1 });
      const active = await api.GET('/v1/projects/{id}', { params: { path: { id: failed.project_id } } });
      // As first asked: three keys of its prefix.
      expect(active.data).toMatchObject({
        status: 'active',
        region: 'eu-west-1',
        resources: { api_keys: { active: 3 } },
      });
      const keys = await api.GET('/v1/projects/{id}/api-keys', { params: { path: { id: failed.project_id } } });
      expect(keys.data!.data.map((key) => key.prefix)).toEqual(['fk', 'fk', 'fk']);
      // Without its request on record: the project's own region and owner, and the defaults.
      const fallback = await api.POST('/v1/projects/{id}/retry', { params: { path: { id: unrecorded.project.id } } });
      expect(await settled(fallback.data!.operation.id)).toMatchObject({ status: 'succeeded' });
      const defaults = await api.GET('/v1/projects/{id}', { params: { path: { id: unrecorded.project.id } } });
      expect(defaults.data).toMatchObject({
        status: 'active',
        owner_id: 'owner-1',
        resources: { api_keys: { active: 2 } },
      });
      // Only a failed provisioning is retried.
      const again = await api.POST('/v1/projects/{id}/retry', { params: { path: { id: failed.project_id } } });
      expect(again.error).toMatchObject({ status: 409, code: 'PROJECT_NOT_ELIGIBLE' });
    } finally {
      environment.authApi.always('POST /projects', undefined);
    }
  });

  it('the overview counts projects by state and region; a cluster’s pool refill is queued once', async () => {
    const { operation } = await createProject('org-overview');
    await settled(operation.id);
    const overview = await api.GET('/v1/overview');
    expect(overview.response.status).toBe(200);
    const data = overview.data!;
    expect(data.scope).toBe('all');
    const [count] = await environment.sql<{ n: number }[]>`select count(*)::int as n from control_plane.projects`;
    expect(data.projects.total).toBe(count!.n);
    expect(data.projects.by_region.find((region) => region.region === 'eu-west-1')!.total).toBeGreaterThanOrEqual(1);
    expect(data.provisioning.per_minute).toHaveLength(30);
    expect(data.provisioning.per_minute.reduce((sum, minute) => sum + minute.succeeded, 0)).toBeGreaterThanOrEqual(1);
    expect(data.provisioning.duration_ms.p50).toBeGreaterThan(0);
    expect(Object.keys(data.queue!).sort()).toEqual(['active', 'dead_letter', 'deferred', 'ready', 'retry']);
    expect(data.clusters!.map((cluster) => cluster.name)).toEqual(['default']);
    expect(data.clusters![0]!.regions).toEqual(expect.arrayContaining(['eu-west-1', 'us-east-1']));
    expect(data.clusters![0]!.tenant_databases).toBeGreaterThanOrEqual(1);

    // A token of one organization sees its own projects and no platform.
    const scoped = createApiClient({ baseUrl: server.url, token: (await environment.token('org-overview')).token });
    const own = await scoped.GET('/v1/overview');
    expect(own.data).toMatchObject({ scope: 'org-overview', queue: null, clusters: null, projects: { total: 1 } });
    const refused = await scoped.POST('/v1/clusters/{name}/pool/refill', { params: { path: { name: 'default' } } });
    expect(refused.error).toMatchObject({ status: 404, code: 'NOT_FOUND' });

    const unknown = await api.POST('/v1/clusters/{name}/pool/refill', { params: { path: { name: 'nowhere' } } });
    expect(unknown.error).toMatchObject({ status: 404 });
    const refill = await api.POST('/v1/clusters/{name}/pool/refill', { params: { path: { name: 'default' } } });
    expect(refill.response.status).toBe(202);
    expect(refill.data!.cluster).toBe('default');
    expect(typeof refill.data!.queued).toBe('boolean');
    const [job] = await environment.sql<{ n: number }[]>`
      select count(*)::int as n from pgboss.job where name = 'tenant_pool_refill' and singleton_key = 'default'`;
    expect(job!.n).toBeGreaterThanOrEqual(1);
  });

  it('answers carry a request id, are logged with it, and are counted in /metrics by route and status', async () => {
    const response = await fetch(`${server.url}/v1/projects`, { headers: { 'x-request-id': 'trace-me-42' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-request-id')).toBe('trace-me-42');
    expect(await response.json()).toMatchObject({ request_id: 'trace-me-42', code: 'UNAUTHENTICATED' });
    const generated = await fetch(`${server.url}/healthz`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => server.output()).toContain('"requestId":"trace-me-42"');
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/api_requests_total\{method="GET",route="\/v1\/projects",status="401"\} [1-9]/);
    expect(metrics).toMatch(/api_requests_total\{method="POST",route="\/v1\/projects",status="202"\} [1-9]/);
    expect(metrics).toMatch(/api_requests_total\{method="GET",route="\/v1\/operations\/:id",status="200"\} [1-9]/);
    // The key verifications of the lifecycle test above, answered by the cache or the database.
    const verifications = [...metrics.matchAll(/api_key_cache_verifications\{answered_by="(?:hit|miss)"\} (\d+)/g)];
    expect(verifications).toHaveLength(2);
    expect(verifications.reduce((sum, [, n]) => sum + Number(n), 0)).toBeGreaterThanOrEqual(3);
    expect(metrics).toMatch(/api_key_cache_trusted [01]/);
  });

  it('serves the OpenAPI document it was generated from (the committed one)', async () => {
    const served: unknown = await (await fetch(`${server.url}/openapi.json`)).json();
    const committed: unknown = JSON.parse(readFileSync(join(import.meta.dirname, '../openapi.json'), 'utf8'));
    expect(served).toEqual(committed);
  });

  it('no secret of a provisioning reaches the server’s log', async () => {
    const { project, operation } = await createProject();
    await settled(operation.id);
    const claim = await api.POST('/v1/projects/{id}/one-time-result/claim', { params: { path: { id: project.id } } });
    const secrets = [claim.data!.database.password, ...claim.data!.api_keys.map((key) => key.key)];
    for (const secret of secrets) expect(server.output()).not.toContain(secret);
  });
});
