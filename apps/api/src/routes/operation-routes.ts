import { ErrorCodes } from '@org/errors';
import { ApiProblem } from '../http/api-problem.js';
import { idParams } from '../schemas/common-schemas.js';
import { operationSchema } from '../schemas/operation-schemas.js';
import { problems } from '../schemas/problem-responses.js';
import type { ApiApp } from '../server/api-app.js';
import type { ApiContext } from '../server/api-context.js';
import { answerMutation } from '../server/answer-mutation.js';
import { tokenOf } from '../server/token-of.js';
import { canSeeProject } from '../server/project-access.js';
import { operationView } from '../views/operation-view.js';

const TAG = ['operations'];

export function registerOperationRoutes(app: ApiApp, ctx: ApiContext): void {
  const sql = ctx.db.client.sql;

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
        'Its status (`queued`, `running`, `succeeded`, `failed`, `cancelled`), attempts, last error with its step, and every run with its steps and their times. While it has not ended, `Retry-After` says when to poll again.',
      tags: TAG,
      params: idParams,
      response: { 200: operationSchema, ...problems() },
    },
    handler: async (request, reply) => {
      const operation = await visible(request, request.params.id);
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
