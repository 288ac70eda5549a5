import fc from 'fast-check';
import { Counter, Histogram, Registry, type RegistryContentType } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RequestMetrics } from '../src/http/request-metrics.js';

const BOUNDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** What the API counted before: prom-client's own Counter and Histogram, named and labelled alike. */
function promClientMetrics(registry: Registry<RegistryContentType>) {
  const requests = new Counter({
    name: 'api_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'api_request_duration_seconds',
    help: 'Time to answer, by method and route',
    labelNames: ['method', 'route'],
    buckets: BOUNDS,
    registers: [registry],
  });
  return (method: string, route: string, status: number, seconds: number) => {
    requests.inc({ method, route, status });
    duration.observe({ method, route }, seconds);
  };
}

const request = fc.tuple(
  fc.constantFrom('GET', 'POST', 'DELETE'),
  fc.constantFrom('/v1/projects/:id', '/v1/projects', 'unmatched', '/v1/odd"route\\'),
  fc.constantFrom(200, 202, 404, 429, 503),
  // Durations on, between and beyond the bucket bounds.
  fc.oneof(fc.constantFrom(...BOUNDS, 0, 2.5000001, 60), fc.double({ min: 0, max: 5, noNaN: true })),
);

describe('RequestMetrics', () => {
  it('writes what prom-client’s Counter and Histogram write for the same requests, as text and as OpenMetrics, and after either is reset', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(request, { maxLength: 60 }), async (requests) => {
        const [theirs, ours] = [new Registry<RegistryContentType>(), new Registry<RegistryContentType>()];
        const record = promClientMetrics(theirs);
        const metrics = new RequestMetrics(BOUNDS, ours);
        for (const [method, route, status, seconds] of requests) {
          record(method, route, status, seconds);
          metrics.record(method, route, status, seconds);
        }
        expect(await ours.metrics()).toBe(await theirs.metrics());
        theirs.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
        ours.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
        expect(await ours.metrics()).toBe(await theirs.metrics());
        // Each metric reset alone, then counted on; then all of them.
        for (const name of ['api_requests_total', 'api_request_duration_seconds']) {
          theirs.getSingleMetric(name)!.reset();
          ours.getSingleMetric(name)!.reset();
          expect(await ours.metrics()).toBe(await theirs.metrics());
          for (const [method, route, status, seconds] of requests.slice(0, 5)) {
            record(method, route, status, seconds);
            metrics.record(method, route, status, seconds);
          }
          expect(await ours.metrics()).toBe(await theirs.metrics());
        }
        theirs.resetMetrics();
        ours.resetMetrics();
        expect(await ours.metrics()).toBe(await theirs.metrics());
      }),
      { numRuns: 200 },
    );
  });
});
