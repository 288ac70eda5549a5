import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkServicesHealth } from '@org/services';
import type { WorkerContext } from '../provisioning/worker-context.js';
import type { ProvisioningQueue } from '../queue/provisioning-queue.js';

/** The operations port: liveness, readiness and Prometheus metrics. */
export interface OperationsServer {
  port: number;
  close(): Promise<void>;
}

/** How long each part of /readyz may take before it counts as not answering. */
export const READY_CHECK_TIMEOUT_MS = 2000;

interface PartHealth {
  ok: boolean;
  detail: string;
}

async function check(probe: () => Promise<unknown>): Promise<PartHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<PartHealth>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, detail: `no answer within ${READY_CHECK_TIMEOUT_MS} ms` }),
      READY_CHECK_TIMEOUT_MS,
    );
  });
  const answered = probe().then(
    (): PartHealth => ({ ok: true, detail: 'answering' }),
    (error: unknown): PartHealth => ({ ok: false, detail: (error as { code?: string }).code ?? 'unreachable' }),
  );
  try {
    return await Promise.race([answered, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/healthz`: the process is up. `/readyz`: the control-plane pool, the journal's pool, the
 * queue's pool and every configured service answer, each within READY_CHECK_TIMEOUT_MS, so
 * a wedged pool reads 503 naming the part, never a hung request. `/metrics`: Prometheus
 * text format.
 */
export async function startHttpServer(
  ctx: WorkerContext,
  options: { port: number; host?: string; queue?: ProvisioningQueue },
): Promise<OperationsServer> {
  const { queue } = options;
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const send = (status: number, body: unknown, type = 'application/json'): void => {
      response.writeHead(status, { 'content-type': type });
      response.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    void (async () => {
      try {
        // Reads only: a POST to /healthz is not a health check that passed.
        if (request.method !== 'GET' && request.method !== 'HEAD') {
          response.setHeader('allow', 'GET, HEAD');
          return send(405, { error: 'method not allowed' });
        }
        if (path === '/healthz') return send(200, { status: 'ok' });
        if (path === '/readyz') {
          const [database, journal, queuePool, services] = await Promise.all([
            check(() => ctx.db.client.sql`select 1`),
            check(() => ctx.journal.ping()),
            queue ? check(() => queue.ping()) : Promise.resolve(undefined),
            checkServicesHealth({ signal: AbortSignal.timeout(READY_CHECK_TIMEOUT_MS) }, ctx.services),
          ]);
          const parts = { database, journal, ...(queuePool ? { queue: queuePool } : {}) };
          const failing = [
            ...Object.entries(parts).filter(([, part]) => !part.ok),
            ...Object.entries(services).filter(([, service]) => !service.ok),
          ].map(([name]) => name);
          return send(failing.length === 0 ? 200 : 503, {
            status: failing.length === 0 ? 'ready' : 'not ready',
            ...(failing.length === 0 ? {} : { failing }),
            ...parts,
            services,
          });
        }
        if (path === '/metrics' && ctx.metrics)
          return send(200, await ctx.metrics.registry.metrics(), ctx.metrics.registry.contentType);
        return send(404, { error: 'not found' });
      } catch {
        return send(500, { error: 'internal error' });
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
