import { randomUUID } from 'node:crypto';
import { reconnectBackoff, refillTenantPool } from '@org/db';
import { serializeError } from '@org/errors';
import { PgBoss, type JobWithMetadata } from 'pg-boss';
import { OperationInProgressError } from '@org/errors';
import postgres, { type Sql, type TransactionSql } from 'postgres';
import { OperationStore } from '../journal/index.js';
import type { LifecycleKind } from '../operations/lifecycle-steps.js';
import { runLifecycleOperation } from '../operations/run-lifecycle-operation.js';
import { validateProvisioningParams } from '../provisioning/validation.js';
import { cleanUpAbandonedProvisioning } from '../provisioning/clean-up-abandoned.js';
import { provisionProject } from '../provisioning/provision-project.js';
import type { ProvisioningPayloadInput } from '../provisioning/provisioning-payload.js';
import type { WorkerContext } from '../provisioning/worker-context.js';
import { postgresJsBossDb } from './postgres-js-boss-db.js';
import {
  applyQueuePolicy,
  lifecycleQueuePolicy,
  queuePolicy,
  refillQueuePolicy,
  type PolicyChanges,
} from './queue-policy.js';
import {
  DEFAULT_QUEUE_SETTINGS,
  LIFECYCLE_DEAD_LETTER_QUEUE,
  LIFECYCLE_QUEUE,
  PROVISION_DEAD_LETTER_QUEUE,
  TENANT_POOL_REFILL_QUEUE,
  type QueueSettings,
} from './queue-settings.js';

export const PROVISION_QUEUE = 'provision_project';

/** An operation to record and enqueue (see {@link ProvisioningQueue.requestOperation}). */
export type OperationRequest =
  | { kind: 'provision'; payload: ProvisioningPayloadInput; requestedBy: string | null }
  | { kind: LifecycleKind; projectId: string; requestedBy: string | null };

/** The dead-letter consumer polls at most this often. */
const DEAD_LETTER_POLL_SECONDS = 10;

/** pg-boss's flow pass (for jobs that wait on others, which this queue never sends): once an hour. */
const IDLE_FLOW_INTERVAL_SECONDS = 3600;

/**
 * The `provision_project` queue on pg-boss 12, in the control-plane database, over its own
 * small postgres.js pool. One job per project at a time (policy `exclusive` keyed by project
 * id: a duplicate send is refused), retried by the queue at a fixed delay, recovered by
 * heartbeat when a worker dies.
 */
export class ProvisioningQueue {
  readonly boss: PgBoss;
  private readonly sql: Sql;
  private readonly settings: QueueSettings;
  private readonly workerId = `worker-${randomUUID()}`;

  constructor(
    databaseUrl: string,
    settings: Partial<QueueSettings> = {},
    options: {
      poolSize?: number;
      applicationName?: string;
      onError?: (error: Error) => void;
      /**
       * Run pg-boss's maintenance (expiring dead jobs, retries, dead letters) in this process
       * (default true). A process that only sends jobs, as the HTTP API does, leaves it to the workers.
       */
      supervise?: boolean;
    } = {},
  ) {
    this.settings = { ...DEFAULT_QUEUE_SETTINGS, ...settings };
    this.sql = postgres(databaseUrl, {
      max: options.poolSize ?? 4,
      idle_timeout: 30,
      backoff: reconnectBackoff,
      onnotice: () => {},
      connection: { application_name: options.applicationName ?? 'control-plane-queue' },
    });
    this.boss = new PgBoss({
      db: postgresJsBossDb(this.sql),
      schema: 'pgboss',
      useListenNotify: true,
      supervise: options.supervise ?? true,
      superviseIntervalSeconds: this.settings.superviseIntervalSeconds,
      monitorIntervalSeconds: Math.max(1, Math.min(60, this.settings.superviseIntervalSeconds)),
      // What an idle worker pays for and does not use. We send no scheduled jobs and no flows
      // (jobs that wait for others): pg-boss's cron poll and flow resolution were 52 of the
      // 115 statements an idle worker sent a minute (the flow pass can only be made rare).
      // Its instance registry samples the event loop every 20 ms to report it: 50 wake-ups a
      // second; our own /metrics reports the process.
      schedule: false,
      flowIntervalSeconds: IDLE_FLOW_INTERVAL_SECONDS,
      registerInstance: false,
    });
    // pg-boss reports failed polls and maintenance (the database restarting, say) as 'error'
    // events; an unheard one would crash the process. It retries on its own.
    this.boss.on('error', options.onError ?? (() => {}));
  }

