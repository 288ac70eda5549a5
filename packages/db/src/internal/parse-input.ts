import { ValidationError } from '@org/errors';
import type { z } from 'zod';

/**
 * Parses `input` with a zod schema, or throws one {@link ValidationError} that names every
 * invalid field (paths joined with dots). Values are never echoed: they may be secrets.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
}
