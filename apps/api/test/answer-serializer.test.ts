import fc from 'fast-check';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { answerSerializer } from '../src/http/answer-serializer.js';
import { answerSchemas, type AnswerSchema } from './support/answer-schemas.js';
import { zodAnswers } from './support/zod-answers.js';

/** What the API wrote before: zod's serializer (validate, encode, JSON.stringify). */
function zodWrites(schema: z.ZodType): (answer: unknown) => string {
  return zodSerializerCompiler({ schema, method: 'GET', url: '/', httpStatus: '200' }) as (answer: unknown) => string;
}

let schemas: AnswerSchema[];
beforeAll(async () => {
  schemas = await answerSchemas();
}, 30_000);

describe('answers written by fast-json-stringify from the zod schemas’ JSON Schema', () => {
  it('every answer schema of every route compiles (none is left to zod)', () => {
    expect(schemas.length).toBeGreaterThan(100);
    const byZod = schemas
      .map(({ route, status, schema }) => ({ route, status, ...answerSerializer(schema) }))
      .filter((serializer) => serializer.by !== 'fast-json-stringify')
      .map(({ route, status, why }) => `${route} ${status}: ${why}`);
    expect(byZod).toEqual([]);
  });

  it('writes byte for byte what zod wrote, for every route’s answers zod accepts', () => {
    // Each distinct schema once (the problem schema is every route's refusal).
    const distinct = [...new Map(schemas.map((entry) => [entry.schema, entry])).values()];
    for (const { route, status, schema } of distinct) {
      const expected = zodWrites(schema);
      const { serialize } = answerSerializer(schema);
      fc.assert(
        fc.property(
          zodAnswers(schema).filter((answer) => schema.safeParse(answer).success),
          (answer) => {
            expect(serialize(answer), `${route} ${status}`).toBe(expected(answer));
          },
        ),
        { numRuns: 200 },
      );
    }
  }, 60_000);
});

describe('the shapes fast-json-stringify would write otherwise than zod', () => {
  it('a record keyed by an enum: in the enum’s order, whatever the answer’s', () => {
    const schema = z.object({ counts: z.record(z.enum(['b', 'a', 'c']), z.int()) });
    const answer = { counts: { c: 3, a: 1, b: 2 } };
    expect(answerSerializer(schema).serialize(answer)).toBe('{"counts":{"b":2,"a":1,"c":3}}');
    expect(answerSerializer(schema).serialize(answer)).toBe(zodWrites(schema)(answer));
  });

  it('nullable and optional fields, unknown keys, escapes', () => {
    const schema = z.object({
      at: z.iso.datetime().nullable(),
      error: z.object({ code: z.string(), step: z.string().optional() }).nullable(),
      text: z.string(),
    });
    const answers = [
      { at: null, error: null, text: '' },
      {
        at: '2026-01-02T03:04:05.678Z',
        error: { code: 'X', step: undefined, extra: 1 },
        text: 'a"b\\c\u2028\ud800',
        more: 2,
      },
    ];
    for (const answer of answers) expect(answerSerializer(schema).serialize(answer)).toBe(zodWrites(schema)(answer));
  });

  it('a schema whose output is not its input (a transform, a default, a union) is left to zod, which still refuses what it does not accept', () => {
    const cases = [
      z.object({ name: z.string().transform((name) => name.toUpperCase()) }),
      z.object({ name: z.string().default('x') }),
      z.object({ name: z.string().trim() }),
      z.object({ value: z.union([z.string(), z.int()]) }),
      z.looseObject({ name: z.string() }),
    ];
    for (const schema of cases) {
      const serializer = answerSerializer(schema);
      expect(serializer.by, JSON.stringify(z.toJSONSchema(schema, { unrepresentable: 'any' }))).toBe('zod');
      expect(serializer.why).toBeTruthy();
      expect(() => serializer.serialize({ name: 42, value: [] })).toThrow();
    }
  });
});
