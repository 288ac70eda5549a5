import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import { ErrorCodes, serializeError } from '@org/errors';
import Fastify, { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { registerConsole } from '../console/serve-console.js';
import { answerSerializerCompiler } from '../http/answer-serializer.js';
import { ApiProblem } from '../http/api-problem.js';
import { problemBody } from '../http/problem-body.js';
import { toApiProblem } from '../http/to-api-problem.js';
import { finishDocument } from '../openapi/finish-document.js';
import { registerApiKeyRoutes } from '../routes/api-key-routes.js';
import { registerEventRoutes } from '../routes/event-routes.js';
import { registerOperationRoutes } from '../routes/operation-routes.js';
import { registerOverviewRoutes } from '../routes/overview-routes.js';
import { registerProjectRoutes } from '../routes/project-routes.js';
import { registerSnapshotRoutes } from '../routes/snapshot-routes.js';
import { registerSystemRoutes } from '../routes/system-routes.js';
import { registerWebhookRoutes } from '../routes/webhook-routes.js';
import type { AdminToken } from '../auth/admin-token-store.js';
import type { ApiApp } from './api-app.js';
import type { ApiContext } from './api-context.js';
import { RequestDeadlines } from './request-deadlines.js';
import { RouteMethods } from './route-methods.js';

/** Answers a problem as `application/problem+json`, with its headers (Retry-After, ...). */
function sendProblem(problem: ApiProblem, requestId: string, reply: FastifyReply) {
  return reply
    .code(problem.status)
    .headers(problem.extra.headers ?? {})
    .type('application/problem+json')
    .serializer(JSON.stringify)
    .send(problemBody(problem, requestId));
}

/** A request still unanswered past API_REQUEST_TIMEOUT_MS. */
const REQUEST_TOO_SLOW = new ApiProblem(
  503,
  ErrorCodes.SERVICE_UNAVAILABLE,
  'Service unavailable',
  'The request took longer than API_REQUEST_TIMEOUT_MS; try again',
  { headers: { 'retry-after': '5' } },
);

function unauthenticated(detail: string): ApiProblem {
  return new ApiProblem(401, ErrorCodes.UNAUTHENTICATED, 'Unauthenticated', detail, {
    headers: { 'www-authenticate': 'Bearer' },
  });
}

function tooManyRequests(wait: number, scope: string): ApiProblem {
  return new ApiProblem(
    429,
    ErrorCodes.RATE_LIMITED,
    'Too many requests',
    `Too many requests ${scope}: try again in ${wait} s`,
    {
      headers: { 'retry-after': String(wait) },
    },
  );
}

/** What a hook hands `done`: an Error, so a rejection without one is never taken for success. */
function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** The API's version, in its OpenAPI document. */
const API_VERSION = '0.1.0';

/** A request id a client sent is kept when it is this sane; otherwise one is made. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A request that took longer is logged at info even when it is a routine read. */
const SLOW_REQUEST_MS = 1000;

/**
 * On every answer: no cache keeps an answer of this API (they name tenants, operations and
 * keys, and are only ever fresh), and no browser guesses another type than the one sent.
 * The console's static files set their own caching.
 */
const ANSWER_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

/**
 * Builds the HTTP API (not listening yet): every route with its zod schemas (requests
 * validated by zod, typed handlers, the OpenAPI document, and answers written by
 * fast-json-stringify from the JSON Schema of the same zod schemas), a rate limit per client address, admin-token
 * authentication and a rate limit per token, a request id on every answer and log line, a
 * metric per route and status, one error handler that answers every failure as problem
 * details (405 with `Allow` for a method a path does not take); and the operations
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
    // And so are the HTTP parser's (a malformed request line or header, headers larger than
    // it reads, a request that did not arrive in time): written to the socket, then closed.
    clientErrorHandler: (error, socket) => {
      if ((error as { code?: string }).code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
      const problem = toApiProblem(error);
      const body = JSON.stringify(problemBody(problem, randomUUID()));
      const headers = Object.entries({ ...ANSWER_HEADERS, ...problem.extra.headers })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      socket.end(
        `HTTP/1.1 ${problem.status} ${problem.title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${headers}Connection: close\r\n\r\n${body}`,
      );
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(answerSerializerCompiler);
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
      // Relative: the server this document was fetched from, whatever its address (API_HOST, API_PORT, a proxy).
      servers: [{ url: '/', description: 'The server this document was fetched from' }],
      tags: [
        { name: 'projects', description: 'Projects and their lifecycle' },
        { name: 'snapshots', description: 'Snapshots of a project’s database, restores and branches' },
        { name: 'operations', description: 'Long-running operations' },
        { name: 'api-keys', description: 'A project’s API keys' },
        { name: 'events', description: 'What changed, as a feed to follow' },
        { name: 'webhooks', description: 'Webhook endpoints of an organization, their deliveries and replays' },
        { name: 'platform', description: 'The platform at a glance, and its warm pools' },
        { name: 'system', description: 'Health, readiness, metrics, this document' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: (documents) =>
      finishDocument(jsonSchemaTransformObject(documents) as Record<string, unknown>) as never,
  });

  const routeMethods = new RouteMethods();
  app.addHook('onRoute', (route) => routeMethods.add(route.method, route.url));

  // A dependency that does not answer (a database cut off) costs a request this long at most.
  const deadlines = new RequestDeadlines(ctx.requestTimeoutMs, (request, reply) => {
    request.log.warn({ requestId: request.id, limitMs: ctx.requestTimeoutMs }, 'request answered 503: past its limit');
    void sendProblem(REQUEST_TOO_SLOW, request.id, reply);
  });
  app.addHook('preClose', (done) => {
    deadlines.closing();
    done();
  });
  app.addHook('onClose', (_app, done) => {
    deadlines.close();
    done();
  });
  app.decorateRequest('token', null);
  app.decorateRequest('deadlineEntry', null);
  // Both hooks take `done` rather than returning a promise: on the usual request (a token this
  // process knows) they run without one, which the hot reads measured (bench/, `--only=api`).
  app.addHook('onRequest', (request, reply, done) => {
    deadlines.enter(request, reply);
    void reply.header('x-request-id', request.id).headers(ANSWER_HEADERS);
    // Before the token is looked up: made-up tokens cost a query each, this bounds them per caller.
    const addressWait = ctx.addressLimiter.take(request.ip);
    if (addressWait > 0) return done(tooManyRequests(addressWait, 'from this address'));
    if (request.routeOptions.config.auth !== true) return done();
    const header = request.headers.authorization;
    if (header === undefined) return done(unauthenticated('Send an admin token: Authorization: Bearer <token>'));
    const presented = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (presented === '') return done(unauthenticated('The Authorization header is not Bearer <token>'));
    const remembered = ctx.tokens.remembered(presented);
    // A throw here is Fastify's to answer (500); past the promise below it would be no one's.
    if (remembered !== undefined) return done(refusal(request, remembered));
    ctx.tokens.authenticate(presented).then(
      (token) => {
        let refused: Error | undefined;
        try {
          refused = refusal(request, token);
        } catch (error) {
          refused = asError(error);
        }
        done(refused);
      },
      (error: unknown) => done(asError(error)),
    );
  });
  /** Why a request with this token is refused, or undefined: it is admitted, within its token's rate limit. */
  function refusal(request: FastifyRequest, token: AdminToken | null | undefined): ApiProblem | undefined {
    if (token == null) return unauthenticated('The admin token is not accepted: unknown, revoked or mistyped');
    request.token = token;
    const wait = ctx.limiter.take(token.id);
    return wait > 0 ? tooManyRequests(wait, 'for this token') : undefined;
  }
  app.addHook('onResponse', (request, reply, done) => {
    deadlines.leave(request);
    // A getter that builds a new object on each read: read once.
    const { url, config } = request.routeOptions;
    const route = url ?? 'unmatched';
    const status = reply.statusCode;
    ctx.metrics.requests.record(request.method, route, status, reply.elapsedTime / 1000);
    // A read that went well and fast is routine (the console polls several a second, services
    // verify keys on each of their requests): debug. Refusals, failures, changes and slow
    // requests are what an operator reads: info and up.
    const read = request.method === 'GET' || request.method === 'HEAD' || config.read === true;
    const routine = read && status < 400 && reply.elapsedTime < SLOW_REQUEST_MS;
    const level = status >= 500 ? 'error' : routine ? 'debug' : 'info';
    if (ctx.logger.isLevelEnabled(level)) {
      request.log[level](
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
    }
    done();
  });

  app.setErrorHandler(async (error, request, reply) => {
    const problem = toApiProblem(error);
    if (problem.status >= 500)
      request.log.error({ requestId: request.id, error: serializeError(error) }, 'request failed');
    return sendProblem(problem, request.id, reply);
  });
  app.setNotFoundHandler(async (request, reply) => {
    // A path that exists with another method is a 405 naming the ones it takes.
    const allowed = routeMethods.allowed(request.url.split('?', 1)[0]!);
    const problem =
      allowed.length === 0
        ? new ApiProblem(404, ErrorCodes.NOT_FOUND, 'Not found', 'No such route')
        : new ApiProblem(
            405,
            ErrorCodes.METHOD_NOT_ALLOWED,
            'Method not allowed',
            `${request.method} is not a method of this route; it takes ${allowed.join(', ')}`,
            { headers: { allow: allowed.join(', ') } },
          );
    return sendProblem(problem, request.id, reply);
  });

  registerSystemRoutes(app, ctx);
  registerProjectRoutes(app, ctx);
  registerSnapshotRoutes(app, ctx);
  registerOperationRoutes(app, ctx, deadlines);
  registerApiKeyRoutes(app, ctx);
  registerOverviewRoutes(app, ctx);
  registerEventRoutes(app, ctx);
  registerWebhookRoutes(app, ctx);
  registerConsole(app);
  return app;
}
