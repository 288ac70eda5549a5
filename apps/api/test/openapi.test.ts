import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientTypes } from '../src/openapi/client-types.js';
import { openApiDocument } from '../src/openapi/openapi-document.js';
import { document, routes } from './support/openapi-routes.js';

const root = join(import.meta.dirname, '..');

describe('the OpenAPI document', () => {
  it('is what the server’s schemas generate now, and the client’s types are what it generates (`npm run openapi -w @org/api`)', async () => {
    const generated = await openApiDocument();
    expect(JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8'))).toEqual(generated);
    expect(readFileSync(join(root, 'src/client/api-schema.ts'), 'utf8')).toBe(await clientTypes(generated));
  }, 30_000);

  it('is OpenAPI 3.1 with a bearer admin token on every /v1 route', () => {
    expect((document as unknown as { openapi: string }).openapi).toBe('3.1.0');
    expect((document as unknown as { security: unknown }).security).toEqual([{ adminToken: [] }]);
    expect(routes.length).toBeGreaterThanOrEqual(13);
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
