import { ErrorCodes, ValidationError } from '@org/errors';
import { createWebhookEndpointStore, WEBHOOK_QUEUE, type WebhookEndpointStore } from '@org/webhooks';
import type { Sql, TransactionSql } from 'postgres';
import { z } from 'zod';
import { ApiProblem } from '../http/api-problem.js';
import { idParams } from '../schemas/common-schemas.js';
import { problems } from '../schemas/problem-responses.js';
import {
  createWebhookEndpointBody,
  deliveryParams,
  deliveryQuery,
  updateWebhookEndpointBody,
  webhookDeliveryListSchema,
  webhookDeliverySchema,
  webhookEndpointListSchema,
  webhookEndpointQuery,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
} from '../schemas/webhook-schemas.js';
import type { ApiApp } from '../server/api-app.js';
import type { ApiContext } from '../server/api-context.js';
import { answerMutation } from '../server/answer-mutation.js';
import { tokenOf } from '../server/token-of.js';
import { webhookDeliveryView, webhookEndpointView } from '../views/webhook-view.js';

const TAG = ['webhooks'];

/**
 * A value the request's schema accepts but the endpoint's rules refuse (a URL that is not
 * https, nor http to loopback; the endpoint limit): 422, naming the field.
 */
async function refusingValues<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!ValidationError.is(error)) throw error;
    throw new ApiProblem(422, error.code, 'Webhook endpoint refused', error.message, {
      errors: error.issues.map((issue) => ({ path: `body.${issue.path}`, message: issue.message })),
    });
  }
}

/**
 * `/v1/webhook-endpoints`: an organization's endpoints, their deliveries and replays (see
 * `@org/webhooks`). Scoped as projects are: a token of one organization reaches only its own
 * endpoints, and another organization's are not found; a token of every organization names
 * the organization when it creates one. Secrets appear in a create's or a rotation's answer
 * only (kept sealed for an Idempotency-Key's repeat, as API keys are).
 */
