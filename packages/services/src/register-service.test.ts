import { randomUUID } from 'node:crypto';
import { ProjectNotFoundError, ServiceRegistrationError, ValidationError } from '@org/errors';
import { listProjectResources, type DbContext } from '@org/db';
import { createTestDbContext, createTestProject } from '@org/db/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpAdminAdapter, idempotencyKey } from './adapters/http-admin-adapter.js';
import { createRecordOnlyAdapter } from './adapters/record-only-adapter.js';
import { checkServicesHealth } from './check-services-health.js';
import { disableService } from './disable-service.js';
import { getProjectServices } from './get-project-services.js';
import { migrate } from './migrate.js';
import {
  registerAuthService,
  registerRealtimeService,
  registerService,
  registerStorageService,
} from './register-service.js';
import type { ServiceType } from './schema/project-services.js';
import type { ServicesContext } from './services-context.js';
import { createServiceAdapters, parseServicesConfig } from './services-config.js';
import { startFakeServiceApi, type FakeServiceApi } from './testing/fake-service-api.js';

let db: DbContext;
let api: FakeServiceApi;
let ctx: ServicesContext;
const fast = { maxAttempts: 3, initialDelay: 20, maxDelay: 100, jitter: 'none' } as const;

beforeAll(async () => {
  db = await createTestDbContext();
  await migrate(db.client.sql);
  api = await startFakeServiceApi('auth');
  ctx = {
    db,
    adapters: {
      auth: createHttpAdminAdapter({ adminUrl: api.url, token: 'admin-token', timeoutMs: 300, retry: fast }),
      realtime: createRecordOnlyAdapter({ endpointTemplate: 'wss://{projectId}.{service}.{region}.example.test' }),
      storage: createRecordOnlyAdapter(),
    },
  };
});
afterEach(() => {
  api.always('POST /projects', undefined);
});
afterAll(async () => {
  await api.close();
  await db.close();
});

const posts = (projectId: string) =>
  api.requests.filter((r) => r.method === 'POST' && (r.body as { project_id?: string }).project_id === projectId);

describe('record-only adapter (the spec behaviour)', () => {
  it('records registrations with endpoints from the region template', async () => {
    const project = await createTestProject(db, { region: 'eu-west-1' });
    const realtime = await registerRealtimeService({ projectId: project.id, region: 'eu-west-1' }, {}, ctx);
    const storage = await registerStorageService(
      { projectId: project.id, region: 'eu-west-1', config: { bucketQuotaGb: 5 } },
      {},
      ctx,
    );
    expect(realtime).toMatchObject({
      status: 'active',
      endpoint: `wss://${project.id}.realtime.eu-west-1.example.test`,
    });
    expect(storage).toMatchObject({ status: 'active', config: { bucketQuotaGb: 5 } });
    expect((await getProjectServices(project.id, ctx)).map((s) => s.serviceType)).toEqual(['realtime', 'storage']);
    expect((await listProjectResources(project.id, 'services', db)).map((r) => r.resourceId).sort()).toEqual([
      'realtime',
      'storage',
    ]);
  });
});

describe('crash recovery', () => {
  it('re-registering an active service restores a lost resource record', async () => {
    const project = await createTestProject(db);
    await registerStorageService({ projectId: project.id, region: 'us-east-1' }, {}, ctx);
    await db.client.sql`delete from control_plane.project_resources where project_id = ${project.id}`;
    await registerStorageService({ projectId: project.id, region: 'us-east-1' }, {}, ctx);
    expect((await listProjectResources(project.id, 'services', db)).map((r) => r.resourceId)).toEqual(['storage']);
  });
});

