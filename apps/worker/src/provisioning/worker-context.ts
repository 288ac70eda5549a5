import type { DbContext } from '@org/db';
import type { ServicesContext } from '@org/services';
import type { Logger } from 'pino';
import type { ProvisioningJournal } from '../journal/index.js';
import type { WorkerMetrics } from '../observability/worker-metrics.js';

/** How a run uses the warm pools: their size, and a way to ask for a cluster's refill. */
export interface TenantPoolControl {
  /** Ready databases kept per cluster; 0 claims none. */
  size: number;
  /** Asks for `cluster`'s pool to be refilled in the background (through the queue); never throws. */
  requestRefill(cluster: string): void;
}

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
  /** The clusters' warm pools (see `refillTenantPool`); without it, databases are copied from the template. */
  pool?: TenantPoolControl;
  /**
   * Called at named points of a run (`run:begun`, `database:before`, `database:created`,
   * `run:settled`, ...) and of a warm-pool refill (`pool:building`, `pool:created`, with
   * `projectId` ''). Tests use it to kill or fail the process at an exact point; the shipped
   * CLI never sets it.
   */
  onCheckpoint?: (checkpoint: string, projectId: string) => Promise<void> | void;
}
