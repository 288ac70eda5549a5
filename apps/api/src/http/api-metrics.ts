import type { ApiKeyCache } from '@org/api-keys';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { RequestMetrics } from './request-metrics.js';

/** The API's Prometheus metrics, on their own registry. */
export interface ApiMetrics {
  registry: Registry;
  /** Requests by method, route template (`/v1/projects/:id`, or `unmatched`) and status, and their durations. */
  requests: RequestMetrics;
}

/** The API's metrics; with `keyCache`, its hits, misses and whether it answers from memory now. */
export function createApiMetrics(keyCache?: ApiKeyCache): ApiMetrics {
  const registry = new Registry();
  // The same sampling precision as the worker's (a 10 ms timer costs an idle process ~1% of a core).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  if (keyCache !== undefined) {
    // Read when scraped: the verification path only counts.
    new Gauge({
      name: 'api_key_cache_verifications',
      help: 'Key verifications since start, by whether the verified-key cache answered them (hit) or the database (miss)',
      labelNames: ['answered_by'],
      registers: [registry],
      collect() {
        const stats = keyCache.stats();
        this.set({ answered_by: 'hit' }, stats.hits);
        this.set({ answered_by: 'miss' }, stats.misses);
      },
    });
    new Gauge({
      name: 'api_key_cache_trusted',
      help: '1 while the verified-key cache answers from memory (its notifications at most a second behind), 0 while every verification asks the database',
      registers: [registry],
      collect() {
        this.set(keyCache.trusted ? 1 : 0);
      },
    });
  }
  return {
    registry,
    requests: new RequestMetrics([0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registry),
  };
}
