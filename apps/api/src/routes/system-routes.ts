import { z } from 'zod';
import type { ApiApp } from '../server/api-app.js';
import type { ApiContext } from '../server/api-context.js';

const TAG = ['system'];

/** How long each part of /readyz may take before it counts as not answering. */
const READY_TIMEOUT_MS = 2000;

async function answers(probe: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS)));
  try {
    return await Promise.race([
      probe().then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const readiness = z
  .object({
    status: z.enum(['ready', 'not ready']),
    database: z.boolean(),
    journal: z.boolean(),
    queue: z.boolean(),
  })
  .meta({ id: 'Readiness' });

export function registerSystemRoutes(app: ApiApp, ctx: ApiContext): void {
  app.get('/healthz', {
    schema: {
      operationId: 'health',
      summary: 'Liveness',
      tags: TAG,
      security: [],
      response: { 200: z.object({ status: z.literal('ok') }) },
    },
    handler: () => ({ status: 'ok' as const }),
  });

  app.get('/readyz', {
    schema: {
      operationId: 'readiness',
      summary: 'Readiness: the database, the journal and the queue answer (each within 2 s)',
      tags: TAG,
      security: [],
      response: { 200: readiness, 503: readiness },
    },
    handler: async (_request, reply) => {
      const [database, journal, queue] = await Promise.all([
        answers(() => ctx.db.client.sql`select 1`),
        answers(() => ctx.operations.ping()),
        answers(() => ctx.operations.pingQueue()),
      ]);
      const ready = database && journal && queue;
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', database, journal, queue });
    },
  });

  app.get('/metrics', {
    schema: {
      operationId: 'metrics',
      summary: 'Prometheus metrics: requests by route and status, durations, the process',
      tags: TAG,
      security: [],
      response: {
        200: {
          description: 'Prometheus text format',
          content: { 'text/plain': { schema: z.string().meta({ description: 'Prometheus text format' }) } },
        },
      },
    },
    handler: async (_request, reply) => {
      void reply.type(ctx.metrics.registry.contentType);
      return ctx.metrics.registry.metrics();
    },
  });

  app.get('/openapi.json', {
    schema: {
      operationId: 'openapi',
      summary: 'This document: OpenAPI 3.1, generated from the schemas the handlers validate with',
      tags: TAG,
      security: [],
      hide: false,
    },
    handler: () => app.swagger(),
  });
}
