import { ErrorCodes } from '@org/errors';
import { hasEnded } from '@org/operations';
import { ApiProblem } from '../http/api-problem.js';
import { idParams } from '../schemas/common-schemas.js';
import { operationSchema, operationWaitQuery } from '../schemas/operation-schemas.js';
import { problems } from '../schemas/problem-responses.js';
import type { ApiApp } from '../server/api-app.js';
import type { ApiContext } from '../server/api-context.js';
import type { RequestDeadlines } from '../server/request-deadlines.js';
import { answerMutation } from '../server/answer-mutation.js';
import { tokenOf } from '../server/token-of.js';
import { canSeeProject } from '../server/project-access.js';
import { operationView } from '../views/operation-view.js';

const TAG = ['operations'];

export function registerOperationRoutes(app: ApiApp, ctx: ApiContext, deadlines: RequestDeadlines): void {
  const sql = ctx.db.client.sql;
  // A server closing answers its waiting requests at once (the operation as it is), rather
  // than holding its shutdown up to a minute.
  const closing = new AbortController();
  app.addHook('preClose', (done) => {
    closing.abort();
    done();
  });

  /** The operation, when the token may see its project. */
  async function visible(request: Parameters<typeof tokenOf>[0], id: string) {
    const operation = await ctx.operations.store.read(id);
    if (operation === undefined || !(await canSeeProject(sql, tokenOf(request), operation.projectId))) {
      throw ApiProblem.notFound('operation');
    }
    return operation;
  }

  app.get('/v1/operations/:id', {
    config: { auth: true },
    schema: {
      operationId: 'getOperation',
      summary: 'Get an operation',
      description:
        'Its status (`queued`, `running`, `succeeded`, `failed`, `cancelled`), attempts, last error with its step, and every run with its steps and their times. With `wait`, the answer comes as soon as the operation ends (or when the wait runs out): no polling. While it has not ended, `Retry-After` says when to ask again.',
      tags: TAG,
      params: idParams,
      querystring: operationWaitQuery,
      response: { 200: operationSchema, ...problems() },
    },
    handler: async (request, reply) => {
      let operation = await visible(request, request.params.id);
      const waitMs = request.query.wait;
      if (waitMs !== undefined && waitMs > 0 && !hasEnded(operation.status)) {
        // Waiting is what was asked for, not a dependency that stopped answering: the request's
        // limit is set aside while it waits (a read a cut link holds up inside the wait is
        // answered 503 at the wait plus the limit) and starts again after. A caller that goes
        // away ends the wait, and so does the server closing.
        const resume = deadlines.suspend(request, reply, waitMs);
        const gone = new AbortController();
        const onClose = () => gone.abort();
        reply.raw.once('close', onClose);
        try {
          const signal = AbortSignal.any([gone.signal, closing.signal]);
          operation = (await ctx.operations.waitForEnd(operation.id, waitMs, signal)) ?? operation;
        } finally {
          reply.raw.off('close', onClose);
          resume();
          if (closing.signal.aborted) void reply.header('connection', 'close');
        }
      }
      if (operation.status === 'queued' || operation.status === 'running') void reply.header('retry-after', '1');
      return operationView(operation, await ctx.tokens.namesOf([operation.requestedBy]));
    },
  });

  app.post('/v1/operations/:id/cancel', {
    config: { auth: true },
    schema: {
      operationId: 'cancelOperation',
      summary: 'Cancel a queued operation',
      description: 'Only while no worker has started it (`queued`); a started one runs to its end (409).',
      tags: TAG,
      params: idParams,
      response: { 200: operationSchema, ...problems({ body: true, also: [409, 422] }) },
    },
    handler: async (request, reply) => {
      const operation = await visible(request, request.params.id);
      return answerMutation(ctx, request, reply, async () => {
        const outcome = await ctx.operations.store.cancel(operation.id);
        if (!outcome.cancelled) {
          throw new ApiProblem(
            409,
            ErrorCodes.OPERATION_NOT_CANCELLABLE,
            'Not cancellable',
            `The operation is ${outcome.status ?? 'gone'}: only a queued one can be cancelled`,
          );
        }
        await ctx.operations.cancelJob(outcome.kind, operation.id);
        const cancelled = (await ctx.operations.store.read(operation.id))!;
        return {
          status: 200,
          headers: {},
          body: operationView(cancelled, await ctx.tokens.namesOf([cancelled.requestedBy])),
        };
      });
    },
  });
}
