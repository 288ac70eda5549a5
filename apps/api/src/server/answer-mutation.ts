import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TransactionSql } from 'postgres';
import { ApiProblem } from '../http/api-problem.js';
import { IDEMPOTENCY_KEY, type StoredAnswer } from '../idempotency/idempotency-store.js';
import type { ApiContext } from './api-context.js';
import { tokenOf } from './token-of.js';

/**
 * Answers a POST or DELETE: `handler` runs in one transaction with everything it writes, and
 * with its `Idempotency-Key` (when the request has one), so a repeat gets the first answer
 * (`Idempotent-Replayed: true`) and a different request with the same key is a 422.
 * `keepMinutes` keeps the answer for a repeat for less than the API's TTL (see
 * `IdempotencyStore.run`).
 */
export async function answerMutation(
  ctx: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  handler: (tx: TransactionSql) => Promise<StoredAnswer>,
  options: { keepMinutes?: number } = {},
): Promise<FastifyReply> {
  const key = request.headers['idempotency-key'];
  let answer: StoredAnswer;
  let replayed = false;
  if (key === undefined) {
    answer = await ctx.idempotency.once(handler);
  } else {
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
      throw ApiProblem.invalid([{ path: 'header.idempotency-key', message: 'must be 1-255 visible ASCII characters' }]);
    }
    const scope = {
      tokenId: tokenOf(request).id,
      key,
      request: `${request.method} ${request.url} ${JSON.stringify(request.body ?? null)}`,
    };
    ({ answer, replayed } = await ctx.idempotency.run(scope, handler, options));
  }
  void reply.code(answer.status).headers(answer.headers);
  if (replayed) void reply.header('idempotent-replayed', 'true');
  return reply.send(answer.body);
}
