import { ErrorCodes } from '@org/errors';
import type { FastifyRequest } from 'fastify';
import { ApiProblem } from '../http/api-problem.js';

/** The ETag of a version: a strong tag of whatever identifies it. */
export function etag(...parts: (string | number | boolean | null)[]): string {
  return `"${Buffer.from(parts.join('|')).toString('base64url')}"`;
}

/** Refuses the request with 412 when it carries an `If-Match` that does not name `current`. */
export function checkIfMatch(request: FastifyRequest, current: string): void {
  const wanted = request.headers['if-match'];
  if (wanted === undefined) return;
  const tags = (Array.isArray(wanted) ? wanted.join(',') : wanted).split(',').map((tag) => tag.trim());
  if (tags.includes('*') || tags.includes(current)) return;
  throw new ApiProblem(
    412,
    ErrorCodes.PRECONDITION_FAILED,
    'Precondition failed',
    'The resource has changed (If-Match)',
  );
}
