import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@org/db/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../src/client/create-api-client.js';
import { spawnApi, type SpawnedProcess } from './support/spawn-process.js';
import { createTestEnvironment, type TestEnvironment } from './support/test-environment.js';

// The webhook routes end to end: a worker and the API in one process, an organization's
// endpoint on a loopback receiver that verifies each request with the standardwebhooks package.
let environment: TestEnvironment;
let server: SpawnedProcess;
const received: { id: string; body: string; verified: boolean }[] = [];
let secret = '';
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = req.headers as IncomingHttpHeaders & Record<string, string>;
    let verified = true;
    try {
      new Webhook(secret).verify(body, headers);
    } catch {
      verified = false;
    }
    received.push({ id: headers['webhook-id'] ?? '', body, verified });
    res.writeHead(verified ? 204 : 401).end();
  });
});

beforeAll(async () => {
  environment = await createTestEnvironment('api_webhooks');
  server = await spawnApi('start', { ...environment.env, WEBHOOK_RETRY_DELAY_SCALE: '0.001' });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await server.stop();
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await environment.close();
});

const receiverUrl = () => `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

describe('/v1/webhook-endpoints', () => {
  it('creates an endpoint (its secret shown once), delivers the organization’s events signed, and lists the deliveries', async () => {
    const api = createApiClient({ baseUrl: server.url, token: (await environment.token('org-hooks')).token });
    const created = await api.POST('/v1/webhook-endpoints', {
      body: { url: receiverUrl(), event_types: ['project.created', 'operation.succeeded'], description: 'ours' },
    });
    expect(created.response.status).toBe(201);
    const endpoint = created.data!;
    secret = endpoint.secret;
    expect(secret).toMatch(/^whsec_/);
    expect(endpoint).toMatchObject({ organization_id: 'org-hooks', enabled: true, description: 'ours' });
    const fetched = await api.GET('/v1/webhook-endpoints/{id}', { params: { path: { id: endpoint.id } } });
    expect(fetched.data).not.toHaveProperty('secret');
    expect(JSON.stringify((await api.GET('/v1/webhook-endpoints')).data)).not.toContain(secret);

    const project = await api.POST('/v1/projects', { body: { name: 'hooked', region: 'us-east-1', owner_id: 'o' } });
    const projectId = project.data!.project.id;
    await waitFor(() => received.filter((request) => request.verified).length, {
      what: 'project.created and operation.succeeded delivered',
      until: (n) => n === 2,
      timeoutMs: 60_000,
    });
    const bodies = received.map(
      (request) => JSON.parse(request.body) as { type: string; data: { project?: { id: string } } },
    );
    expect(bodies.map((body) => body.type).sort()).toEqual(['operation.succeeded', 'project.created']);
    // Each delivery is a job of its own, so the two may arrive in either order.
    expect(bodies.find((body) => body.type === 'project.created')!.data.project!.id).toBe(projectId);

    const deliveries = await waitFor(
      async () =>
        (await api.GET('/v1/webhook-endpoints/{id}/deliveries', { params: { path: { id: endpoint.id } } })).data!,
      { what: 'both deliveries recorded', until: (list) => list.data.every((d) => d.status === 'succeeded') },
    );
    expect(deliveries.data).toHaveLength(2);
    expect(deliveries.data[0]!.attempts[0]).toMatchObject({ response_status: 204, error: null });

    // A replay sends the same webhook-id again.
    const replay = await api.POST('/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/replay', {
      params: { path: { id: endpoint.id, deliveryId: deliveries.data[0]!.id } },
    });
    expect(replay.response.status).toBe(200);
    await waitFor(() => received.length, { what: 'the replay', until: (n) => n === 3 });
    expect(received[2]!.id).toBe(deliveries.data[0]!.event_id);

    // Rotation: a new secret shown once, the old one kept for the overlap.
    const rotated = await api.POST('/v1/webhook-endpoints/{id}/rotate-secret', {
      params: { path: { id: endpoint.id } },
    });
    expect(rotated.response.status).toBe(201);
    expect(rotated.data!.secret).not.toBe(secret);
    expect(rotated.data!.previous_secret_expires_at).not.toBeNull();

    const patched = await api.PATCH('/v1/webhook-endpoints/{id}', {
      params: { path: { id: endpoint.id } },
      body: { enabled: false, description: null },
    });
    expect(patched.data).toMatchObject({ enabled: false, description: null });
    const deleted = await api.DELETE('/v1/webhook-endpoints/{id}', { params: { path: { id: endpoint.id } } });
    expect(deleted.response.status).toBe(204);
    expect(
      (await api.GET('/v1/webhook-endpoints/{id}', { params: { path: { id: endpoint.id } } })).response.status,
    ).toBe(404);
  });

  it('refuses URLs that are not https nor http to loopback with a 422 naming the field', async () => {
    const api = createApiClient({ baseUrl: server.url, token: (await environment.token('org-hooks')).token });
    for (const url of ['http://hooks.example.com/in', 'http://10.0.0.1/in', 'ftp://example.com/']) {
      const refused = await api.POST('/v1/webhook-endpoints', { body: { url } });
      expect(refused.response.status).toBe(422);
      expect(refused.error).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'body.url' }] });
    }
  });

  it('keeps organizations apart: another organization’s token finds nothing of ours', async () => {
    const ours = createApiClient({ baseUrl: server.url, token: (await environment.token('org-a')).token });
    const theirs = createApiClient({ baseUrl: server.url, token: (await environment.token('org-b')).token });
    const { data } = await ours.POST('/v1/webhook-endpoints', { body: { url: 'https://hooks.example.com/a' } });
    const id = data!.id;
    expect((await theirs.GET('/v1/webhook-endpoints')).data!.data).toEqual([]);
    expect((await theirs.GET('/v1/webhook-endpoints/{id}', { params: { path: { id } } })).response.status).toBe(404);
    const patch = await theirs.PATCH('/v1/webhook-endpoints/{id}', {
      params: { path: { id } },
      body: { enabled: false },
    });
    expect(patch.response.status).toBe(404);
    const rotate = await theirs.POST('/v1/webhook-endpoints/{id}/rotate-secret', { params: { path: { id } } });
    expect(rotate.response.status).toBe(404);
    const removal = await theirs.DELETE('/v1/webhook-endpoints/{id}', { params: { path: { id } } });
    expect(removal.response.status).toBe(404);
    const createIn = await theirs.POST('/v1/webhook-endpoints', {
      body: { url: 'https://hooks.example.com/b', organization_id: 'org-a' },
    });
    expect(createIn.response.status).toBe(404);
    expect((await ours.GET('/v1/webhook-endpoints/{id}', { params: { path: { id } } })).data).toMatchObject({
      enabled: true,
    });
  });
});
