import type { DbContext } from '@org/db';
import type { ServicesContext } from '@org/services';
import type { Logger } from 'pino';
import type { WorkerMetrics } from '../observability/worker-metrics.js';

/** Everything a provisioning run needs. */
export interface WorkerContext {
  db: DbContext;
  services: ServicesContext;
  logger: Logger;
  metrics?: WorkerMetrics;
  /**
   * Multiplies the spec's in-process retry delays (database 10 s, schema 5 s, ...). 1 in
   * production; tests use a small fraction so a retried step takes milliseconds.
   */
  retryDelayScale: number;
  /** How long a run waits for another run of the same project to finish. */
  lockTimeoutMs: number;
  /**
   * Called at named points of a run (`database:before`, `database:after`, ...). The chaos
   * suite uses it to kill or fail the process at an exact point; production leaves it unset.
   */
  onCheckpoint?: (checkpoint: string, projectId: string) => Promise<void> | void;
}