  /**
   * Installs or upgrades pg-boss's schema and creates the queues when they are missing
   * (with these settings). It never changes an existing queue's policy: that is
   * {@link applyPolicy}'s, called by the workers alone.
   */
  async start(): Promise<void> {
    await this.boss.start();
    if ((await this.boss.getQueue(PROVISION_DEAD_LETTER_QUEUE)) === null) {
      await this.boss.createQueue(PROVISION_DEAD_LETTER_QUEUE, { retryLimit: 5, retryDelay: 10 });
    }
    if ((await this.boss.getQueue(PROVISION_QUEUE)) === null) {
      await this.boss.createQueue(PROVISION_QUEUE, { policy: 'exclusive', ...queuePolicy(this.settings) });
    }
    if ((await this.boss.getQueue(LIFECYCLE_DEAD_LETTER_QUEUE)) === null) {
      await this.boss.createQueue(LIFECYCLE_DEAD_LETTER_QUEUE, { retryLimit: 5, retryDelay: 10 });
    }
    if ((await this.boss.getQueue(LIFECYCLE_QUEUE)) === null) {
      await this.boss.createQueue(LIFECYCLE_QUEUE, lifecycleQueuePolicy(this.settings));
    }
    if ((await this.boss.getQueue(TENANT_POOL_REFILL_QUEUE)) === null) {
      // notify: a request wakes an idle worker at once (a claim wants its database replaced).
      await this.boss.createQueue(TENANT_POOL_REFILL_QUEUE, { policy: 'stately', ...refillQueuePolicy(this.settings) });
    }
  }

  /**
   * Asks for `cluster`'s warm pool to be refilled by whichever worker is free: one waiting
   * request per cluster at most (a second is dropped). Resolves with whether it was queued.
   */
  async requestPoolRefill(cluster: string): Promise<boolean> {
    return (await this.boss.send(TENANT_POOL_REFILL_QUEUE, { cluster }, { singletonKey: cluster })) !== null;
  }

