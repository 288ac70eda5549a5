import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectLockKey } from '@org/db';
import { waitFor } from '@org/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../src/client/create-api-client.js';
import { spawnApi, type SpawnedProcess } from './support/spawn-process.js';
import { createTestEnvironment, type TestEnvironment } from './support/test-environment.js';

// The API's answers at its edges (issue 34): what a repeat, a refusal or a read says is
// true for the case, each item of the issue by its number. A real server process (a worker
// and the API) on a database of its own, with the defaults a newcomer gets.
let environment: TestEnvironment;
let server: SpawnedProcess;
let api: ApiClient;
let token: { id: string; token: string; name: string };

beforeAll(async () => {
  environment = await createTestEnvironment('api_edges');
  server = await spawnApi('start', environment.env);
  token = await environment.token(null, 'edges operator');
  api = createApiClient({ baseUrl: server.url, token: token.token });
});
afterAll(async () => {
  await server?.stop();
  await environment?.close();
});

async function settled(operationId: string) {
  const operation = await waitFor(
    async () => (await api.GET('/v1/operations/{id}', { params: { path: { id: operationId } } })).data,
    {
      until: (data) => data !== undefined && data.status !== 'queued' && data.status !== 'running',
      what: `operation ${operationId} settled`,
      timeoutMs: 60_000,
    },
  );
  return operation!;
}

async function provisioned(name = 'edges project', organization = 'org-edges') {
  const { data, error } = await api.POST('/v1/projects', {
    body: { name, region: 'eu-west-1', organization_id: organization, owner_id: 'o' },
  });
  if (data === undefined) throw new Error(JSON.stringify(error));
  expect(await settled(data.operation.id)).toMatchObject({ status: 'succeeded' });
  return data.project;
}

const operationsOf = async (projectId: string) =>
  (await api.GET('/v1/projects/{id}/operations', { params: { path: { id: projectId } } })).data!.data;

