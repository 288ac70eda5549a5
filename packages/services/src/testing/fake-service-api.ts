import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake service does with the next request(s) to a route. */
export type FakeBehaviour =
  | { status: number; retryAfter?: string; body?: unknown }
  /** Accepts the request and never answers (until the server stops). */
  | { hang: true };

/** One request the fake service received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** `performance.now()`-style milliseconds since the server started. */
  at: number;
}

/** A running fake admin API. */
export interface FakeServiceApi {
  url: string;
  requests: RecordedRequest[];
  /** Queues behaviours for the next requests matching `METHOD /path-prefix`; then it succeeds. */
  enqueue(route: string, ...behaviours: FakeBehaviour[]): void;
  /** Makes every request to a route behave this way until reset. */
  always(route: string, behaviour: FakeBehaviour | undefined): void;
  /** The projects currently registered (POST minus DELETE). */
  registered: Set<string>;
  close(): Promise<void>;
}

/**
 * A real HTTP server on loopback that plays a service's admin API (see
 * `createHttpAdminAdapter`) and can be told to fail: statuses, Retry-After, hangs. Its
 * answers are deterministic per project, so a repeated registration gets the same ids.
 */
export async function startFakeServiceApi(name = 'service'): Promise<FakeServiceApi> {
  const queues = new Map<string, FakeBehaviour[]>();
  const fixed = new Map<string, FakeBehaviour>();
  const requests: RecordedRequest[] = [];
  const registered = new Set<string>();
  const hanging = new Set<ServerResponse>();
  const started = performance.now();

  const behaviourFor = (method: string, path: string): FakeBehaviour | undefined => {
    for (const [route, behaviour] of fixed) if (matches(route, method, path)) return behaviour;
    for (const [route, queue] of queues) if (matches(route, method, path) && queue.length > 0) return queue.shift();
    return undefined;
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = text;
      }
      requests.push({
        method: request.method ?? 'GET',
        path,
        headers: request.headers,
        body,
        at: performance.now() - started,
      });
      const behaviour = behaviourFor(request.method ?? 'GET', path);
      if (behaviour && 'hang' in behaviour) {
        hanging.add(response);
        return;
      }
      if (behaviour) {
        response.writeHead(behaviour.status, {
          'content-type': 'application/json',
          ...(behaviour.retryAfter === undefined ? {} : { 'retry-after': behaviour.retryAfter }),
        });
        response.end(JSON.stringify(behaviour.body ?? { error: `scripted ${behaviour.status}` }));
        return;
      }
      respondOk(request.method ?? 'GET', path, body, response);
    });
  });

  const respondOk = (method: string, path: string, body: unknown, response: ServerResponse): void => {
    if (method === 'GET' && path.endsWith('/health')) {
      response.writeHead(200).end('{"ok":true}');
    } else if (method === 'POST' && path.endsWith('/projects')) {
      const projectId = String((body as { project_id?: unknown } | undefined)?.project_id);
      registered.add(projectId);
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          service_id: `${name}-${projectId.slice(0, 8)}`,
          endpoint: `https://${projectId}.${name}.test`,
        }),
      );
    } else if (method === 'DELETE' && path.includes('/projects/')) {
      registered.delete(decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)));
      response.writeHead(204).end();
    } else {
      response.writeHead(404).end('{}');
    }
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/admin`,
    requests,
    registered,
    enqueue(route, ...behaviours) {
      queues.set(route, [...(queues.get(route) ?? []), ...behaviours]);
    },
    always(route, behaviour) {
      if (behaviour === undefined) fixed.delete(route);
      else fixed.set(route, behaviour);
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function matches(route: string, method: string, path: string): boolean {
  const [routeMethod, routePath = ''] = route.split(' ');
  return routeMethod === method && path.includes(routePath);
}
