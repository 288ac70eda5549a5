import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { AdminToken } from '../auth/admin-token-store.js';
import type { DeadlineEntry } from './request-deadlines.js';

/** The API's Fastify instance, typed by its zod schemas. */
export type ApiApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, Logger, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The admin token the request authenticated with (routes with `config.auth`). */
    token: AdminToken | null;
    /** Its place among the requests whose time limit is watched (`RequestDeadlines`), while it is open. */
    deadlineEntry: DeadlineEntry | null;
  }
  interface FastifyContextConfig {
    /** The route needs an admin token (every /v1 route). */
    auth?: boolean;
    /**
     * A POST that only reads (key verification): logged as a GET is, at debug when it went
     * well and fast, since a service verifying keys calls it as often as its own callers.
     */
    read?: boolean;
  }
}