describe('issue 34: the API tells the truth at its edges', () => {
  it('1: issuing more keys than the quota allows names the keys in use and how many were asked', async () => {
    const project = await provisioned();
    const refused = await api.POST('/v1/projects/{id}/api-keys', {
      params: { path: { id: project.id } },
      body: { count: 9 },
    });
    expect(refused.error).toMatchObject({
      status: 409,
      code: 'QUOTA_EXCEEDED',
      detail: 'Quota exceeded for api_keys: 2 of 10 in use, 9 more requested',
    });
  });

  it('3: /openapi.json names the server it was fetched from, whatever its address', async () => {
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as { servers: { url: string }[] };
    expect(document.servers).toHaveLength(1);
    expect(new URL(document.servers[0]!.url, `${server.url}/openapi.json`).origin).toBe(server.url);
  });

  it('4: the README’s verify answer names the fields the route answers with', async () => {
    const readme = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');
    const row = readme.split('\n').find((line) => line.includes('`POST /v1/api-keys/verify`'))!;
    const documented = /`\{ ([^}]+) \}`/
      .exec(row)![1]!
      .split(',')
      .map((field) => field.trim())
      .sort();
    const served = await api.POST('/v1/api-keys/verify', { body: { key: 'pk_0000000000000_00' } });
    expect(Object.keys(served.data!).sort()).toEqual(documented);
  });

  it('5: a 401 says what was wrong: no token, not a bearer token, or a token not accepted', async () => {
    const detail = async (authorization?: string) => {
      const response = await fetch(`${server.url}/v1/projects`, {
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      return ((await response.json()) as { detail: string }).detail;
    };
    expect(await detail()).toBe('Send an admin token: Authorization: Bearer <token>');
    expect(await detail(`Basic ${token.token}`)).toBe('The Authorization header is not Bearer <token>');
    const revoked = await environment.token(null, 'revoked at once');
    await environment.revoke(revoked.id);
    const refusal = 'The admin token is not accepted: unknown, revoked or mistyped';
    expect(await detail(`Bearer ${revoked.token}`)).toBe(refusal);
    expect(await detail(`Bearer ${token.token.slice(0, -8)}00000000`)).toBe(refusal);
  });

  it('6: a repeat of suspend or delete on a project already so answers the operation that did it and records none', async () => {
    const project = await provisioned();
    // Resume of a project never suspended: nothing of this API made it active, so a 409 with its state.
    const resume = await api.POST('/v1/projects/{id}/resume', { params: { path: { id: project.id } } });
    expect(resume.error).toMatchObject({ status: 409, code: 'PROJECT_NOT_ELIGIBLE' });
    expect(resume.error!.detail).toContain('active already');

    const suspend = await api.POST('/v1/projects/{id}/suspend', { params: { path: { id: project.id } } });
    expect(suspend.response.status).toBe(202);
    await settled(suspend.data!.operation.id);
    const again = await api.POST('/v1/projects/{id}/suspend', { params: { path: { id: project.id } } });
    expect(again.response.status).toBe(200);
    expect(again.data!.operation).toMatchObject({
      id: suspend.data!.operation.id,
      kind: 'suspend',
      status: 'succeeded',
    });
    expect(again.data!.project.status).toBe('suspended');
    expect(again.response.headers.get('operation-location')).toBe(`/v1/operations/${suspend.data!.operation.id}`);

    const deletion = await api.DELETE('/v1/projects/{id}', { params: { path: { id: project.id } } });
    expect(deletion.response.status).toBe(202);
    await settled(deletion.data!.operation.id);
    for (let i = 0; i < 3; i++) {
      const repeat = await api.DELETE('/v1/projects/{id}', { params: { path: { id: project.id } } });
      expect(repeat.response.status).toBe(200);
      expect(repeat.data!.operation.id).toBe(deletion.data!.operation.id);
    }
    expect((await operationsOf(project.id)).map((operation) => `${operation.kind}:${operation.status}`)).toEqual([
      'delete:succeeded',
      'suspend:succeeded',
      'provision:succeeded',
    ]);
  });

  it('7: a refused creation names every missing field at once, and a past expiry at its own path', async () => {
    const empty = await api.POST('/v1/projects', { body: {} as never });
    expect(empty.error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(empty.error!.errors!.map((field) => field.path).sort()).toEqual([
      'body.name',
      'body.organization_id',
      'body.owner_id',
      'body.region',
    ]);
    const project = await provisioned();
    const past = await api.POST('/v1/projects/{id}/api-keys', {
      params: { path: { id: project.id } },
      body: { expires_at: '2000-01-01T00:00:00Z' },
    });
    expect(past.error).toMatchObject({
      status: 400,
      errors: [{ path: 'body.expires_at', message: 'must be in the future' }],
    });
  });

  it('8: rotating a key that is no longer active is API_KEY_NOT_ACTIVE, naming its state', async () => {
    const project = await provisioned();
    const [key] = (await api.GET('/v1/projects/{id}/api-keys', { params: { path: { id: project.id } } })).data!.data;
    const path = { params: { path: { id: project.id, keyId: key!.id } }, body: {} };
    expect((await api.POST('/v1/projects/{id}/api-keys/{keyId}/rotate', path)).response.status).toBe(201);
    const again = await api.POST('/v1/projects/{id}/api-keys/{keyId}/rotate', path);
    expect(again.error).toMatchObject({
      status: 409,
      code: 'API_KEY_NOT_ACTIVE',
      title: 'Key not active',
      detail: 'The key is rotated: only an active key can be rotated',
    });
  });

  it('9: a service whose registration never succeeded has no service id (null), not a placeholder', async () => {
    environment.authApi.always('POST /projects', { status: 503 });
    try {
      const { data } = await api.POST('/v1/projects', {
        body: { name: 'edges failing', region: 'eu-west-1', organization_id: 'org-edges', owner_id: 'o' },
      });
      expect(await settled(data!.operation.id)).toMatchObject({ status: 'failed' });
      const project = (await api.GET('/v1/projects/{id}', { params: { path: { id: data!.project.id } } })).data!;
      // 13: the overview's failure code leads to the projects it failed (the console links it).
      const failedWith = await api.GET('/v1/projects', {
        params: { query: { failed_code: 'PARALLEL_OPERATIONS_FAILED', organization_id: 'org-edges' } },
      });
      expect(failedWith.data!.data.map((listed) => listed.id)).toEqual([data!.project.id]);
      // Disabled by the compensation after its last attempt; it never had an id.
      expect(project.resources.services.find((service) => service.type === 'auth')).toMatchObject({
        type: 'auth',
        service_id: null,
      });
    } finally {
      environment.authApi.always('POST /projects', undefined);
    }
  });

  it('11: an API key prefix kept for admin tokens (cpadmin…) is refused, on creation and on issue', async () => {
    const created = await api.POST('/v1/projects', {
      body: {
        name: 'x',
        region: 'eu-west-1',
        organization_id: 'org-edges',
        owner_id: 'o',
        api_keys: { count: 1, prefix: 'cpadmin' },
      },
    });
    expect(created.error).toMatchObject({ status: 400, errors: [{ path: 'body.api_keys.prefix' }] });
    const project = await provisioned();
    const issued = await api.POST('/v1/projects/{id}/api-keys', {
      params: { path: { id: project.id } },
      body: { prefix: 'cpadmin2' },
    });
    expect(issued.error).toMatchObject({ status: 400, errors: [{ path: 'body.prefix' }] });
    expect(issued.error!.errors![0]!.message).toContain('not starting with cpadmin');
  });

  it('sweep: issuing keys while a run holds the project is a 409 PROJECT_LOCKED at once, not a request held for the run', async () => {
    const project = await provisioned();
    // What a worker's run holds for its whole length: the project's lock, on a connection of its own.
    const run = await environment.sql.reserve();
    try {
      await run`select pg_advisory_lock(hashtextextended(${projectLockKey(project.id)}, 0))`;
      const refused = await api.POST('/v1/projects/{id}/api-keys', { params: { path: { id: project.id } }, body: {} });
      expect(refused.error).toMatchObject({ status: 409, code: 'PROJECT_LOCKED' });
      expect(refused.response.headers.get('retry-after')).toBe('1');
    } finally {
      await run`select pg_advisory_unlock_all()`;
      run.release();
    }
    const issued = await api.POST('/v1/projects/{id}/api-keys', { params: { path: { id: project.id } }, body: {} });
    expect(issued.response.status).toBe(201);
  });

  it('12: every answer, success or refusal, is no-store and nosniff', async () => {
    const project = await provisioned();
    const answers = await Promise.all([
      fetch(`${server.url}/v1/projects`, { headers: { authorization: `Bearer ${token.token}` } }),
      fetch(`${server.url}/v1/projects/${project.id}`, { headers: { authorization: `Bearer ${token.token}` } }),
      fetch(`${server.url}/v1/overview`, { headers: { authorization: `Bearer ${token.token}` } }),
      fetch(`${server.url}/v1/projects`),
      fetch(`${server.url}/v1/nothing`, { headers: { authorization: `Bearer ${token.token}` } }),
      fetch(`${server.url}/healthz`),
      fetch(`${server.url}/openapi.json`),
    ]);
    for (const answer of answers) {
      expect([answer.url, answer.headers.get('cache-control')]).toEqual([answer.url, 'no-store']);
      expect([answer.url, answer.headers.get('x-content-type-options')]).toEqual([answer.url, 'nosniff']);
    }
  });

  it('15: duplicate project names in one organization are accepted, as labels: each is its own project', async () => {
    const first = await api.POST('/v1/projects', {
      body: { name: 'twice', region: 'us-east-1', organization_id: 'org-twice', owner_id: 'o' },
    });
    const second = await api.POST('/v1/projects', {
      body: { name: 'twice', region: 'us-east-1', organization_id: 'org-twice', owner_id: 'o' },
    });
    expect([first.response.status, second.response.status]).toEqual([202, 202]);
    expect(first.data!.project.id).not.toBe(second.data!.project.id);
    const listed = await api.GET('/v1/projects', { params: { query: { organization_id: 'org-twice', q: 'twice' } } });
    expect(listed.data!.data).toHaveLength(2);
    // And the document says so, where a client reads how to create one.
    const served = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      paths: Record<string, { post?: { description?: string } }>;
    };
    expect(served.paths['/v1/projects']!.post!.description).toContain(
      'an organization may have two projects of one name, each with its own id',
    );
    await settled(first.data!.operation.id);
    await settled(second.data!.operation.id);
  });

  it('15: routine reads (key verification too) log at debug, changes and refusals at info, one line per event, durations rounded', async () => {
    const marker = `edges-log-${Date.now()}`;
    await fetch(`${server.url}/v1/projects`, {
      headers: { authorization: `Bearer ${token.token}`, 'x-request-id': `${marker}-read` },
    });
    await fetch(`${server.url}/v1/api-keys/verify`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token.token}`,
        'content-type': 'application/json',
        'x-request-id': `${marker}-verified`,
      },
      body: JSON.stringify({ key: 'pk_not_a_key' }),
    });
    await fetch(`${server.url}/v1/projects`, { headers: { 'x-request-id': `${marker}-refused` } });
    await fetch(`${server.url}/v1/projects`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token.token}`,
        'content-type': 'application/json',
        'x-request-id': `${marker}-created`,
      },
      body: JSON.stringify({ name: 'logged', region: 'us-east-1', organization_id: 'org-edges', owner_id: 'o' }),
    });
    await expect.poll(() => server.output()).toContain(`${marker}-created`);
    const output = server.output();
    expect(output).toContain(`"requestId":"${marker}-refused"`);
    expect(output).not.toContain(`${marker}-read`);
    // Verification is a POST that only reads: routine too.
    expect(output).not.toContain(`${marker}-verified`);
    const lines = output.split('\n');
    expect(lines.filter((line) => line.includes('"msg":"api started"'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('Server listening'))).toEqual([]);
    const durations = [...output.matchAll(/"(?:durationMs|ms)":(-?[\d.]+)/g)].map((match) => match[1]!);
    expect(durations.length).toBeGreaterThan(0);
    expect(durations.filter((value) => /\.\d{2,}/.test(value))).toEqual([]);
  });
});

