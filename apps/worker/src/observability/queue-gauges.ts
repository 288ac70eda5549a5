import type { TenantPoolState } from '@org/db';
import { Gauge } from 'prom-client';
import type { WorkerMetrics } from './worker-metrics.js';

/** Reads taken when Prometheus scrapes: the queue's depth and this process's connections. */
export interface QueueGaugeSource {
  /** Jobs of the provisioning queue by state (ready, deferred, retry, active) and dead letters waiting. */
  depth(): Promise<{ states: Record<string, number>; deadLetters: number }>;
  /** This process's open connections, by pool and by state (active, idle). */
  connections(): Promise<{ pool: string; state: string; count: number }[]>;
  /** Each cluster's warm pool, by state. */
  pool?: () => Promise<TenantPoolState[]>;
}

/**
 * Adds `provisioning_queue_jobs{state}`, `provisioning_dead_letter_jobs`,
 * `provisioning_db_connections{pool,state}` and, given a pool reader,
 * `provisioning_tenant_pool_databases{cluster,state}` to the worker's registry. Each is one
 * query at scrape time (nothing polls in between); a failed read leaves the gauges unset
 * rather than failing the scrape.
 */
export function registerQueueGauges(metrics: WorkerMetrics, source: QueueGaugeSource): void {
  // Both depth gauges come from one read per scrape (a scrape collects every metric at once).
  let read: { at: number; depth: ReturnType<QueueGaugeSource['depth']> } | undefined;
  const depth = () => {
    if (read === undefined || Date.now() - read.at > 1000) read = { at: Date.now(), depth: source.depth() };
    return read.depth.catch(() => undefined);
  };
  new Gauge({
    name: 'provisioning_queue_jobs',
    help: 'provision_project jobs by state: ready (may start now), deferred, retry, active',
    labelNames: ['state'],
    registers: [metrics.registry],
    async collect() {
      const now = await depth();
      if (now !== undefined) for (const [state, count] of Object.entries(now.states)) this.set({ state }, count);
    },
  });
  new Gauge({
    name: 'provisioning_dead_letter_jobs',
    help: 'Failed provisionings waiting for the dead-letter consumer (compensation)',
    registers: [metrics.registry],
    async collect() {
      const now = await depth();
      if (now !== undefined) this.set(now.deadLetters);
    },
  });
  new Gauge({
    name: 'provisioning_db_connections',
    help: "This worker process's PostgreSQL connections by pool (control-plane, journal, queue, ...) and state",
    labelNames: ['pool', 'state'],
    registers: [metrics.registry],
    async collect() {
      const rows = await source.connections().catch(() => undefined);
      if (rows === undefined) return;
      this.reset();
      for (const row of rows) this.set({ pool: row.pool, state: row.state }, row.count);
    },
  });
  const pool = source.pool;
  if (pool !== undefined) {
    new Gauge({
      name: 'provisioning_tenant_pool_databases',
      help: 'Warm-pool databases per cluster: ready (current template), stale (older template, to be drained), building, claimed',
      labelNames: ['cluster', 'state'],
      registers: [metrics.registry],
      async collect() {
        const clusters = await pool().catch(() => undefined);
        if (clusters === undefined) return;
        for (const { cluster, ready, stale, building, claimed } of clusters) {
          for (const [state, count] of Object.entries({ ready, stale, building, claimed }))
            this.set({ cluster, state }, count);
        }
      },
    });
  }
}
