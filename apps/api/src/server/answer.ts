import { ErrorCodes } from '@org/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TransactionSql } from 'postgres';
import { ApiProblem } from '../http/api-problem.js';
import { IDEMPOTENCY_KEY, type StoredAnswer } from '../idempotency/idempotency-store.js';
import type { ApiContext } from './api-context.js';

/** The token a route with `config.auth` was given (the onRequest hook refused the request otherwise). */
export function tokenOf(request: FastifyRequest) {
  if (request.token === null) throw new ApiProblem(401, ErrorCodes.UNAUTHENTICATED, 'Unauthenticated');
  return request.token;
}

/**
 * Answers a POST or DELETE: `handler` runs in one transaction with everything it writes, and
 * with its `Idempotency-Key` (when the request has one), so a repeat gets the first answer
 * (`Idempotent-Replayed: true`) and a different request with the same key is a 422.
 */
export async function answerMutation(
  ctx: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  handler: (tx: TransactionSql) => Promise<StoredAnswer>,
): Promise<FastifyReply> {
  const key = request.headers['idempotency-key'];
  let answer: StoredAnswer;
  let replayed = false;
  if (key === undefined) {
    answer = await ctx.idempotency.once(handler);
  } else {
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
      throw new ApiProblem(400, ErrorCodes.VALIDATION_FAILED, 'Invalid request', 'The request has invalid fields', {
        errors: [{ path: 'header.idempotency-key', message: 'must be 1-255 visible ASCII characters' }],
      });
    }
    const scope = {
      tokenId: tokenOf(request).id,
      key,
      request: `${request.method} ${request.url} ${JSON.stringify(request.body ?? null)}`,
    };
    ({ answer, replayed } = await ctx.idempotency.run(scope, handler));
  }
  void reply.code(answer.status).headers(answer.headers);
  if (replayed) void reply.header('idempotent-replayed', 'true');
  return reply.send(answer.body);
}

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
