import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Fastify from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { clientTypes } from '../src/openapi/client-types.js';
import { openApiDocument } from '../src/openapi/openapi-document.js';
import { document, routes } from './support/openapi-routes.js';

const root = join(import.meta.dirname, '..');

// Fastify cannot list a server's routes after the fact, so the server's own factory is
// wrapped to record each route as it is added; the server is otherwise the real one.
const served = vi.hoisted(() => [] as string[]);
vi.mock('fastify', async (importOriginal) => {
  const fastify = await importOriginal<typeof Fastify>();
  const recording = (options?: Fastify.FastifyServerOptions) =>
    fastify.default(options).addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) served.push(`${method} ${route.url}`);
    });
  return { ...fastify, default: recording };
});

/** Every route the server answers, but the HEAD that Fastify adds to each GET. */
const SERVED = [
  'GET /',
  'GET /console',
  'GET /console/*',
  'GET /healthz',
  'GET /readyz',
  'GET /metrics',
  'GET /openapi.json',
  'POST /v1/projects',
  'GET /v1/projects',
  'GET /v1/projects/:id',
  'DELETE /v1/projects/:id',
  'GET /v1/projects/:id/operations',
  'POST /v1/projects/:id/one-time-result/claim',
  'POST /v1/projects/:id/suspend',
  'POST /v1/projects/:id/resume',
  'POST /v1/projects/:id/reset-password',
  'POST /v1/projects/:id/retry',
  'PATCH /v1/projects/:id',
  'POST /v1/projects/:id/recover',
  'POST /v1/projects/:id/snapshots',
  'GET /v1/projects/:id/snapshots',
  'DELETE /v1/projects/:id/snapshots/:snapshotId',
  'POST /v1/projects/:id/restore',
  'POST /v1/projects/:id/branches',
  'GET /v1/operations/:id',
  'POST /v1/operations/:id/cancel',
  'GET /v1/projects/:id/api-keys',
  'POST /v1/projects/:id/api-keys',
  'POST /v1/projects/:id/api-keys/:keyId/rotate',
  'DELETE /v1/projects/:id/api-keys/:keyId',
  'POST /v1/api-keys/verify',
  'GET /v1/overview',
  'GET /v1/events',
  'POST /v1/clusters/:name/pool/refill',
  'GET /v1/webhook-endpoints',
  'POST /v1/webhook-endpoints',
  'GET /v1/webhook-endpoints/:id',
  'PATCH /v1/webhook-endpoints/:id',
  'DELETE /v1/webhook-endpoints/:id',
  'POST /v1/webhook-endpoints/:id/rotate-secret',
  'GET /v1/webhook-endpoints/:id/deliveries',
  'POST /v1/webhook-endpoints/:id/deliveries/:deliveryId/replay',
];

/** The console's pages: served, and not part of the API's document. */
const CONSOLE = ['GET /', 'GET /console', 'GET /console/*'];

describe('the OpenAPI document', () => {
  it('is what the server’s schemas generate now, and the client’s types are what it generates (`npm run openapi -w @org/api`)', async () => {
    const generated = await openApiDocument();
    expect(JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8'))).toEqual(generated);
    expect(readFileSync(join(root, 'src/client/api-schema.ts'), 'utf8')).toBe(await clientTypes(generated));
  }, 30_000);

  it('documents exactly the routes the server serves, but the console’s pages', async () => {
    served.length = 0;
    const generated = (await openApiDocument()) as { paths: Record<string, Record<string, unknown>> };
    expect(served.filter((route) => !route.startsWith('HEAD ')).sort()).toEqual([...SERVED].sort());
    expect(served.filter((route) => route.startsWith('HEAD ')).sort()).toEqual(
      SERVED.filter((route) => route.startsWith('GET '))
        .map((route) => route.replace('GET', 'HEAD'))
        .sort(),
    );
    const documented = Object.entries(generated.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replaceAll(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(documented.sort()).toEqual(SERVED.filter((route) => !CONSOLE.includes(route)).sort());
  }, 30_000);

  it('is OpenAPI 3.1 with a bearer admin token on every /v1 route', () => {
    expect((document as unknown as { openapi: string }).openapi).toBe('3.1.0');
    expect((document as unknown as { security: unknown }).security).toEqual([{ adminToken: [] }]);
    for (const route of routes) expect(route.authenticated, route.operationId).toBe(true);
  });

  it('documents every refusal of every /v1 route as problem details', () => {
    for (const route of routes) {
      const wanted = [400, 401, 404, 429, 503, ...(route.method === 'get' ? [] : [413, 415])];
      expect([...route.statuses].filter((status) => status >= 400).sort(), route.operationId).toEqual(
        expect.arrayContaining(wanted),
      );
      const operation = document.paths[route.path]![route.method]! as {
        responses: Record<string, { content?: Record<string, unknown> }>;
        parameters?: { $ref?: string }[];
      };
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400)
          expect(Object.keys(response.content ?? {}), `${route.operationId} ${status}`).toEqual([
            'application/problem+json',
          ]);
      }
      const idempotent = (operation.parameters ?? []).some((p) => p.$ref === '#/components/parameters/IdempotencyKey');
      expect(idempotent, route.operationId).toBe(route.method !== 'get' && route.operationId !== 'verifyApiKey');
    }
  });
});