export function registerWebhookRoutes(app: ApiApp, ctx: ApiContext): void {
  const store = (sql: Sql | TransactionSql): WebhookEndpointStore =>
    createWebhookEndpointStore({
      sql,
      secrets: ctx.db.secrets,
      enqueue: (tx, job) => ctx.operations.sendInTransaction(tx, WEBHOOK_QUEUE, job),
    });
  // Made per request: the OpenAPI document is written from routes registered without a database.
  const reads = () => store(ctx.db.client.sql);
  const notFound = () => ApiProblem.notFound('webhook endpoint');

  app.get('/v1/webhook-endpoints', {
    config: { auth: true },
    schema: {
      operationId: 'listWebhookEndpoints',
      summary: 'List webhook endpoints',
      description: 'Oldest first. A token of one organization lists only its own.',
      tags: TAG,
      querystring: webhookEndpointQuery,
      response: { 200: webhookEndpointListSchema, ...problems() },
    },
    handler: async (request) => {
      const token = tokenOf(request);
      const organizationId = token.organizationId ?? request.query.organization_id ?? null;
      if (token.organizationId !== null && request.query.organization_id !== undefined) {
        if (request.query.organization_id !== token.organizationId) throw ApiProblem.notFound('organization');
      }
      return { data: (await reads().list(organizationId)).map(webhookEndpointView) };
    },
  });

  app.post('/v1/webhook-endpoints', {
    config: { auth: true },
    schema: {
      operationId: 'createWebhookEndpoint',
      summary: 'Create a webhook endpoint',
      description:
        'Events of the organization are delivered to `url` from now on, signed as the Standard Webhooks specification says with the `secret` of this answer (shown once). The URL must be `https://`, or `http://` to loopback; where its host points is checked at each delivery. At most 20 endpoints per organization.',
      tags: TAG,
      body: createWebhookEndpointBody,
      response: { 201: webhookEndpointWithSecretSchema, ...problems({ body: true, also: [422] }) },
    },
    handler: async (request, reply) => {
      const token = tokenOf(request);
      const body = request.body;
      if (token.organizationId === null && body.organization_id === undefined) {
        throw ApiProblem.invalid([
          { path: 'body.organization_id', message: 'required for a token of every organization' },
        ]);
      }
      const organizationId = body.organization_id ?? token.organizationId!;
      if (token.organizationId !== null && organizationId !== token.organizationId) {
        throw ApiProblem.notFound('organization');
      }
      return answerMutation(ctx, request, reply, async (tx) => {
        const { endpoint, secret } = await refusingValues(() =>
          store(tx).create(organizationId, {
            url: body.url,
            eventTypes: body.event_types,
            description: body.description,
            enabled: body.enabled,
          }),
        );
        return {
          status: 201,
          headers: { location: `/v1/webhook-endpoints/${endpoint.id}` },
          body: { ...webhookEndpointView(endpoint), secret },
        };
      });
    },
  });

  app.get('/v1/webhook-endpoints/:id', {
    config: { auth: true },
    schema: {
      operationId: 'getWebhookEndpoint',
      summary: 'Get a webhook endpoint',
      description: 'Its settings and state; never its secret.',
      tags: TAG,
      params: idParams,
      response: { 200: webhookEndpointSchema, ...problems() },
    },
    handler: async (request) => {
      const endpoint = await reads().get(tokenOf(request).organizationId, request.params.id);
      if (endpoint === null) throw notFound();
      return webhookEndpointView(endpoint);
    },
  });

  app.patch('/v1/webhook-endpoints/:id', {
    config: { auth: true },
    schema: {
      operationId: 'updateWebhookEndpoint',
      summary: 'Change a webhook endpoint',
      description:
        'Only the fields sent change. `enabled: true` re-enables a disabled endpoint (its reason and failing streak are cleared); deliveries that failed meanwhile can be replayed.',
      tags: TAG,
      params: idParams,
      body: updateWebhookEndpointBody,
      response: { 200: webhookEndpointSchema, ...problems({ body: true, also: [422] }) },
    },
    handler: async (request, reply) => {
      const organizationId = tokenOf(request).organizationId;
      const body = request.body;
      return answerMutation(ctx, request, reply, async (tx) => {
        const endpoint = await refusingValues(() =>
          store(tx).update(organizationId, request.params.id, {
            ...(body.url === undefined ? {} : { url: body.url }),
            ...(body.event_types === undefined ? {} : { eventTypes: body.event_types }),
            ...(body.description === undefined ? {} : { description: body.description }),
            ...(body.enabled === undefined ? {} : { enabled: body.enabled }),
          }),
        );
        if (endpoint === null) throw notFound();
        return { status: 200, headers: {}, body: webhookEndpointView(endpoint) };
      });
    },
  });

  app.delete('/v1/webhook-endpoints/:id', {
    config: { auth: true },
    schema: {
      operationId: 'deleteWebhookEndpoint',
      summary: 'Delete a webhook endpoint',
      description: 'With its deliveries; attempts under way are dropped.',
      tags: TAG,
      params: idParams,
      response: { 204: z.null().meta({ description: 'Deleted' }), ...problems({ body: true, also: [422] }) },
    },
    handler: async (request, reply) => {
      const organizationId = tokenOf(request).organizationId;
      return answerMutation(ctx, request, reply, async (tx) => {
        if (!(await store(tx).delete(organizationId, request.params.id))) throw notFound();
        return { status: 204, headers: {}, body: null };
      });
    },
  });

  app.post('/v1/webhook-endpoints/:id/rotate-secret', {
    config: { auth: true },
    schema: {
      operationId: 'rotateWebhookSecret',
      summary: 'Rotate a webhook endpoint’s secret',
      description:
        'A new secret, shown in this answer once. For 24 hours every delivery is signed with the new and the old secret (two signatures in `webhook-signature`), so the receiver can change over; then with the new one only.',
      tags: TAG,
      params: idParams,
      response: { 201: webhookEndpointWithSecretSchema, ...problems({ body: true, also: [422] }) },
    },
    handler: async (request, reply) => {
      const organizationId = tokenOf(request).organizationId;
      return answerMutation(ctx, request, reply, async (tx) => {
        const rotated = await store(tx).rotateSecret(organizationId, request.params.id);
        if (rotated === null) throw notFound();
        return { status: 201, headers: {}, body: { ...webhookEndpointView(rotated.endpoint), secret: rotated.secret } };
      });
    },
  });

  app.get('/v1/webhook-endpoints/:id/deliveries', {
    config: { auth: true },
    schema: {
      operationId: 'listWebhookDeliveries',
      summary: 'List an endpoint’s recent deliveries',
      description:
        'Newest first, each with its attempts (oldest first): when, how long, and the answer or why none came.',
      tags: TAG,
      params: idParams,
      querystring: deliveryQuery,
      response: { 200: webhookDeliveryListSchema, ...problems() },
    },
    handler: async (request) => {
      const deliveries = await reads().deliveries(
        tokenOf(request).organizationId,
        request.params.id,
        request.query.limit,
      );
      if (deliveries === null) throw notFound();
      return { data: deliveries.map(webhookDeliveryView) };
    },
  });

  app.post('/v1/webhook-endpoints/:id/deliveries/:deliveryId/replay', {
    config: { auth: true },
    schema: {
      operationId: 'replayWebhookDelivery',
      summary: 'Replay a delivery',
      description:
        'Sends a delivery that succeeded or failed once more: the same body under the same `webhook-id`, freshly signed. Answers the delivery, pending again. 409 while it is still pending.',
      tags: TAG,
      params: deliveryParams,
      response: { 200: webhookDeliverySchema, ...problems({ body: true, also: [409, 422] }) },
    },
    handler: async (request, reply) => {
      const organizationId = tokenOf(request).organizationId;
      return answerMutation(ctx, request, reply, async (tx) => {
        const result = await store(tx).replay(organizationId, request.params.id, request.params.deliveryId);
        if ('refused' in result) {
          if (result.refused === 'not_found') throw ApiProblem.notFound('delivery');
          throw new ApiProblem(
            409,
            ErrorCodes.WEBHOOK_DELIVERY_PENDING,
            'Delivery pending',
            'The delivery is still being attempted; replay it once it has succeeded or failed',
          );
        }
        return { status: 200, headers: {}, body: webhookDeliveryView(result.delivery) };
      });
    },
  });
}
