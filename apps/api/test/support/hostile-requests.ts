import fc from 'fast-check';
import { resolve, type DocumentedRoute, type SchemaNode } from './openapi-routes.js';

/** A request to send: a route's method and a concrete path, query, headers and raw body. */
export interface HostileRequest {
  route: DocumentedRoute;
  path: string;
  query: string;
  headers: Record<string, string>;
  /** Raw body text; undefined sends none. */
  body: string | undefined;
}

/** A valid value of a JSON Schema node (the document's own, so valid bodies reach the handlers too). */
function validOf(node: SchemaNode, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(node);
  if (schema.anyOf !== undefined) return fc.oneof(...schema.anyOf.map((option) => validOf(option, depth + 1)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const properties = Object.entries(schema.properties ?? {});
      const record = Object.fromEntries(properties.map(([key, value]) => [key, validOf(value, depth + 1)]));
      return fc.record(record, { requiredKeys: schema.required ?? [] });
    }
    case 'array':
      return fc.array(validOf(schema.items ?? {}, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    case 'string': {
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'date-time') return fc.constant('2099-01-01T00:00:00.000Z');
      // A refinement (the key prefix) has no JSON Schema form: its default is a valid value.
      if (schema.pattern === undefined && schema.default !== undefined) return fc.constant(schema.default);
      const base = schema.pattern ? fc.stringMatching(new RegExp(schema.pattern)) : fc.string({ minLength: 1 });
      return base.filter((s) => s.trim().length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? 64));
    }
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1e6, -1e6), max: Math.min(schema.maximum ?? 1e6, 1e6) });
    case 'number':
      return fc.double({ noNaN: true, min: -1e6, max: 1e6 });
    case 'boolean':
      return fc.boolean();
    default:
      return fc.constant(null);
  }
}

