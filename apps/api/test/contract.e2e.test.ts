import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@org/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { answerSchemas } from './support/answer-schemas.js';
import { undocumented } from './support/documented-schema.js';
import { document } from './support/openapi-routes.js';
import { spawnApi, type SpawnedProcess } from './support/spawn-process.js';
import { createTestEnvironment, type TestEnvironment } from './support/test-environment.js';

// Every route of the document, answered for real (a worker and the API on a database of
// their own), each answer held against what the document says of it: its status, its
// content type, its body's schema and the headers it names. The client's types are
// generated from the same document, so they cannot say otherwise either. And each JSON answer
// is the text zod's serializer would have written of it (fast-json-stringify writes them).
let environment: TestEnvironment;
let token: string;
/** Each route's answer schemas, by `GET /v1/projects/{id} 200`. */
let schemas: Map<string, z.ZodType>;
const answers: {
  method: string;
  path: string;
  status: number;
  problem: string | undefined;
  /** A JSON answer held to zod's text of it (a route's schema for its status was found). */
  held: boolean;
  json: boolean;
}[] = [];

/** Sends a request, checks its answer against the document, and returns its body. */
async function call(
  server: SpawnedProcess,
  method: string,
  path: string,
  route: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  const parsed: unknown = contentType.includes('json') ? JSON.parse(text) : text;
  const key = method.toLowerCase() as 'get';
  let problem = undocumented({ path: route, method: key }, { status: response.status, contentType, body: parsed });
  const documented = document.paths[route]?.[key] as
    { responses: Record<string, { headers?: Record<string, unknown> }> } | undefined;
  // The headers it documents for that status (Retry-After only while there is something to wait for).
  for (const name of Object.keys(documented?.responses[String(response.status)]?.headers ?? {})) {
    if (name === 'Idempotent-Replayed' || (name === 'Retry-After' && response.status === 200)) continue;
    if (!response.headers.has(name)) problem = `${problem ?? ''} no ${name} header`.trim();
  }
  // Written as zod wrote answers before fast-json-stringify did: the same text, byte for byte.
  const schema = schemas.get(`${method} ${route} ${response.status}`);
  const json = contentType.startsWith('application/json');
  if (schema !== undefined && json) {
    const zodWrites = zodSerializerCompiler({ schema, method, url: route, httpStatus: String(response.status) });
    let written: string | undefined;
    try {
      written = zodWrites(parsed);
    } catch (error) {
      problem = `${problem ?? ''} zod refuses the answer: ${(error as Error).message}`.trim();
    }
    if (written !== undefined && written !== text) problem = `${problem ?? ''} zod writes ${written}`.trim();
  }
  answers.push({ method, path: route, status: response.status, problem, held: schema !== undefined && json, json });
  return { status: response.status, body: parsed };
}

function settled(server: SpawnedProcess, operationId: string) {
  return waitFor(
    async () => {
      const { body } = await call(server, 'GET', `/v1/operations/${operationId}`, '/v1/operations/{id}');
      return (body as { status: string }).status;
    },
    {
      until: (status) => status !== 'queued' && status !== 'running',
      what: `operation ${operationId} settled`,
      timeoutMs: 60_000,
    },
  );
}

const create = (server: SpawnedProcess, name: string) =>
  call(server, 'POST', '/v1/projects', '/v1/projects', {
    name,
    region: 'eu-west-1',
    organization_id: 'org-contract',
    owner_id: 'o',
  }) as Promise<{ status: number; body: { project: { id: string }; operation: { id: string } } }>;

beforeAll(async () => {
  schemas = new Map(
    (await answerSchemas()).map(({ route, status, schema }) => [
      `${route.replaceAll(/:(\w+)/g, '{$1}')} ${status}`,
      schema,
    ]),
  );
  environment = await createTestEnvironment('api_contract');
  token = (await environment.token(null, 'contract')).token;
});
afterAll(async () => {
  await environment?.close();
});

