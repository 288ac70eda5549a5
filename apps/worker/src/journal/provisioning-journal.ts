import {
  clientTimeouts,
  deadClientDetection,
  reconnectBackoff,
  SESSION_LIMITS,
  sessionParameters,
  type SecretBox,
  type SessionLimits,
} from '@org/db';
import postgres, { type Sql } from 'postgres';
import { JournalRun } from './journal-run.js';
import { LifecycleRun } from './lifecycle-run.js';
import { OperationStore } from '@org/operations';
import type { RunMeta } from '@org/operations';
import { leaseChecks, ProjectLock, type LeaseChecks } from './project-lock.js';
import { SeverableSockets } from './severable-sockets.js';
import { readProvisioningStatus, type ProvisioningStatusReport } from '@org/operations';
import { ResultStore } from '@org/operations';

/** How to open the journal. */
export interface ProvisioningJournalOptions {
  /** The control-plane database. */
  databaseUrl: string;
  /** Seals and opens one-time results. */
  secrets: SecretBox;
  /**
   * Connections of the journal's own pool: each running provisioning (or lifecycle operation)
   * holds one for its lock and journal writes. At least the worker's concurrency, so a run
   * never waits for a connection that other runs hold while they wait for more.
   */
  connections: number;
  /** How long a run waits for another run of the same project before `PROJECT_LOCKED`. */
  lockTimeoutMs: number;
  /**
   * How long a run holding a project may go silent before the server ends its session and
   * the project is free for another run (`PROJECT_LEASE_SECONDS`, default 25). The holder
   * gives the project up earlier, at 4/5 of it ({@link leaseChecks}).
   */
  leaseSeconds?: number;
  applicationName?: string;
}

/**
 * The worker's provisioning journal: the only reader and writer of `provisioning_steps`,
 * `provisioning_attempts` and `provisioning_results`. Its connections commit bookkeeping
 * asynchronously (`synchronous_commit = off`: a step whose record a server crash loses just
 * runs again, every step being idempotent) except the settlements, which are durable.
 */
export class ProvisioningJournal {
  readonly results: ResultStore;
  /** What callers asked for (provision, suspend, resume, delete) and how each went. */
  readonly operations: OperationStore;
  private readonly sql: Sql;
  private readonly checks: LeaseChecks;
  private readonly sockets = new SeverableSockets();

  constructor(options: ProvisioningJournalOptions) {
    const leaseSeconds = options.leaseSeconds ?? 25;
    this.checks = leaseChecks(leaseSeconds);
    // The wait for a project's lock is a statement too: its limit stays above the lock's, so
    // a busy project is PROJECT_LOCKED (55P03), not a cancelled statement.
    const limits: SessionLimits = {
      ...SESSION_LIMITS.controlPlane,
      lockTimeoutMs: Math.max(1, Math.floor(options.lockTimeoutMs)),
      statementTimeoutMs: Math.max(SESSION_LIMITS.controlPlane.statementTimeoutMs, options.lockTimeoutMs + 5_000),
    };
    this.sql = postgres(options.databaseUrl, {
      max: options.connections,
      socket: this.sockets.open,
      ...clientTimeouts(limits),
      idle_timeout: 30,
      connect_timeout: 10,
      backoff: reconnectBackoff,
      onnotice: () => {},
      connection: {
        application_name: options.applicationName ?? 'control-plane-journal',
        synchronous_commit: 'off',
        // A run's lock connection sits idle (outside a transaction) between its writes, so
        // only the server's dead-client detection ends it when its worker vanishes: the
        // project's lock is then free within about the lease's bound.
        ...sessionParameters(limits, deadClientDetection(leaseSeconds)),
      },
    });
    this.results = new ResultStore(this.sql, options.secrets);
    this.operations = new OperationStore(this.sql);
  }

  /**
   * Begins a run of a project's provisioning under its lock and lease; `signal` is the
   * queue's for the job (see {@link ProjectLock}). Release it when done.
   */
  beginRun(projectId: string, meta: RunMeta, signal?: AbortSignal): Promise<JournalRun> {
    return JournalRun.begin(this.sql, projectId, meta, {
      holder: meta.workerId,
      signal,
      checks: this.checks,
      sever: this.sever,
    });
  }

  /** Begins a run of a lifecycle operation under its project's lock and lease. Release it when done. */
  openLifecycleRun(
    projectId: string,
    operationId: string,
    attempt: number,
    taker: { holder?: string | undefined; signal?: AbortSignal | undefined } = {},
  ): Promise<LifecycleRun> {
    return LifecycleRun.open(this.sql, projectId, operationId, attempt, {
      ...taker,
      checks: this.checks,
      sever: this.sever,
    });
  }

  private readonly sever = (clientPort: number | null) => this.sockets.sever(clientPort);

  /** Runs `fn` holding the project's lock and lease (the clean-up of an abandoned run). */
  async withProjectLock<T>(projectId: string, fn: (lock: ProjectLock) => Promise<T>, holder?: string): Promise<T> {
    const lock = await ProjectLock.acquire(this.sql, projectId, { holder, checks: this.checks, sever: this.sever });
    try {
      return await fn(lock);
    } finally {
      await lock.release();
    }
  }

  /** A project's provisioning as recorded: status, steps, attempts. */
  readStatus(projectId: string): Promise<ProvisioningStatusReport | undefined> {
    return readProvisioningStatus(this.sql, projectId);
  }

  /** Resolves when the journal's pool answers a query (readiness). */
  async ping(): Promise<void> {
    await this.sql`select 1`;
  }

  close(timeoutSeconds = 5): Promise<void> {
    return this.sql.end({ timeout: timeoutSeconds });
  }
}
