import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { waitFor } from '@org/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../src/client/create-api-client.js';
import { spawnApi, type SpawnedProcess } from './support/spawn-process.js';
import { createTestEnvironment, type TestEnvironment } from './support/test-environment.js';

// Every wait is bounded (issue 33): a request the database keeps waiting is answered 503
// with Retry-After within API_REQUEST_TIMEOUT_MS, and the API's sessions carry their limits.
let environment: TestEnvironment;
let server: SpawnedProcess;
let api: ApiClient;
let token: string;

beforeAll(async () => {
  environment = await createTestEnvironment('api_limits');
  server = await spawnApi('start', { ...environment.env, API_REQUEST_TIMEOUT_MS: '1500' });
  token = (await environment.token(null, 'limits operator')).token;
  api = createApiClient({ baseUrl: server.url, token });
});
afterAll(async () => {
  await server?.stop();
  await environment?.close();
});

describe('time limits', () => {
  it('a request kept waiting by a lock is a 503 with Retry-After, and the same request passes once the lock is gone', async () => {
    const created = await api.POST('/v1/projects', {
      body: { name: 'limits', region: 'us-east-1', organization_id: 'org-limits', owner_id: 'o' },
    });
    const project = created.data!.project;
    const done = await waitFor(
      async () => (await api.GET('/v1/operations/{id}', { params: { path: { id: created.data!.operation.id } } })).data,
      { until: (operation) => operation?.status === 'succeeded', what: 'provisioned', timeoutMs: 60_000 },
    );
    expect(done?.status).toBe('succeeded');

    // Another session holds an uncommitted open operation of the project: the API's insert of
    // its own waits on the one-open-operation index, longer than the request may take.
    const holder = await environment.sql.reserve();
    try {
      await holder`begin`;
      await holder`
        insert into control_plane.operations (id, project_id, kind, status, requested_by)
        values (${randomUUID()}, ${project.id}, 'resume', 'queued', 'test')`;
      const refused = await api.POST('/v1/projects/{id}/suspend', { params: { path: { id: project.id } } });
      // The API's lock limit (30 % of the request's) ends the wait first: its transaction
      // rolls back before any answer, so nothing it was doing commits after the 503.
      expect(refused.response.status).toBe(503);
      expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
    } finally {
      await holder`rollback`;
      holder.release();
    }
    // No operation was recorded by the refused request, and the same request now passes.
    const operations = (await api.GET('/v1/projects/{id}/operations', { params: { path: { id: project.id } } })).data!
      .data;
    expect(operations.map((operation) => operation.kind)).toEqual(['provision']);
    const accepted = await api.POST('/v1/projects/{id}/suspend', { params: { path: { id: project.id } } });
    expect(accepted.response.status).toBe(202);
  });

  it('a request whose body stops arriving is answered 503 with Retry-After once API_REQUEST_TIMEOUT_MS has passed', async () => {
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    const answer = new Promise<string>((resolve, reject) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      socket.on('end', () => resolve(text));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    const body = JSON.stringify({ name: 'slow', region: 'us-east-1', organization_id: 'org-limits', owner_id: 'o' });
    socket.write(
      `POST /v1/projects HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n` +
        body.slice(0, 10),
    );
    const text = await answer;
    socket.destroy();
    expect(text).toMatch(/^HTTP\/1\.1 503 /);
    expect(text.toLowerCase()).toContain('retry-after: 5');
    expect(text).toContain('SERVICE_UNAVAILABLE');
  });
});