  /**
   * Makes the queues' policies (provisioning, and pool refills under `tenant_pool_refill.`)
   * this queue's settings. The workers own the policy and apply theirs on start; `migrate` and `provision` leave it alone, so a shell without the
   * workers' settings cannot change what later jobs get. Returns each setting that
   * changed, with its old and new value.
   */
  async applyPolicy(): Promise<PolicyChanges> {
    const changed = await applyQueuePolicy(this.boss, PROVISION_QUEUE, queuePolicy(this.settings));
    const refill = await applyQueuePolicy(this.boss, TENANT_POOL_REFILL_QUEUE, refillQueuePolicy(this.settings));
    for (const [key, change] of Object.entries(refill)) changed[`${TENANT_POOL_REFILL_QUEUE}.${key}`] = change;
    const lifecycle = await applyQueuePolicy(this.boss, LIFECYCLE_QUEUE, lifecycleQueuePolicy(this.settings));
    for (const [key, change] of Object.entries(lifecycle)) changed[`${LIFECYCLE_QUEUE}.${key}`] = change;
    return changed;
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
      return await this.sql.begin((tx) => this.requestOperation(tx, request));
    } catch (error) {
      if (OperationInProgressError.is(error)) return null;
      throw error;
    }
  }

  /**
   * Records an operation and enqueues its job in the caller's transaction `tx`, so that
   * both exist or neither does (a caller killed before its commit leaves nothing). The
   * operation's id is its job's. A provisioning's payload is validated first; a project
   * with an operation queued or running already is an `OperationInProgressError`. Resolves
   * with the operation's id. Nothing runs here: a worker's `work` picks the job up.
   */
  async requestOperation(tx: TransactionSql, request: OperationRequest): Promise<string> {
    const id = randomUUID();
    const input = request.kind === 'provision' ? validateProvisioningParams(request.payload) : undefined;
    const projectId = (input?.project_id ?? (request as { projectId: string }).projectId).toLowerCase();
    await OperationStore.insert(tx, {
      id,
      projectId,
      kind: request.kind,
      requestedBy: request.requestedBy,
      request: input ?? null,
    });
    const db = {
      executeSql: async (text: string, values: unknown[] = []) => ({
        rows: [...(await tx.unsafe(text, values.map((value) => (value === undefined ? null : value)) as never[]))],
      }),
    };
    const sent =
      input === undefined
        ? await this.boss.send(
            LIFECYCLE_QUEUE,
            { operation_id: id, project_id: projectId, kind: request.kind },
            { id, db },
          )
        : await this.boss.send(PROVISION_QUEUE, input, { id, singletonKey: projectId, db });
    // A provisioning job of the project sent outside operations (by a version before every
    // provisioning was one) is queued or running.
    if (sent === null) throw new OperationInProgressError(projectId, 'unrecorded');
    return id;
  }

  /** Takes a cancelled operation's job out of the queue (a worker that fetched it meanwhile skips it). */
  async cancelJob(kind: 'provision' | LifecycleKind, id: string): Promise<void> {
    await this.boss.cancel(kind === 'provision' ? PROVISION_QUEUE : LIFECYCLE_QUEUE, id).catch(() => undefined);
  }

  /**
   * Starts consuming jobs with `ctx`, and the dead-letter queue (cleaning up abandoned runs).
   * `concurrency` slots, each a pg-boss worker of its own taking one job at a time. A slot
   * that finishes a job wakes itself (`notifyWorker`) and fetches the next at once instead
   * of sleeping out the polling interval; an empty fetch puts it back to polling, so an
   * empty queue is never hot-looped. A new job wakes idle slots through NOTIFY.
   */
  async work(ctx: WorkerContext): Promise<void> {
    const deadLetterOptions = {
      pollingIntervalSeconds: Math.max(DEAD_LETTER_POLL_SECONDS, this.settings.pollingIntervalSeconds),
      includeMetadata: true,
    } as const;
    await this.boss.work<ProvisioningPayloadInput, unknown, typeof deadLetterOptions>(
      PROVISION_DEAD_LETTER_QUEUE,
      // Clean-up is not waited for: a slower poll keeps the idle cost down. The metadata
      // carries the failed job's id (`sourceId`), which is its operation's.
      deadLetterOptions,
      async (jobs: JobWithMetadata<ProvisioningPayloadInput>[]) => {
        for (const job of jobs) await cleanUpAbandonedProvisioning(job.data, ctx, job.sourceId);
      },
    );
    const lifecycleOptions = {
      includeMetadata: true,
      pollingIntervalSeconds: this.settings.pollingIntervalSeconds,
    } as const;
    await this.boss.work<unknown, unknown, typeof lifecycleOptions>(LIFECYCLE_QUEUE, lifecycleOptions, async (jobs) => {
      for (const job of jobs) {
        const outcome = await runLifecycleOperation(job.data, ctx, {
          attempt: job.retryCount + 1,
          finalAttempt: job.retryCount >= job.retryLimit,
        });
        // The message is ours (code and message of serializeError): pg-boss stores it.
        if (!outcome.settled) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
      }
    });
    await this.boss.work<unknown, unknown, typeof deadLetterOptions>(
      LIFECYCLE_DEAD_LETTER_QUEUE,
      deadLetterOptions,
      async (jobs) => {
        for (const job of jobs) {
          // Its own run after the original job's last: (retries + 1) attempts, then this one.
          const attempt = (job.sourceRetryCount ?? 0) + 2 + job.retryCount;
          const outcome = await runLifecycleOperation(job.data, ctx, { attempt, finalAttempt: true, abandoned: true });
          if (!outcome.settled) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
        }
      },
    );
    if (ctx.pool !== undefined) {
      const size = ctx.pool.size;
      await this.boss.work<{ cluster: string }>(
        TENANT_POOL_REFILL_QUEUE,
        // Requests wake it through NOTIFY; polling only finds a retried refill.
        {
          pollingIntervalSeconds: Math.max(DEAD_LETTER_POLL_SECONDS, this.settings.pollingIntervalSeconds),
          notifyPollingIntervalSeconds: Math.max(DEAD_LETTER_POLL_SECONDS, this.settings.pollingIntervalSeconds),
        },
        async (jobs) => {
          for (const { data } of jobs) {
            const refill = await refillTenantPool(data.cluster, size, ctx.db, {
              checkpoint: (name) => ctx.onCheckpoint?.(name, ''),
            }).catch((error: unknown) => {
              // The job is retried (5 times, 10 s apart); meanwhile provisionings copy the template.
              ctx.logger.warn({ cluster: data.cluster, error: serializeError(error) }, 'tenant pool refill failed');
              throw error;
            });
            if (!refill.refilled) continue; // another process is refilling this cluster
            ctx.metrics?.poolRefillDuration.observe({ cluster: data.cluster }, refill.durationMs / 1000);
            if (refill.created > 0 || refill.dropped > 0) ctx.logger.info(refill, 'tenant pool refilled');
          }
        },
      );
    }
    const options = {
      includeMetadata: true,
      perJobResults: true,
      batchSize: 1,
      pollingIntervalSeconds: this.settings.pollingIntervalSeconds,
      // NOTIFY wakes workers for new jobs only; a retry's delayed start is found by polling,
      // which must not fall back to pg-boss's 30 s notify-mode interval.
      notifyPollingIntervalSeconds: this.settings.pollingIntervalSeconds,
    } as const;
    for (let index = 0; index < this.settings.concurrency; index++) {
      // The slot's own id, known once work() resolves (before its first job can finish).
      const slot: { id?: string } = {};
      slot.id = await this.boss.work<ProvisioningPayloadInput, unknown, typeof options>(
        PROVISION_QUEUE,
        options,
        async ([job]: JobWithMetadata<ProvisioningPayloadInput>[]) => {
          try {
            return job === undefined ? [] : [await this.handle(job, ctx)];
          } finally {
            // pg-boss's burst modes do not fit one job per fetch (burstWhenBatchFull is
            // ignored at batchSize 1; burstWhenReadyExceeds reads counts refreshed once a
            // supervise interval): the slot is told itself that it is free.
            if (slot.id !== undefined) this.boss.notifyWorker(slot.id);
          }
        },
      );
    }
  }

  private async handle(job: JobWithMetadata<ProvisioningPayloadInput>, ctx: WorkerContext) {
    ctx.metrics?.jobsInFlight.inc();
    const outcome = await provisionProject(job.data, ctx, {
      attempt: job.retryCount + 1,
      jobId: job.id,
      finalAttempt: job.retryCount >= job.retryLimit,
      workerId: this.workerId,
    }).finally(() => ctx.metrics?.jobsInFlight.dec());
    // The settlement decided: done, retry later, or fail for good now ('deadletter').
    return { id: job.id, status: outcome.job.state, output: outcome.job.output };
  }

  /**
   * The provisioning queue's jobs by state, read from pg-boss's job table (not its cached
   * stats, which refresh once a monitor interval): `ready` may start now, `deferred` waits
   * for its start time, `retry` waits for its next attempt, `active` is running; and the
   * dead letters not yet handled.
   */
  async depth(): Promise<{ states: Record<string, number>; deadLetters: number }> {
    const rows = await this.sql<{ name: string; state: string; count: number }[]>`
      select name,
             case when state = 'created' and start_after > now() then 'deferred'
                  when state = 'created' then 'ready'
                  else state::text end as state,
             count(*)::int as count
      from pgboss.job
      where name in (${PROVISION_QUEUE}, ${PROVISION_DEAD_LETTER_QUEUE}) and state in ('created', 'retry', 'active')
      group by 1, 2`;
    const states: Record<string, number> = { ready: 0, deferred: 0, retry: 0, active: 0 };
    let deadLetters = 0;
    for (const row of rows) {
      if (row.name === PROVISION_QUEUE) states[row.state] = row.count;
      else deadLetters += row.count;
    }
    return { states, deadLetters };
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
