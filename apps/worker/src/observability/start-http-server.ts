import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkServicesHealth } from '@org/services';
import type { WorkerContext } from '../provisioning/worker-context.js';

/** The operations port: liveness, readiness and Prometheus metrics. */
export interface OperationsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * `/healthz`: the process is up. `/readyz`: the control-plane database answers and every
 * configured service is healthy (503 with the failing parts otherwise). `/metrics`:
 * Prometheus text format.
 */
export async function startHttpServer(ctx: WorkerContext, port: number, host = '0.0.0.0'): Promise<OperationsServer> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const send = (status: number, body: unknown, type = 'application/json'): void => {
      response.writeHead(status, { 'content-type': type });
      response.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    void (async () => {
      try {
        if (path === '/healthz') return send(200, { status: 'ok' });
        if (path === '/readyz') {
          const database = await ctx.db.client.sql`select 1`.then(
            () => ({ ok: true, detail: 'reachable' }),
            (error: unknown) => ({ ok: false, detail: (error as { code?: string }).code ?? 'unreachable' }),
          );
          const services = await checkServicesHealth({ signal: AbortSignal.timeout(3000) }, ctx.services);
          const ready = database.ok && Object.values(services).every((service) => service.ok);
          return send(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', database, services });
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
    server.listen(port, host, resolve);
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