describe('issue 34: limits before authentication', () => {
  it('11: made-up tokens from one address are refused with 429 before they are looked up, valid ones too', async () => {
    const limited = await spawnApi('serve', {
      ...environment.env,
      API_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '60',
      API_RATE_LIMIT_PER_MINUTE: '0',
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 15; i++) {
        const madeUp = `${token.token.slice(0, -12)}${String(i).padStart(4, '0')}00000000`;
        statuses.push(
          (await fetch(`${limited.url}/v1/projects`, { headers: { authorization: `Bearer ${madeUp}` } })).status,
        );
      }
      // A burst of 10 (a tenth of a minute's 60, at least 10), then refused before any lookup.
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses.slice(10)).toEqual(Array(5).fill(429));
      const valid = await fetch(`${limited.url}/v1/projects`, { headers: { authorization: `Bearer ${token.token}` } });
      expect(valid.status).toBe(429);
      const problem = (await valid.json()) as { code: string; detail: string };
      expect(problem.code).toBe('RATE_LIMITED');
      expect(problem.detail).toContain('from this address');
      expect(Number(valid.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.stop();
    }
  });
});

describe('issue 34: npm start’s demo', () => {
  it('15: a second start finds the demo project of the first and makes no other', async () => {
    const count = async () =>
      (
        await environment.sql<{ n: number }[]>`
          select count(*)::int as n from control_plane.projects where organization_id = 'demo-org' and name = 'demo project'`
      )[0]!.n;
    const run = async () => {
      const demo = await spawnApi('start', environment.env, ['--demo']);
      try {
        return await waitFor(() => demo.output(), {
          until: (output) => output.includes('keep running'),
          what: 'the demo to say "keep running"',
          timeoutMs: 60_000,
        });
      } finally {
        await demo.stop();
      }
    };
    expect(await run()).toContain('Demo project provisioned');
    expect(await count()).toBe(1);
    const second = await run();
    expect(second).toContain('is there from an earlier start: not making another');
    expect(await count()).toBe(1);
  });
});
