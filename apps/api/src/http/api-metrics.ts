import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The API's Prometheus metrics, on their own registry. */
export interface ApiMetrics {
  registry: Registry;
  /** Requests by method, route template (`/v1/projects/:id`, or `unmatched`) and status. */
  requests: Counter<'method' | 'route' | 'status'>;
  duration: Histogram<'method' | 'route'>;
}

export function createApiMetrics(): ApiMetrics {
  const registry = new Registry();
  // The same sampling precision as the worker's (a 10 ms timer costs an idle process ~1% of a core).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  return {
    registry,
    requests: new Counter({
      name: 'api_requests_total',
      help: 'HTTP requests answered, by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'api_request_duration_seconds',
      help: 'Time to answer, by method and route',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}
