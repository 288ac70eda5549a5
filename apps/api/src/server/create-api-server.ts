import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import { ErrorCodes, serializeError } from '@org/errors';
import Fastify, { LogController, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { registerConsole } from '../console/serve-console.js';
import { ApiProblem } from '../http/api-problem.js';
import { problemBody } from '../http/problem-body.js';
import { toApiProblem } from '../http/to-api-problem.js';
import { finishDocument } from '../openapi/finish-document.js';
import { registerApiKeyRoutes } from '../routes/api-key-routes.js';
import { registerOperationRoutes } from '../routes/operation-routes.js';
import { registerOverviewRoutes } from '../routes/overview-routes.js';
import { registerProjectRoutes } from '../routes/project-routes.js';
import { registerSystemRoutes } from '../routes/system-routes.js';
import type { ApiApp } from './api-app.js';
import type { ApiContext } from './api-context.js';

/** Answers a problem as `application/problem+json`, with its headers (Retry-After, ...). */
function sendProblem(problem: ApiProblem, requestId: string, reply: FastifyReply) {
  return reply
    .code(problem.status)
    .headers(problem.extra.headers ?? {})
    .type('application/problem+json')
    .serializer(JSON.stringify)
    .send(problemBody(problem, requestId));
}

/** The API's version, in its OpenAPI document. */
const API_VERSION = '0.1.0';

/** A request id a client sent is kept when it is this sane; otherwise one is made. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Builds the HTTP API (not listening yet): every route with its zod schemas (validation,
 * typed handlers, the OpenAPI document), admin-token authentication and a rate limit per
 * token, a request id on every answer and log line, a metric per route and status, and
 * one error handler that answers every failure as problem details; and the operations
 * console's page under `/console/`.
 */
export async function createApiServer(ctx: ApiContext): Promise<ApiApp> {
  const app = Fastify({
    loggerInstance: ctx.logger,
    // One line per request, written by the onResponse hook below (with its route and status).
    logController: new LogController({ disableRequestLogging: true }),
    // No child logger per request: every line the API writes names its requestId itself.
    childLoggerFactory: (logger) => logger,
    bodyLimit: ctx.bodyLimitBytes,
    genReqId: (request) => {
      const sent = request.headers['x-request-id'];
      return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
    },
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    routerOptions: { maxParamLength: 500 },
    // Refusals before a route is found (an overlong path segment) are problems too.
    frameworkErrors: (error, request, reply) => void sendProblem(toApiProblem(error), request.id, reply),
    // And so are the HTTP parser's (headers larger than it reads): written to the socket.
    clientErrorHandler: (error, socket) => {
      if ((error as { code?: string }).code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
      const problem = toApiProblem(error);
      const body = JSON.stringify(problemBody(problem, randomUUID()));
      socket.end(
        `HTTP/1.1 ${problem.status} ${problem.title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: anything else is a 415 before a handler sees it.
  app.removeContentTypeParser('text/plain');

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Provisioning control plane',
        version: API_VERSION,
        description:
          'Tenant projects of a multi-tenant PostgreSQL platform, as long-running operations: create a project (202 with its operation), poll the operation, claim its one-time result, manage its API keys, suspend, resume and delete it. Errors are RFC 9457 problem details with stable codes.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: 'http://127.0.0.1:8081', description: 'The default local address (API_HOST, API_PORT)' }],
      tags: [
        { name: 'projects', description: 'Projects and their lifecycle' },
        { name: 'operations', description: 'Long-running operations' },
        { name: 'api-keys', description: 'A project’s API keys' },
        { name: 'platform', description: 'The platform at a glance, and its warm pools' },
        { name: 'system', description: 'Health, readiness, metrics, this document' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: (documents) =>
      finishDocument(jsonSchemaTransformObject(documents) as Record<string, unknown>) as never,
  });

  app.decorateRequest('token', null);
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    if (request.routeOptions.config.auth !== true) return;
    const header = request.headers.authorization;
    const presented = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const token = presented === '' ? undefined : await ctx.tokens.authenticate(presented);
    if (token === undefined) {
      void reply.header('www-authenticate', 'Bearer');
      throw new ApiProblem(
        401,
        ErrorCodes.UNAUTHENTICATED,
        'Unauthenticated',
        'Send an admin token: Authorization: Bearer <token>',
      );
    }
    request.token = token;
    const wait = ctx.limiter.take(token.id);
    if (wait > 0) {
      throw new ApiProblem(429, ErrorCodes.RATE_LIMITED, 'Too many requests', `Try again in ${wait} s`, {
        headers: { 'retry-after': String(wait) },
      });
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    ctx.metrics.requests.inc({ method: request.method, route, status });
    ctx.metrics.duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    request.log[status >= 500 ? 'error' : 'info'](
      {
        requestId: request.id,
        method: request.method,
        route,
        status,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        tokenId: request.token?.id,
      },
      'request',
    );
  });

  app.setErrorHandler(async (error, request, reply) => {
    const problem = toApiProblem(error);
    if (problem.status >= 500)
      request.log.error({ requestId: request.id, error: serializeError(error) }, 'request failed');
    return sendProblem(problem, request.id, reply);
  });
  app.setNotFoundHandler(async (request, reply) =>
    sendProblem(new ApiProblem(404, ErrorCodes.NOT_FOUND, 'Not found', 'No such route'), request.id, reply),
  );

  registerSystemRoutes(app, ctx);
  registerProjectRoutes(app, ctx);
  registerOperationRoutes(app, ctx);
  registerApiKeyRoutes(app, ctx);
  registerOverviewRoutes(app, ctx);
  registerConsole(app);
  return app;
}