describe('HTTP admin adapter', () => {
  it('registers through the admin API with the project, region, config, token and Idempotency-Key', async () => {
    const project = await createTestProject(db);
    const row = await registerAuthService(
      { projectId: project.id, region: 'us-east-1', config: { mfa: true } },
      {},
      ctx,
    );
    expect(row).toMatchObject({
      status: 'active',
      serviceId: `auth-${project.id.slice(0, 8)}`,
      endpoint: `https://${project.id}.auth.test`,
    });
    const [request] = posts(project.id);
    expect(request?.body).toEqual({
      project_id: project.id,
      region: 'us-east-1',
      service: 'auth',
      config: { mfa: true },
    });
    expect(request?.headers['idempotency-key']).toBe(idempotencyKey(project.id, 'auth', 'register'));
    expect(request?.headers['authorization']).toBe('Bearer admin-token');
  });

  it('retries two 503s, then succeeds', async () => {
    const project = await createTestProject(db);
    api.enqueue('POST /projects', { status: 503 }, { status: 503 });
    const row = await registerAuthService({ projectId: project.id, region: 'us-east-1' }, {}, ctx);
    expect(row.status).toBe('active');
    expect(posts(project.id)).toHaveLength(3);
    expect(new Set(posts(project.id).map((r) => r.headers['idempotency-key'])).size).toBe(1);
  });

  it('honours Retry-After on 429', async () => {
    const project = await createTestProject(db);
    api.enqueue('POST /projects', { status: 429, retryAfter: '1' });
    await registerAuthService({ projectId: project.id, region: 'us-east-1' }, {}, ctx);
    const [first, second] = posts(project.id);
    // The backoff alone would wait 20 ms; the server asked for a second.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(990);
  });

  it('times out a hanging service, retries, then records the error', async () => {
    const project = await createTestProject(db);
    api.always('POST /projects', { hang: true });
    const error: unknown = await registerAuthService({ projectId: project.id, region: 'us-east-1' }, {}, ctx).catch(
      (e: unknown) => e,
    );
    expect(ServiceRegistrationError.is(error)).toBe(true);
    expect((error as ServiceRegistrationError).retryable).toBe(true);
    expect(posts(project.id)).toHaveLength(3);
    const [row] = await getProjectServices(project.id, ctx);
    expect(row).toMatchObject({ status: 'error' });
    expect(row?.errorReason).toMatch(/^TIMEOUT/);
  });

  it('does not retry a 400; the row says error; re-registering later sends the same Idempotency-Key', async () => {
    const project = await createTestProject(db);
    api.enqueue('POST /projects', { status: 400, body: { error: 'secret-ish detail sk_live_123' } });
    const error: unknown = await registerAuthService({ projectId: project.id, region: 'us-east-1' }, {}, ctx).catch(
      (e: unknown) => e,
    );
    expect(ServiceRegistrationError.is(error)).toBe(true);
    expect((error as ServiceRegistrationError).retryable).toBe(false);
    expect(JSON.stringify((error as ServiceRegistrationError).toJSON())).not.toContain('sk_live_123');
    expect(posts(project.id)).toHaveLength(1);
    const [errored] = await getProjectServices(project.id, ctx);
    expect(errored?.status).toBe('error');
    expect(errored?.errorReason).toContain('HTTP_400');
    expect(errored?.errorReason).not.toContain('sk_live_123');

    const row = await registerAuthService({ projectId: project.id, region: 'us-east-1' }, {}, ctx);
    expect(row.status).toBe('active');
    const again = await registerAuthService({ projectId: project.id, region: 'us-east-1' }, {}, ctx);
    expect(again.id).toBe(row.id);
    expect(posts(project.id)).toHaveLength(2); // the active registration was returned as is
    expect(new Set(posts(project.id).map((r) => r.headers['idempotency-key']))).toEqual(
      new Set([idempotencyKey(project.id, 'auth', 'register')]),
    );
  });

  it('disable calls the service and marks the row; a disabled service is re-registered', async () => {
    const project = await createTestProject(db);
    await registerAuthService({ projectId: project.id, region: 'us-east-1' }, {}, ctx);
    expect(api.registered.has(project.id)).toBe(true);
    expect(await disableService(project.id, 'auth', {}, ctx)).toBe(true);
    expect(api.registered.has(project.id)).toBe(false);
    const deletes = api.requests.filter((r) => r.method === 'DELETE' && r.path.endsWith(project.id));
    expect(deletes).toHaveLength(1);
    expect(deletes[0]?.headers['idempotency-key']).toBe(idempotencyKey(project.id, 'auth', 'disable'));
    expect((await getProjectServices(project.id, ctx))[0]?.status).toBe('disabled');
    expect(await listProjectResources(project.id, 'services', db)).toEqual([]);
    expect(await disableService(project.id, 'auth', {}, ctx)).toBe(true);
    expect(api.requests.filter((r) => r.method === 'DELETE' && r.path.endsWith(project.id))).toHaveLength(1);

    expect((await registerAuthService({ projectId: project.id, region: 'us-east-1' }, {}, ctx)).status).toBe('active');
    expect(api.registered.has(project.id)).toBe(true);
  });

  it('reports health per service', async () => {
    expect(await checkServicesHealth({}, ctx)).toEqual({
      auth: { ok: true, detail: 'HTTP 200' },
      realtime: { ok: true, detail: 'record-only' },
      storage: { ok: true, detail: 'record-only' },
    });
    const down = createHttpAdminAdapter({ adminUrl: 'http://127.0.0.1:1/admin', timeoutMs: 200 });
    expect((await down.health()).ok).toBe(false);
  });
});

describe('bad input', () => {
  it('is a typed error and writes nothing', async () => {
    const project = await createTestProject(db);
    const unknownType = 'email' as ServiceType; // as an untyped caller would send it
    await expect(
      registerService(unknownType, { projectId: project.id, region: 'us-east-1' }, {}, ctx),
    ).rejects.toBeInstanceOf(ValidationError);
    const error: unknown = await registerAuthService({ projectId: 'x', region: 'moon-1' }, {}, ctx).catch(
      (e: unknown) => e,
    );
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['projectId', 'region']);
    await expect(registerAuthService({ projectId: randomUUID(), region: 'us-east-1' }, {}, ctx)).rejects.toSatisfy(
      (e: unknown) => ProjectNotFoundError.is(e),
    );
    expect(() => createHttpAdminAdapter({ adminUrl: 'ftp://example.com' })).toThrow(ValidationError);
    expect(() => parseServicesConfig({ auth: { adapter: 'http', adminUrl: 'file:///etc/passwd' } })).toThrow(
      ValidationError,
    );
    expect(await getProjectServices(project.id, ctx)).toEqual([]);
    expect(api.requests.some((r) => (r.body as { project_id?: string } | undefined)?.project_id === project.id)).toBe(
      false,
    );
  });

  it('builds adapters from configuration', () => {
    const adapters = createServiceAdapters(parseServicesConfig({ auth: { adapter: 'http', adminUrl: api.url } }));
    expect([adapters.auth.kind, adapters.realtime.kind, adapters.storage.kind]).toEqual(['http', 'record', 'record']);
  });
});
