import { z } from 'zod';

/**
 * Free text of a request (a name, a search): trimmed, bounded, and without control
 * characters, which PostgreSQL would refuse (a NUL) or which have no place in a name.
 */
export function text(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');
}

/** A timestamp as every answer writes it: ISO 8601 in UTC. */
export const timestamp = z.iso.datetime().meta({ example: '2026-12-03T12:00:00.000Z' });

/** A project or operation id in a path. */
export const idParams = z.strictObject({ id: z.uuid({ error: 'must be a UUID' }) });

/** A path with a project id and an API key id. */
export const keyParams = z.strictObject({
  id: z.uuid({ error: 'must be a UUID' }),
  keyId: z
    .string()
    .regex(/^key_[0-9a-f-]{36}$/, 'must be an API key id (key_<uuid>)')
    .meta({ example: 'key_7d3c6a8e-61f1-4a84-9a0b-1f1a3f0b9c11' }),
});

/** RFC 9457 problem details with our stable `code`. */
export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'A URN naming the code (not a link)' }),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    code: z.string().meta({ description: 'Stable error code (`@org/errors`): what programs match on' }),
    request_id: z.string(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'Each invalid field of the request' }),
    operation_id: z.uuid().optional().meta({ description: 'The operation in the way, for OPERATION_IN_PROGRESS' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

/** Cursor pagination: a page of `data` and the cursor of the next one (null on the last). */
export function page<Item extends z.ZodType>(item: Item, id: string) {
  return z.object({ data: z.array(item), next_cursor: z.string().nullable() }).meta({ id });
}

/** `limit` and `cursor` of a listing. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
};
