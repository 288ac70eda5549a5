import type { FastifySerializerCompiler } from 'fastify';
import fastJson from 'fast-json-stringify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { $ZodType } from 'zod/v4/core';
import { answerJsonSchema } from './answer-json-schema.js';

/** How an answer of one zod schema is written. */
export interface AnswerSerializer {
  /** The answer as JSON text. */
  readonly serialize: (answer: unknown) => string;
  /**
   * `fast-json-stringify` when compiled from the schema's JSON Schema; `zod` when the
   * schema has a part fast-json-stringify would not write as zod does (named by `why`),
   * and the answer is validated and written by zod instead.
   */
  by: 'fast-json-stringify' | 'zod';
  why?: string;
}

// Routes share schemas (every problem status, a project in several answers): each is compiled once.
const compiled = new WeakMap<z.ZodType, AnswerSerializer>();

/**
 * The serializer of answers of `schema`: fast-json-stringify compiled from the JSON Schema
 * generated from it (`answerJsonSchema`), which writes what `JSON.stringify` of the
 * zod-parsed answer writes, without validating it first; zod itself for a schema that
 * cannot be compiled so. An answer the schema refuses is then written as fast-json-stringify
 * coerces it rather than refused with a 500: the handlers' types are what hold an answer to
 * its schema, and the tests hold the handlers' real answers to it.
 */
export function answerSerializer(schema: z.ZodType): AnswerSerializer {
  const known = compiled.get(schema);
  if (known !== undefined) return known;
  const json = answerJsonSchema(schema);
  const serializer: AnswerSerializer =
    'schema' in json
      ? { by: 'fast-json-stringify', serialize: fastJson(json.schema as unknown as Parameters<typeof fastJson>[0]) }
      : { by: 'zod', why: json.unsupported, serialize: zodSerializer(schema) };
  compiled.set(schema, serializer);
  return serializer;
}

function zodSerializer(schema: z.ZodType): (answer: unknown) => string {
  return zodSerializerCompiler({ schema, method: '', url: '', httpStatus: '' }) as (answer: unknown) => string;
}

/**
 * The API's Fastify serializer compiler: each route's answer of each status by
 * `answerSerializer` of its zod schema. (Requests are still validated by zod.)
 */
export const answerSerializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema, method, url, httpStatus }) => {
  const serializer = answerSerializer(zodSchemaOf(schema));
  if (serializer.by === 'fast-json-stringify') return serializer.serialize;
  // The route and status for zod's ResponseSerializationError, as the zod compiler names them.
  return zodSerializerCompiler({ schema, method, url, httpStatus }) as (answer: unknown) => string;
};

/** The zod schema Fastify hands over: itself, or wrapped as a shorthand's `properties`. */
function zodSchemaOf(schema: unknown): z.ZodType {
  if (schema instanceof $ZodType) return schema as z.ZodType;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  if (properties instanceof $ZodType) return properties as z.ZodType;
  throw new TypeError(`An answer's schema is not a zod schema: ${JSON.stringify(schema)}`);
}