describe('every route’s served answer is what the document says', () => {
  it('with no worker running: a queued operation, cancelled', async () => {
    const server = await spawnApi('serve', environment.env);
    try {
      const { body } = await create(server, 'cancelled');
      expect(
        (await call(server, 'POST', `/v1/operations/${body.operation.id}/cancel`, '/v1/operations/{id}/cancel')).status,
      ).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('with a worker: each of the others, once', async () => {
    const server = await spawnApi('start', environment.env);
    // A webhook receiver that takes everything: the project's events become deliveries to replay.
    const hooks = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
    try {
      const { body: endpoint } = (await call(server, 'POST', '/v1/webhook-endpoints', '/v1/webhook-endpoints', {
        url: `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hooks`,
        organization_id: 'org-contract',
      })) as { body: { id: string } };
      const { body: created } = await create(server, 'contract');
      const id = created.project.id;
      expect(await settled(server, created.operation.id)).toBe('succeeded');
      await call(server, 'GET', '/v1/projects?limit=5', '/v1/projects');
      await call(server, 'GET', `/v1/projects/${id}`, '/v1/projects/{id}');
      await call(server, 'GET', `/v1/projects/${id}/operations`, '/v1/projects/{id}/operations');
      const claim = await call(
        server,
        'POST',
        `/v1/projects/${id}/one-time-result/claim`,
        '/v1/projects/{id}/one-time-result/claim',
      );
      const [plaintext] = (claim.body as { api_keys: { key: string }[] }).api_keys;
      await call(server, 'POST', '/v1/api-keys/verify', '/v1/api-keys/verify', { key: plaintext!.key });
      const keys = await call(server, 'GET', `/v1/projects/${id}/api-keys`, '/v1/projects/{id}/api-keys');
      const [key] = (keys.body as { data: { id: string }[] }).data;
      await call(server, 'POST', `/v1/projects/${id}/api-keys`, '/v1/projects/{id}/api-keys', { count: 1 });
      await call(
        server,
        'POST',
        `/v1/projects/${id}/api-keys/${key!.id}/rotate`,
        '/v1/projects/{id}/api-keys/{keyId}/rotate',
        { grace_seconds: 60 },
      );
      await call(server, 'DELETE', `/v1/projects/${id}/api-keys/${key!.id}`, '/v1/projects/{id}/api-keys/{keyId}');
      await call(server, 'GET', '/v1/overview', '/v1/overview');
      await call(server, 'POST', '/v1/clusters/default/pool/refill', '/v1/clusters/{name}/pool/refill');
      for (const kind of ['suspend', 'resume'] as const) {
        const { body } = await call(server, 'POST', `/v1/projects/${id}/${kind}`, `/v1/projects/{id}/${kind}`);
        await settled(server, (body as { operation: { id: string } }).operation.id);
      }
      const reset = await call(server, 'POST', `/v1/projects/${id}/reset-password`, '/v1/projects/{id}/reset-password');
      await settled(server, (reset.body as { operation: { id: string } }).operation.id);
      // A repeat: 200 with the operation that did it.
      await call(server, 'POST', `/v1/projects/${id}/resume`, '/v1/projects/{id}/resume');

      environment.authApi.always('POST /projects', { status: 503 });
      const { body: failing } = await create(server, 'contract failing');
      expect(await settled(server, failing.operation.id)).toBe('failed');
      environment.authApi.always('POST /projects', undefined);
      const retry = await call(server, 'POST', `/v1/projects/${failing.project.id}/retry`, '/v1/projects/{id}/retry');
      await settled(server, (retry.body as { operation: { id: string } }).operation.id);

      // Snapshots, a restore and a branch; then the project's protection, deletion, recovery and purge.
      const operationOf = (answer: { body: unknown }) => (answer.body as { operation: { id: string } }).operation.id;
      const snapshot = await call(server, 'POST', `/v1/projects/${id}/snapshots`, '/v1/projects/{id}/snapshots');
      await settled(server, operationOf(snapshot));
      const snapshotId = (snapshot.body as { snapshot_id: string }).snapshot_id;
      await call(server, 'GET', `/v1/projects/${id}/snapshots`, '/v1/projects/{id}/snapshots');
      const restore = await call(server, 'POST', `/v1/projects/${id}/restore`, '/v1/projects/{id}/restore', {
        snapshot_id: snapshotId,
      });
      await settled(server, operationOf(restore));
      const branch = await call(server, 'POST', `/v1/projects/${id}/branches`, '/v1/projects/{id}/branches', {
        snapshot_id: snapshotId,
      });
      expect(await settled(server, operationOf(branch))).toBe('succeeded');
      const dropped = await call(
        server,
        'DELETE',
        `/v1/projects/${id}/snapshots/${snapshotId}`,
        '/v1/projects/{id}/snapshots/{snapshotId}',
      );
      await settled(server, operationOf(dropped));
      await call(server, 'PATCH', `/v1/projects/${id}`, '/v1/projects/{id}', { deletion_protection: false });
      const deletion = await call(server, 'DELETE', `/v1/projects/${id}`, '/v1/projects/{id}');
      await settled(server, operationOf(deletion));
      const recovery = await call(server, 'POST', `/v1/projects/${id}/recover`, '/v1/projects/{id}/recover');
      await settled(server, operationOf(recovery));
      await settled(server, operationOf(await call(server, 'DELETE', `/v1/projects/${id}`, '/v1/projects/{id}')));
      const purge = await call(server, 'DELETE', `/v1/projects/${id}?purge=true`, '/v1/projects/{id}');
      await settled(server, operationOf(purge));
      // Every event of the above (a failure's error and root cause among them), as written.
      const events = await call(server, 'GET', '/v1/events?limit=500', '/v1/events');
      expect((events.body as { data: unknown[] }).data.length).toBeGreaterThan(20);
      for (const path of ['/healthz', '/readyz', '/metrics', '/openapi.json']) await call(server, 'GET', path, path);

      const hook = `/v1/webhook-endpoints/${endpoint.id}`;
      await call(server, 'GET', '/v1/webhook-endpoints', '/v1/webhook-endpoints');
      await call(server, 'GET', hook, '/v1/webhook-endpoints/{id}');
      await call(server, 'PATCH', hook, '/v1/webhook-endpoints/{id}', { description: 'contract' });
      await call(server, 'POST', `${hook}/rotate-secret`, '/v1/webhook-endpoints/{id}/rotate-secret');
      const delivered = await waitFor(
        async () => {
          const { body } = await call(server, 'GET', `${hook}/deliveries`, '/v1/webhook-endpoints/{id}/deliveries');
          return (body as { data: { id: string; status: string }[] }).data.find((d) => d.status === 'succeeded');
        },
        { what: 'a delivery succeeded', timeoutMs: 60_000 },
      );
      await call(
        server,
        'POST',
        `${hook}/deliveries/${delivered.id}/replay`,
        '/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/replay',
      );
      await call(server, 'DELETE', hook, '/v1/webhook-endpoints/{id}');
    } finally {
      environment.authApi.always('POST /projects', undefined);
      await server.stop();
      hooks.closeAllConnections();
      await new Promise<void>((resolve) => hooks.close(() => resolve()));
    }
  });

  it('covered every documented route with a success, and every answer matched', () => {
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const succeeded = new Set(answers.filter((answer) => answer.status < 300).map((a) => `${a.method} ${a.path}`));
    expect(documented.filter((route) => !succeeded.has(route))).toEqual([]);
    expect(answers.filter((answer) => answer.problem !== undefined)).toEqual([]);
    // Every JSON success but the document itself (which has no schema) was held to zod's text.
    const unheld = answers.filter((a) => a.json && a.status < 300 && !a.held && a.path !== '/openapi.json');
    expect(unheld.map((a) => `${a.method} ${a.path} ${a.status}`)).toEqual([]);
  });
});
