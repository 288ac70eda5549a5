import { ApiProblem } from '../http/api-problem.js';
import { clusterParams, overviewSchema, poolRefillSchema } from '../schemas/overview-schemas.js';
import { problems } from '../schemas/problem-responses.js';
import type { ApiApp } from '../server/api-app.js';
import type { ApiContext } from '../server/api-context.js';
import { answerMutation } from '../server/answer-mutation.js';
import { tokenOf } from '../server/token-of.js';
import { readOverview } from '../views/overview-view.js';

const TAG = ['platform'];

export function registerOverviewRoutes(app: ApiApp, ctx: ApiContext): void {
  app.get('/v1/overview', {
    config: { auth: true },
    schema: {
      operationId: 'getOverview',
      summary: 'The platform at a glance',
      description:
        'Projects by state and region, provisionings by minute, their p50/p95 duration, failed attempts by code; for a token of every organization also the queue’s depth and each cluster’s tenant databases and warm pool. What the console’s overview polls.',
      tags: TAG,
      response: { 200: overviewSchema, ...problems() },
    },
    handler: async (request) => {
      return readOverview(ctx, tokenOf(request).organizationId);
    },
  });

  app.post('/v1/clusters/:name/pool/refill', {
    config: { auth: true },
    schema: {
      operationId: 'refillPool',
      summary: 'Refill a cluster’s warm pool',
      description:
        'Queues a refill of the cluster’s pool of ready tenant databases up to the workers’ `TENANT_POOL_SIZE` (one waiting refill per cluster: a second is not queued). For a token of every organization; a cluster is a platform resource.',
      tags: TAG,
      params: clusterParams,
      response: { 202: poolRefillSchema, ...problems({ body: true, also: [422] }) },
    },
    handler: async (request, reply) => {
      const { name } = request.params;
      // A token of one organization has no clusters to see.
      if (tokenOf(request).organizationId !== null || ctx.db.clusters.cluster(name) === undefined) {
        throw ApiProblem.notFound('cluster');
      }
      return answerMutation(ctx, request, reply, async () => ({
        status: 202,
        headers: {},
        body: { cluster: name, queued: await ctx.operations.requestPoolRefill(name) },
      }));
    },
  });
}
