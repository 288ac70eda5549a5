import { PROBLEM_STATUSES, type ProblemStatus } from '../schemas/problem-responses.js';

type Json = Record<string, unknown>;

const SUCCESS: Record<string, string> = {
  '200': 'OK',
  '201': 'Created: the answer holds a secret shown this once',
  '202': 'Accepted: the operation is queued; poll `Operation-Location`',
};

const HEADER_DOCS: Record<string, { description: string; schema: Json }> = {
  'X-Request-Id': {
    description: 'This request’s id, as logged (the one sent, when it was a sane one)',
    schema: { type: 'string' },
  },
  Location: { description: 'The project', schema: { type: 'string' } },
  'Operation-Location': { description: 'The operation to poll', schema: { type: 'string' } },
  'Retry-After': { description: 'Seconds to wait before asking again', schema: { type: 'integer' } },
  ETag: { description: 'The version, for `If-Match`', schema: { type: 'string' } },
  'Idempotent-Replayed': {
    description: '`true` when this is the stored first answer to the Idempotency-Key',
    schema: { type: 'string' },
  },
};

const PARAMETERS: Record<string, Json> = {
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422.',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  },
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    required: false,
    description: 'Act only if the resource is still at this `ETag` (else 412).',
    schema: { type: 'string' },
  },
};

function headersOf(method: string, operationId: string, status: string): string[] {
  const headers = ['X-Request-Id'];
  // A project's operation; a pool refill is no operation of a project.
  if (status === '202' && operationId !== 'refillPool')
    headers.push('Location', 'Operation-Location', 'Retry-After', 'ETag');
  // A repeat on a project already in that state: the operation that did it, where to read it.
  if (status === '200' && ['suspendProject', 'resumeProject', 'deleteProject'].includes(operationId)) {
    headers.push('Location', 'Operation-Location', 'ETag');
  }
  // 409: not provisioned yet (a result), or another run holds the project (keys).
  const waitable = ['claimOneTimeResult', 'createApiKeys', 'rotateApiKey'];
  if (status === '429' || status === '503' || (status === '409' && waitable.includes(operationId)))
    headers.push('Retry-After');
  if (status === '200' && ['getProject', 'updateProject', 'revokeApiKey'].includes(operationId)) headers.push('ETag');
  if (status === '200' && operationId === 'getOperation') headers.push('Retry-After');
  if ((method === 'post' || method === 'delete') && status.startsWith('2') && operationId !== 'verifyApiKey') {
    headers.push('Idempotent-Replayed');
  }
  return headers;
}

/**
 * What the generated document needs beyond the schemas: problem answers as
 * `application/problem+json`, each response's description and headers, the bearer token,
 * and the `Idempotency-Key` / `If-Match` parameters of the routes that honour them.
 */
export function finishDocument(document: Json): Json {
  const paths = (document['paths'] ?? {}) as Record<string, Record<string, Json>>;
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const operationId = String(operation['operationId']);
      const responses = (operation['responses'] ?? {}) as Record<string, Json>;
      for (const [status, response] of Object.entries(responses)) {
        const code = Number(status);
        if (code >= 400 && code in PROBLEM_STATUSES) {
          response['description'] = PROBLEM_STATUSES[code as ProblemStatus];
          const content = response['content'] as Record<string, Json> | undefined;
          if (content?.['application/json'] !== undefined) {
            response['content'] = { 'application/problem+json': content['application/json'] };
          }
        } else if (response['description'] === 'Default Response') {
          response['description'] = SUCCESS[status] ?? 'OK';
        }
        response['headers'] = Object.fromEntries(
          headersOf(method, operationId, status).map((name) => [name, HEADER_DOCS[name]]),
        );
      }
      const parameters = (operation['parameters'] ?? []) as Json[];
      if (
        path.startsWith('/v1/') &&
        (method === 'post' || method === 'patch' || method === 'delete') &&
        operationId !== 'verifyApiKey'
      ) {
        parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
      }
      const ifMatch = ['suspendProject', 'resumeProject', 'deleteProject', 'recoverProject', 'updateProject'];
      if ([...ifMatch, 'rotateApiKey', 'revokeApiKey'].includes(operationId)) {
        parameters.push({ $ref: '#/components/parameters/IfMatch' });
      }
      if (parameters.length > 0) operation['parameters'] = parameters;
      // A body that may be null may be left out (no body reaches validation as null): the
      // generated document marks every body required.
      const requestBody = operation['requestBody'] as
        { required?: boolean; content?: Record<string, { schema?: { anyOf?: Json[] } }> } | undefined;
      const schema = requestBody?.content?.['application/json']?.schema;
      if (requestBody !== undefined && schema?.anyOf?.some((option) => option['type'] === 'null')) {
        requestBody.required = false;
      }
      if (!path.startsWith('/v1/')) operation['security'] = [];
    }
  }
  const components = (document['components'] ?? {}) as Json;
  components['securitySchemes'] = {
    adminToken: {
      type: 'http',
      scheme: 'bearer',
      description: 'An admin token (`control-plane-api token create`), for one organization or all',
    },
  };
  components['parameters'] = PARAMETERS;
  components['schemas'] = usedSchemas(paths, (components['schemas'] ?? {}) as Record<string, unknown>);
  return { ...document, components, security: [{ adminToken: [] }] };
}

/**
 * The schemas the paths reference, directly or through each other: every zod schema with
 * an id is registered for input and for output, and most are only one of the two.
 */
function usedSchemas(paths: unknown, schemas: Record<string, unknown>): Record<string, unknown> {
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
        const name = value.slice('#/components/schemas/'.length);
        if (!used.has(name)) {
          used.add(name);
          visit(schemas[name]);
        }
      } else visit(value);
    }
  };
  visit(paths);
  return Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
}
