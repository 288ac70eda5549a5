import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A JSON Schema node of the document, as far as the tests read one. */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  anyOf?: SchemaNode[];
}

/** One operation of the committed OpenAPI document. */
export interface DocumentedRoute {
  method: 'get' | 'post' | 'delete';
  /** `/v1/projects/{id}` */
  path: string;
  operationId: string;
  /** The statuses it documents. */
  statuses: Set<number>;
  pathParams: Record<string, SchemaNode>;
  query: Record<string, SchemaNode>;
  body: SchemaNode | undefined;
  authenticated: boolean;
}

export const document = JSON.parse(readFileSync(join(import.meta.dirname, '../../openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, SchemaNode> };
};

/** Follows `$ref`s into the document's components. */
export function resolve(node: SchemaNode): SchemaNode {
  let current = node;
  while (current.$ref !== undefined) current = document.components.schemas[current.$ref.split('/').at(-1)!]!;
  return current;
}

/** Every operation of the document under /v1. */
export const routes: DocumentedRoute[] = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods)
    .filter(() => path.startsWith('/v1/'))
    .map(([method, operation]) => {
      const parameters = (operation['parameters'] ?? []) as { in?: string; name?: string; schema?: SchemaNode }[];
      const of = (where: string) =>
        Object.fromEntries(parameters.filter((p) => p.in === where).map((p) => [p.name!, p.schema ?? {}]));
      const requestBody = operation['requestBody'] as { content: Record<string, { schema: SchemaNode }> } | undefined;
      return {
        method: method as DocumentedRoute['method'],
        path,
        operationId: String(operation['operationId']),
        statuses: new Set(Object.keys(operation['responses'] as object).map(Number)),
        pathParams: of('path'),
        query: of('query'),
        body: requestBody?.content['application/json']?.schema,
        authenticated: (operation['security'] as unknown[] | undefined)?.length !== 0,
      };
    }),
);
