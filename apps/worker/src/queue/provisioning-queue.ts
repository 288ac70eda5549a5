import { randomUUID } from 'node:crypto';
import { OperationInProgressError } from '@org/errors';
import type { PgBoss } from 'pg-boss';
import type { Sql, TransactionSql } from 'postgres';
import type { LifecycleKind } from '@org/operations';
import type { ProvisioningPayloadInput } from '@org/operations';
import type { WorkerContext } from '../provisioning/worker-context.js';
import { applyQueuePolicies } from './apply-queue-policies.js';
import { consumeQueues } from './consume-queues.js';
import { ensureQueues } from './ensure-queues.js';
import { openBoss, type OpenBossOptions } from '@org/operations';
import type { PolicyChanges } from './queue-policy.js';
import { readQueueDepth, type QueueDepth } from '@org/operations';
import { requestOperation, type OperationRequest } from '@org/operations';
import { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from './queue-settings.js';
import { LIFECYCLE_QUEUE, PROVISION_QUEUE, TENANT_POOL_REFILL_QUEUE } from '@org/operations';

/**
 * The control plane's queues on pg-boss, as one process uses them: administration
 * (`ensureQueues`, `applyQueuePolicies`, `readQueueDepth`), sending (`requestOperation`,
 * pool refills) and consuming (`consumeQueues`, one handler per queue), each in a file of
 * its own; this class holds the pg-boss instance and its pool they share.
 */
export class ProvisioningQueue {
  readonly boss: PgBoss;
  private readonly sql: Sql;
  private readonly settings: QueueSettings;
  private readonly workerId = `worker-${randomUUID()}`;

  constructor(databaseUrl: string, settings: Partial<QueueSettings> = {}, options: OpenBossOptions = {}) {
    this.settings = { ...DEFAULT_QUEUE_SETTINGS, ...settings };
    ({ boss: this.boss, sql: this.sql } = openBoss(databaseUrl, {
      ...options,
      superviseIntervalSeconds: this.settings.superviseIntervalSeconds,
    }));
  }

  /**
   * Installs or upgrades pg-boss's schema and creates the queues (with `settings`) when they
   * are missing, then lets go: for a process that sends jobs but runs none (the HTTP API),
   * which may start before any worker has.
   */
  static async install(databaseUrl: string, settings: Partial<QueueSettings> = {}): Promise<void> {
    const queue = new ProvisioningQueue(databaseUrl, settings, { supervise: false, poolSize: 2 });
    try {
      await queue.start();
    } finally {
      await queue.stop(1000);
    }
  }

  /** Installs or upgrades pg-boss's schema, and creates the queues when they are missing. */
  async start(): Promise<void> {
    await this.boss.start();
    await ensureQueues(this.boss, this.settings);
  }

  /**
   * Asks for `cluster`'s warm pool to be refilled by whichever worker is free: one waiting
   * request per cluster at most (a second is dropped). Resolves with whether it was queued.
   */
  async requestPoolRefill(cluster: string): Promise<boolean> {
    return (await this.boss.send(TENANT_POOL_REFILL_QUEUE, { cluster }, { singletonKey: cluster })) !== null;
  }

  /** {@link applyQueuePolicies} with this queue's settings: the workers' to call, on start. */
  applyPolicy(): Promise<PolicyChanges> {
    return applyQueuePolicies(this.boss, this.settings);
  }

  /**
   * Asks for a provisioning in a transaction of its own: {@link requestOperation} with
   * `requestedBy` (the CLI, the demo, a test), so every provisioning is an operation on
   * record, whoever sends it. The payload is validated first (nothing is queued for bad
   * input) and holds no secret. Returns the operation's id (its job's), or null when the
   * project has an operation queued or running already.
   */
  async send(payload: ProvisioningPayloadInput, requestedBy: string): Promise<string | null> {
    return this.request({ kind: 'provision', payload, requestedBy });
  }

  /** {@link requestOperation} in a transaction of its own; null when the project has an operation open. */
  async request(request: OperationRequest): Promise<string | null> {
    try {
      return await this.sql.begin((tx) => requestOperation(this.boss, tx, request));
    } catch (error) {
      if (OperationInProgressError.is(error)) return null;
      throw error;
    }
  }

  /** See {@link requestOperation}: the operation and its job in the caller's transaction `tx`. */
  requestOperation(tx: TransactionSql, request: OperationRequest): Promise<string> {
    return requestOperation(this.boss, tx, request);
  }

  /** Takes a cancelled operation's job out of the queue (a worker that fetched it meanwhile skips it). */
  async cancelJob(kind: 'provision' | LifecycleKind, id: string): Promise<void> {
    await this.boss.cancel(kind === 'provision' ? PROVISION_QUEUE : LIFECYCLE_QUEUE, id).catch(() => undefined);
  }

  /** Starts consuming every queue with `ctx` (see {@link consumeQueues}). */
  work(ctx: WorkerContext): Promise<void> {
    return consumeQueues(this.boss, ctx, this.settings, this.workerId);
  }

  /** See {@link readQueueDepth}. */
  depth(): Promise<QueueDepth> {
    return readQueueDepth(this.sql);
  }

  /** A provisioning job's pg-boss state (`created` until a worker fetches it), or undefined when unknown. */
  async jobState(jobId: string): Promise<string | undefined> {
    return (await this.boss.getJobById(PROVISION_QUEUE, jobId))?.state;
  }

  /** Resolves when the queue's own pool answers a query. */
  async ping(): Promise<void> {
    await this.sql`select 1`;
  }

  /** Stops taking jobs, waits up to `timeoutMs` for running ones, and closes the pool. */
  async stop(timeoutMs = 30_000): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: timeoutMs, close: true });
    await this.sql.end({ timeout: 5 });
  }
}
