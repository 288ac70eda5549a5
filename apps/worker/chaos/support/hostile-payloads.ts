import fc from 'fast-check';
import { z } from 'zod';
import { provisioningPayloadSchema } from '@org/operations';

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

/** A fast-check arbitrary of *valid* values, derived from the zod schema's JSON Schema. */
function arbitraryOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const record = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, arbitraryOf(value)]));
      return fc.record(record, { requiredKeys: schema.required ?? [] });
    }
    case 'string': {
      // A refinement (the key prefix) has no JSON Schema form: its default is a valid value.
      if (schema.pattern === undefined && schema.default !== undefined) return fc.constant(schema.default);
      const base = schema.pattern ? fc.stringMatching(new RegExp(schema.pattern)) : fc.string();
      return base.filter((s) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity));
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9 });
    case 'boolean':
      return fc.boolean();
    default:
      return fc.anything();
  }
}

export const validPayloadArbitrary = arbitraryOf(
  z.toJSONSchema(provisioningPayloadSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema,
) as fc.Arbitrary<Record<string, unknown>>;

const injection = fc.constantFrom(
  "' OR 1=1 --",
  "x'); DROP TABLE control_plane.projects; --",
  '"; DROP DATABASE postgres; --',
  '$$; DROP ROLE postgres; $$',
  '\\x00',
  "tenant_'||pg_sleep(10)||'",
  '${process.exit(1)}',
  '../../../etc/passwd',
);
const unicode = fc.constantFrom(
  'ｕｓ-east-1',
  'us‐east‐1',
  '🦄',
  'مستخدم',
  'a\u0000b',
  'a\u202Eb',
  'ä',
  'x\u200By',
  'Ω'.repeat(200),
);
const wrongType = fc.constantFrom<unknown>(null, 42, -1, 3.5, true, [], {}, ['us-east-1'], { $gt: '' }, Number.NaN);
const overlong = fc.integer({ min: 129, max: 100_000 }).map((n) => 'a'.repeat(n));
const pollutingKey = fc.constantFrom('__proto__', 'constructor', 'prototype', '$where', 'toString', 'isAdmin');

type Mutation = (payload: Record<string, unknown>) => unknown;

/** Ways to make a valid payload invalid. Each one always makes it invalid. */
const mutations: fc.Arbitrary<Mutation>[] = [
  // A required field of the wrong type.
  fc
    .tuple(fc.constantFrom('project_id', 'region', 'owner_id', 'organization_id'), wrongType)
    .map(([field, value]) => (p) => ({ ...p, [field]: value })),
  // A required field missing.
  fc.constantFrom('project_id', 'region', 'owner_id', 'organization_id').map((field) => (p) => {
    const { [field]: _removed, ...rest } = p;
    return rest;
  }),
  // SQL injection or unicode in a string field.
  fc
    .tuple(fc.constantFrom('project_id', 'region', 'owner_id', 'organization_id'), fc.oneof(injection, unicode))
    .map(([field, value]) => (p) => ({ ...p, [field]: value })),
  // Overlong strings.
  fc
    .tuple(fc.constantFrom('project_id', 'region', 'owner_id', 'organization_id'), overlong)
    .map(([field, value]) => (p) => ({ ...p, [field]: value })),
  // Prototype pollution and unknown keys, as own properties (as JSON.parse makes them).
  fc.tuple(pollutingKey, fc.constantFrom<unknown>({ isAdmin: true }, 'x', 1)).map(([key, value]) => (p) => {
    const copy: Record<string, unknown> = { ...p };
    Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
    return copy;
  }),
  fc.tuple(pollutingKey, fc.constantFrom('services', 'api_keys')).map(([key, nested]) => (p) => ({
    ...p,
    [nested]: JSON.parse(`{"${key}": {"polluted": true}}`) as unknown,
  })),
  // Nested garbage.
  fc
    .oneof(fc.integer({ min: -1000, max: 0 }), fc.integer({ min: 11, max: 1e9 }), fc.constant(2.5), fc.constant('2'))
    .map((count) => (p) => ({ ...p, api_keys: { count, prefix: 'pk' } })),
  fc.constantFrom('PK', '1pk', 'p', 'a'.repeat(17), 'p_k', "pk'--", 'pk ', '').map((prefix) => (p) => ({
    ...p,
    api_keys: { count: 1, prefix },
  })),
  fc.constantFrom<unknown>('yes', 1, null, {}).map((value) => (p) => ({ ...p, services: { auth: value } })),
  fc.constant((p: Record<string, unknown>) => ({ ...p, services: { auth: true, email: true } })),
  // Not an object at all.
  fc.constantFrom<unknown>(null, undefined, 'payload', 42, [], [{}], true).map((value) => () => value),
];

/** Invalid payloads: a schema-derived valid payload with one to three mutations applied. */
export const hostilePayloadArbitrary = fc
  .tuple(validPayloadArbitrary, fc.array(fc.oneof(...mutations), { minLength: 1, maxLength: 3 }))
  .map(([payload, applied]) =>
    applied.reduce<unknown>((current, mutate) => mutate((current ?? {}) as Record<string, unknown>), payload),
  );
