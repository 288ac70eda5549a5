import { clientTimeouts, reconnectBackoff, type SecretBox, SESSION_LIMITS, sessionParameters } from '@org/db';
import type { PgBoss } from 'pg-boss';
import postgres, { type Sql, type TransactionSql } from 'postgres';
import { openBoss } from './open-boss.js';
import { OperationEnds } from './operation-ends.js';
import type { OperationReport } from './operation-report.js';
import { transactionBossDb } from './postgres-js-boss-db.js';
import { OperationStore } from './operation-store.js';
import { LIFECYCLE_QUEUE, PROVISION_QUEUE, TENANT_POOL_REFILL_QUEUE } from './queue-names.js';
import { readQueueDepth, type QueueDepth } from './read-queue-depth.js';
import { requestOperation, type OperationRequest } from './request-operation.js';
import { ResultStore } from './result-store.js';
import type { OperationKind } from './schema/operations.js';

/** How to connect an {@link OperationsClient}. */
export interface OperationsClientOptions {
  /** The control-plane database (its migrations applied: `migrateControlPlane`). */
  databaseUrl: string;
  /** Opens the one-time results a caller claims. */
  secrets: SecretBox;
  /** Connections of its pool for reads and claims (default 4); pg-boss's sends use a pool of 2 of its own. */
  connections?: number;
  applicationName?: string;
}

/**
 * Operations as a caller asks for and reads them (the HTTP API, a CLI): requesting one (its
 * row and its queue job in the caller's transaction), reading and cancelling, claiming the
 * one-time result, the queue's depth. It runs no jobs and no queue maintenance (the
 * workers do): its pg-boss only sends. `start()` before the first request, `close()` at the end.
 */
export class OperationsClient {
  /** Reads and cancels operations. */
  readonly store: OperationStore;
  /** One-time results: `claim` in the caller's transaction. */
  readonly results: ResultStore;
  private readonly sql: Sql;
  private readonly boss: PgBoss;
  private readonly bossSql: Sql;
  private ends: Promise<OperationEnds> | undefined;
  private opened: OperationEnds | undefined;

  constructor(options: OperationsClientOptions) {
    const applicationName = options.applicationName ?? 'control-plane-operations';
    this.sql = postgres(options.databaseUrl, {
      max: options.connections ?? 4,
      ...clientTimeouts(SESSION_LIMITS.controlPlane),
      idle_timeout: 30,
      connect_timeout: 10,
      backoff: reconnectBackoff,
      onnotice: () => {},
      connection: { application_name: applicationName, ...sessionParameters(SESSION_LIMITS.controlPlane) },
    });
    ({ boss: this.boss, sql: this.bossSql } = openBoss(options.databaseUrl, {
      poolSize: 2,
      applicationName: `${applicationName}-queue`,
      supervise: false,
    }));
    this.store = new OperationStore(this.sql);
    this.results = new ResultStore(this.sql, options.secrets);
  }

  /** Connects pg-boss (its schema must exist: the workers' or `migrate`'s start installs it). */
  async start(): Promise<void> {
    await this.boss.start();
  }

  /** See {@link requestOperation}: the operation and its job in the caller's transaction `tx`. */
  request(tx: TransactionSql, request: OperationRequest): Promise<string> {
    return requestOperation(this.boss, tx, request);
  }

  /**
   * The operation once it has ended (`succeeded`, `failed`, `cancelled`), or as it is when
   * `waitMs` runs out or `signal` aborts; undefined when there is none. It waits on the
   * database's announcements of ends (LISTEN, one connection for every waiter, opened on the
   * first wait), not by polling, and holds no pooled connection while it waits.
   */
  async waitForEnd(id: string, waitMs: number, signal?: AbortSignal): Promise<OperationReport | undefined> {
    return (await this.openEnds()).waitForEnd(id, waitMs, signal);
  }

  /** How many {@link waitForEnd} calls are waiting now. */
  get waiting(): number {
    return this.opened?.waiting ?? 0;
  }

  private openEnds(): Promise<OperationEnds> {
    this.ends ??= OperationEnds.open(this.sql).then(
      (ends) => (this.opened = ends),
      (error: unknown) => {
        // The next wait tries again.
        this.ends = undefined;
        throw error;
      },
    );
    return this.ends;
  }

  /**
   * Sends a job of another package's queue in the caller's transaction `tx` (a webhook
   * delivery's replay), so the job exists exactly when the change that asks for it commits.
   */
  async sendInTransaction(tx: TransactionSql, queue: string, data: object): Promise<void> {
    await this.boss.send(queue, data, { db: transactionBossDb(tx) });
  }

  /** Takes a cancelled operation's job out of the queue (a worker that fetched it meanwhile skips it). */
  async cancelJob(kind: OperationKind, id: string): Promise<void> {
    await this.boss.cancel(kind === 'provision' ? PROVISION_QUEUE : LIFECYCLE_QUEUE, id).catch(() => undefined);
  }

  /**
   * Asks for `cluster`'s warm pool to be refilled by whichever worker is free: one waiting
   * request per cluster at most (a second is dropped). Resolves with whether it was queued.
   */
  async requestPoolRefill(cluster: string): Promise<boolean> {
    return (await this.boss.send(TENANT_POOL_REFILL_QUEUE, { cluster }, { singletonKey: cluster })) !== null;
  }

  /** See {@link readQueueDepth}. */
  depth(): Promise<QueueDepth> {
    return readQueueDepth(this.sql);
  }

  /** Resolves when its pool for reads and claims answers a query. */
  async ping(): Promise<void> {
    await this.sql`select 1`;
  }

  /** Resolves when the queue's pool (its sends) answers a query. */
  async pingQueue(): Promise<void> {
    await this.bossSql`select 1`;
  }

  /** Stops pg-boss and closes both pools. */
  async close(): Promise<void> {
    await (await this.ends?.catch(() => undefined))?.close();
    await this.boss.stop({ graceful: false, close: true, timeout: 1000 }).catch(() => undefined);
    await Promise.all([this.sql.end({ timeout: 5 }), this.bossSql.end({ timeout: 5 })]);
  }
}
