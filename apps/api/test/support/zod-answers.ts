import fc from 'fast-check';
import type { z } from 'zod';

/**
 * Strings that take each of fast-json-stringify's paths: short and long (it escapes under 42
 * characters by hand, under 5000 with a regular expression, longer with JSON.stringify),
 * quotes, backslashes, control characters, lone and paired surrogates, the line separators
 * JSON.stringify leaves as they are, and text that looks like JSON.
 */
const awkwardString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom(
    '',
    '"',
    '\\',
    '\\"',
    '\u0000',
    '\u001f',
    '\u007f',
    '\u2028\u2029',
    '\ud800',
    '\udc00x',
    '😀',
    '</script>',
    '{"a":1}',
    'null',
  ),
  fc
    .tuple(fc.constantFrom(41, 42, 43, 4999, 5000, 5001), fc.constantFrom('a', '"', 'é', '\n', '\ud83d'))
    .map(([length, filler]) => filler.repeat(length)),
);

const junk = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.object({ maxDepth: 1 }));

/**
 * Answers of a zod schema: values of each node's type (and, for an object, unknown keys
 * that zod strips; for a record, its keys in any order), most of which the schema accepts;
 * filter by the schema to keep those. Nodes of other types than answers use throw.
 */
export function zodAnswers(schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const inner = (key: string) => zodAnswers(def[key] as z.ZodType);
  switch (def.type) {
    case 'string': {
      const format = (def as { format?: string }).format;
      if (format === 'uuid') return fc.uuid({ version: [1, 2, 3, 4, 5, 6, 7, 8] });
      // A pattern (a cursor, an id's form): strings of it, since almost no other one passes.
      const pattern = ((def['checks'] ?? []) as { _zod: { def: { format?: string; pattern?: RegExp } } }[])
        .map((check) => check._zod.def)
        .find((check) => check.format === 'regex')?.pattern;
      if (pattern !== undefined) return fc.stringMatching(pattern);
      if (format === 'datetime')
        return fc
          .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
          .map((date) => date.toISOString());
      return awkwardString;
    }
    case 'number': {
      // Within the schema's bounds (an answer's counts are at least 0), edges included.
      const { format, min, max } = numberBounds(def);
      const edges = [0, -0, 1e21, 1e-7, 5e-324, 0.1 + 0.2, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];
      const edge = fc.constantFrom(...edges.filter((value) => value >= min && value <= max));
      if (format === 'safeint' || format === 'int32')
        return fc.oneof(
          fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) }),
          fc.maxSafeInteger().filter((value) => value >= min && value <= max),
          edge.filter(Number.isInteger),
        );
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min, max }), edge);
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'enum':
      return fc.constantFrom(...Object.values(def['entries'] as Record<string, unknown>));
    case 'literal':
      return fc.constantFrom(...(def['values'] as unknown[]));
    case 'nullable':
      return fc.option(inner('innerType'), { nil: null, freq: 3 });
    case 'optional':
      return fc.option(inner('innerType'), { nil: undefined, freq: 3 });
    case 'readonly':
      return inner('innerType');
    case 'array':
      return fc.array(inner('element'), { maxLength: 4 });
    case 'object': {
      const shape = def['shape'] as Record<string, z.ZodType>;
      const optional = (field: z.ZodType) => field._zod.optin === 'optional';
      const known = fc.record(
        Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, zodAnswers(field)])),
        { requiredKeys: Object.keys(shape).filter((key) => !optional(shape[key]!)) },
      );
      // Unknown keys (stripped by zod), and the known ones in another order than the schema's.
      return fc
        .tuple(known, fc.dictionary(fc.string({ maxLength: 8 }), junk, { maxKeys: 2 }), fc.boolean())
        .map(([fields, extra, reversed]) => {
          const entries = Object.entries(fields);
          if (reversed) entries.reverse();
          return Object.fromEntries([...Object.entries(extra), ...entries]);
        });
    }
    case 'record': {
      const keyType = def['keyType'] as z.ZodType;
      const value = inner('valueType');
      const keys = keyType._zod.values;
      if (keys === undefined) return fc.dictionary(zodAnswers(keyType) as fc.Arbitrary<string>, value, { maxKeys: 4 });
      // Every key (an exhaustive record), or some, in any order.
      const names = [...keys].map(String);
      return fc
        .tuple(fc.shuffledSubarray(names, { minLength: 0 }), fc.constantFrom(true, true, true, false))
        .chain(([some, all]) => {
          const chosen = all ? fc.shuffledSubarray(names, { minLength: names.length }) : fc.constant(some);
          return chosen.chain((order) =>
            fc
              .tuple(...order.map(() => value))
              .map((values) => Object.fromEntries(order.map((key, i) => [key, values[i]]))),
          );
        });
    }
    default:
      throw new Error(`zodAnswers: no answers of a ${def.type}`);
  }
}

/** A number schema's format (`safeint` for `z.int()`) and its bounds, from its checks. */
function numberBounds(def: Record<string, unknown>): { format: string | undefined; min: number; max: number } {
  let min = -Number.MAX_VALUE;
  let max = Number.MAX_VALUE;
  for (const check of (def['checks'] ?? []) as { _zod: { def: { check: string; value: number } } }[]) {
    const { check: kind, value } = check._zod.def;
    // Exclusive bounds are taken as inclusive: an answer on the bound is filtered out.
    if (kind === 'greater_than') min = Math.max(min, value);
    if (kind === 'less_than') max = Math.min(max, value);
  }
  const format = def['format'] as string | undefined;
  if (format === 'safeint') {
    min = Math.max(min, Number.MIN_SAFE_INTEGER);
    max = Math.min(max, Number.MAX_SAFE_INTEGER);
  }
  return { format, min, max };
}