const injection = fc.constantFrom(
  "' OR 1=1 --",
  "x'); DROP TABLE control_plane.projects; --",
  '"; DROP DATABASE postgres; --',
  '$$; DROP ROLE postgres; $$',
  "tenant_'||pg_sleep(10)||'",
  '${process.exit(1)}',
  '../../../etc/passwd',
  '%00',
  '<script>alert(1)</script>',
);
const unicode = fc.constantFrom(
  'ｕｓ-east-1',
  '🦄'.repeat(50),
  'مستخدم',
  'a\u0000b',
  'a\u202Eb',
  'x\u200By',
  'Ω'.repeat(300),
);
const wrongType = fc.constantFrom<unknown>(null, 42, -1, 3.5, true, [], {}, ['x'], { $gt: '' }, 1e308, -0);
const overlong = fc.integer({ min: 201, max: 30_000 }).map((n) => 'a'.repeat(n));
const hostileString = fc.oneof(
  injection,
  unicode,
  overlong,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const pollutingKey = fc.constantFrom('__proto__', 'constructor', 'prototype', '$where', 'toString', 'isAdmin');

type Mutation = (body: unknown) => unknown;

function fieldsOf(body: unknown): string[] {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [];
}

/** Ways to break a body: each is applied to whatever the body is by then. */
const bodyMutations: fc.Arbitrary<Mutation>[] = [
  fc.tuple(fc.nat(), wrongType).map(([pick, value]) => (body) => {
    const fields = fieldsOf(body);
    return fields.length === 0 ? value : { ...(body as object), [fields[pick % fields.length]!]: value };
  }),
  fc.tuple(fc.nat(), hostileString).map(([pick, value]) => (body) => {
    const fields = fieldsOf(body);
    return fields.length === 0 ? value : { ...(body as object), [fields[pick % fields.length]!]: value };
  }),
  fc.nat().map((pick) => (body) => {
    const fields = fieldsOf(body);
    if (fields.length === 0) return body;
    const { [fields[pick % fields.length]!]: _removed, ...rest } = body as Record<string, unknown>;
    return rest;
  }),
  fc
    .tuple(fc.oneof(pollutingKey, fc.string({ minLength: 1, maxLength: 20 })), wrongType)
    .map(([key, value]) => (body) => {
      const copy: Record<string, unknown> = { ...(body as object) };
      Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
      return copy;
    }),
  fc.constantFrom<unknown>(null, 'body', 42, [], [{}], true, {}).map((value) => () => value),
];

/** Raw bodies that are not JSON, or not the JSON they claim. */
const malformed = fc.oneof(
  fc.constantFrom(
    '{',
    '[1,',
    '{"a":}',
    'nul',
    '\u0000',
    '{"a":"\\u00"}',
    '{}}',
    '"unterminated',
    '{"__proto__":{"x":1}}',
  ),
  fc.string({ maxLength: 60 }),
  fc.integer({ min: 70_000, max: 200_000 }).map((n) => `{"name":"${'x'.repeat(n)}"}`),
);

/**
 * Requests for `route`, most of them broken: path parameters that are real, random or
 * hostile; query strings with wrong types, unknown keys and garbage cursors; bodies from
 * the document's schema, then broken (wrong types, missing and unknown fields, injection,
 * unicode, overlong strings, prototype keys), or not JSON at all; the wrong media type;
 * malformed Idempotency-Key and If-Match headers.
 */
export function hostileRequests(route: DocumentedRoute, real: Record<string, string[]>): fc.Arbitrary<HostileRequest> {
  const param = (name: string) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...(real[name] ?? ['00000000-0000-0000-0000-000000000000'])) },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 2, arbitrary: hostileString },
    );
  const params = fc.record(Object.fromEntries(Object.keys(route.pathParams).map((name) => [name, param(name)])));
  const queryEntries = fc.array(
    fc.oneof(
      ...Object.entries(route.query).map(([name, schema]) =>
        fc.tuple(fc.constant(name), fc.oneof(validOf(schema).map(String), hostileString)),
      ),
      fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), hostileString),
    ),
    { maxLength: 3 },
  );
  const body: fc.Arbitrary<string | undefined> =
    route.body === undefined
      ? fc.oneof(fc.constant(undefined), fc.constant(undefined), malformed, fc.constant('{}'))
      : fc.oneof(
          { weight: 2, arbitrary: validOf(route.body).map((value) => JSON.stringify(value)) },
          {
            weight: 5,
            arbitrary: fc
              .tuple(validOf(route.body), fc.array(fc.oneof(...bodyMutations), { minLength: 1, maxLength: 3 }))
              .map(
                ([value, mutations]) =>
                  JSON.stringify(mutations.reduce((current, mutate) => mutate(current), value)) ?? 'null',
              ),
          },
          { weight: 2, arbitrary: malformed },
          { weight: 1, arbitrary: fc.constant(undefined) },
        );
  const headers = fc.record(
    {
      'content-type': fc.constantFrom(
        'application/json',
        'application/json',
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
      ),
      'idempotency-key': fc.oneof(fc.uuid(), fc.constantFrom('', ' ', 'a b', 'é', 'x'.repeat(300))),
      'if-match': fc.oneof(fc.constant('"nope"'), fc.constant('*'), fc.string({ maxLength: 30 })),
    },
    { requiredKeys: [] },
  );
  return fc.record({ params, queryEntries, body, headers }).map(({ params, queryEntries, body, headers }) => {
    // A "." or ".." segment is not this route's: every URL parser (fetch's too) resolves it
    // against the path (/v1/operations/./cancel is sent as /v1/operations/cancel, another
    // route), so such a value gets a character more; the raw-socket test sends them as is.
    const segment = (value: string) => (value === '.' || value === '..' ? `${value}~` : value);
    const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(segment(String(params[name]))),
    );
    const query = new URLSearchParams(queryEntries).toString();
    const sent: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      // Header values must be latin-1 text without control characters to be sent at all.
      if (typeof value === 'string' && /^[\x20-\x7e]*$/.test(value)) sent[name] = value;
    }
    if (body === undefined) delete sent['content-type'];
    return { route, path, query, headers: sent, body };
  });
}
