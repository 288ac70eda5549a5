import type { DbContext } from '@org/db';
import type { ServicesContext } from '@org/services';
import type { Logger } from 'pino';
import type { ProvisioningJournal } from '../journal/index.js';
import type { WorkerMetrics } from '../observability/worker-metrics.js';

/** Everything a provisioning run needs. */
export interface WorkerContext {
  db: DbContext;
  services: ServicesContext;
  /** The runs' locks and bookkeeping, and the one-time results. */
  journal: ProvisioningJournal;
  logger: Logger;
  metrics?: WorkerMetrics;
  /**
   * Multiplies the contract's in-process retry delays (database 10 s, schema 5 s, ...). 1 in
   * production; tests use a small fraction so a retried step takes milliseconds.
   */
  retryDelayScale: number;
  /**
   * Called at named points of a run (`run:begun`, `database:before`, `database:created`,
   * `run:settled`, ...). Tests use it to kill or fail the process at an exact point; the
   * shipped CLI never sets it.
   */
  onCheckpoint?: (checkpoint: string, projectId: string) => Promise<void> | void;
}
