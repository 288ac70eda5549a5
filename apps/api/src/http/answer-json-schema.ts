import { z } from 'zod';

/** A JSON Schema node, as fast-json-stringify reads one. */
export type AnswerJsonSchema = Record<string, unknown>;

/**
 * What a zod schema of an answer means for fast-json-stringify, or why it cannot be said.
 * `schema` writes exactly what `JSON.stringify` writes of the zod-parsed answer, for every
 * answer zod accepts; `unsupported` names the first part of the zod schema whose output
 * fast-json-stringify would not reproduce.
 */
export type AnswerJsonSchemaResult = { schema: AnswerJsonSchema } | { unsupported: string };

/**
 * The zod types whose parsed output is the input itself, or the input with unknown object
 * keys stripped: for these, writing the answer by its JSON Schema is writing what zod
 * would have written. Anything else changes a value on its way out (a transform, a
 * default, a catch, a pipe), or has no JSON Schema fast-json-stringify writes without
 * validating each candidate at run time (a union), and is not taken.
 */
const FAITHFUL = new Set([
  'string',
  'number',
  'boolean',
  'null',
  'enum',
  'literal',
  'object',
  'record',
  'array',
  'nullable',
  'optional',
  'readonly',
]);

/**
 * The JSON Schema fast-json-stringify compiles an answer's serializer from, generated from
 * the answer's zod schema (the one the OpenAPI document is generated from too, so there is
 * one source). The form differs from the document's where fast-json-stringify needs it to:
 * OpenAPI 3.0's `nullable: true` (which fast-json-stringify writes as `null` without
 * validating) rather than 3.1's `anyOf` with `null`; every `$ref` inlined; a record with an
 * enum's keys as that enum's properties, in its order, which is the order zod writes them
 * in whatever order the answer has them; and no `required` on an object whose optional
 * properties come before a required one (see `keepPropertyOrder`).
 */
export function answerJsonSchema(schema: z.ZodType): AnswerJsonSchemaResult {
  let unsupported: string | undefined;
  let json: AnswerJsonSchema;
  try {
    json = z.toJSONSchema(schema, {
      target: 'openapi-3.0',
      io: 'output',
      reused: 'inline',
      cycles: 'throw',
      unrepresentable: 'throw',
      // Ids and descriptions are the document's; an id would make the node a `$ref`.
      metadata: z.registry(),
      override: ({ zodSchema, jsonSchema }) => {
        const def = (zodSchema as unknown as z.ZodType)._zod.def as unknown as Record<string, unknown>;
        const why = unfaithful(def);
        if (why !== undefined) {
          unsupported ??= why;
          return;
        }
        if (def['type'] === 'record') recordAsProperties(def, jsonSchema);
        if (def['type'] === 'object') keepPropertyOrder(jsonSchema);
      },
    });
  } catch (error) {
    return { unsupported: (error as Error).message };
  }
  if (unsupported !== undefined) return { unsupported };
  delete json['$schema'];
  return { schema: json };
}

/** Why a zod node's output is not what its JSON Schema writes; undefined when it is. */
function unfaithful(def: Record<string, unknown>): string | undefined {
  const type = def['type'] as string;
  if (!FAITHFUL.has(type)) return `a ${type}`;
  // trim(), toLowerCase() and the like rewrite the value they check.
  const checks = (def['checks'] ?? []) as { _zod: { def: { check: string } } }[];
  if (checks.some((check) => check._zod.def.check === 'overwrite')) return `a ${type} that rewrites its value`;
  if (type === 'object') {
    const catchall = def['catchall'] as z.ZodType | undefined;
    // A loose object keeps unknown keys, in the answer's order after the known ones.
    if (catchall !== undefined && catchall._zod.def.type !== 'never') return 'an object that keeps unknown keys';
  }
  // A loose record keeps the keys its enum does not name, after the named ones.
  if (type === 'record' && def['mode'] === 'loose') return 'a record that keeps unknown keys';
  if (type === 'literal' && (def['values'] as unknown[]).length !== 1) return 'a literal of several values';
  return undefined;
}

/**
 * zod writes a record keyed by an enum in the enum's order, every key present (a partial
 * record in the answer's own): fast-json-stringify writes `additionalProperties` in the
 * answer's order, so such a record is written as the enum's properties instead.
 */
function recordAsProperties(def: Record<string, unknown>, json: AnswerJsonSchema): void {
  const keys = (def['keyType'] as z.ZodType)._zod.values;
  const value = json['additionalProperties'];
  if (keys === undefined || def['partial'] === true || typeof value !== 'object' || value === null) return;
  const names = [...keys].map(String);
  json['properties'] = Object.fromEntries(names.map((name) => [name, value]));
  json['required'] = names;
  json['additionalProperties'] = false;
  delete json['propertyNames'];
}

/**
 * fast-json-stringify writes an object's required properties first, then its optional
 * ones; zod writes them in the schema's order. Where the two differ (an optional property
 * before a required one, as in a problem's `detail`), the object is written without
 * `required`: in the schema's order, each property present written, none checked for.
 */
function keepPropertyOrder(json: AnswerJsonSchema): void {
  const names = Object.keys(json['properties'] ?? {});
  const required = new Set((json['required'] ?? []) as string[]);
  const requiredFirst = [...names.filter((name) => required.has(name)), ...names.filter((name) => !required.has(name))];
  if (requiredFirst.some((name, i) => name !== names[i])) delete json['required'];
}
