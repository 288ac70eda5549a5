import { projectLockKey } from '@org/db';
import { LeaseLostError, ProjectLockedError, type SerializedError } from '@org/errors';
import type { ReservedSql, Sql } from 'postgres';
import {
  failOpenOperation,
  leaseLostOr,
  settleCompensated,
  takeProjectLease,
  type CompensatedSettlement,
  type ProjectLease,
  type TakenLease,
} from '@org/operations';

/** How the holder watches its own hold: a check this often, given this long to answer. */
export interface LeaseChecks {
  intervalMs: number;
  deadlineMs: number;
}

/**
 * The holder's checks for a lease the server gives up after `leaseSeconds` of silence: one
 * every fifth of it, lost when unanswered for three fifths. So the holder stops (at 4/5 of
 * the bound at most) before the server frees the lock for another run.
 */
export function leaseChecks(leaseSeconds: number): LeaseChecks {
  return { intervalMs: leaseSeconds * 200, deadlineMs: leaseSeconds * 600 };
}

/** Who takes a project, and what else may take it away from the run. */
export interface TakeOptions {
  /** Recorded as the lease's holder: the worker's id. */
  holder?: string | undefined;
  /** The queue's signal for the job (pg-boss aborts it when the job is no longer this worker's). */
  signal?: AbortSignal | undefined;
  checks: LeaseChecks;
  /** Cuts a connection's socket loose by its client port (see `SeverableSockets`). */
  sever?: ((clientPort: number | null) => void) | undefined;
}

/**
 * A run's hold on its project: the project's advisory lock, on a journal connection of its
 * own, and the lease's generation taken with it. Two runs (or a run and the clean-up of an
 * abandoned one) of one project never overlap, on any number of machines; a dead or cut-off
 * process's lock goes with its session (the server's dead-client detection: the lease's
 * bound, 25 s by default).
 * Every journal write of the holder (the statements of `transitions/`) goes over the same
 * connection and carries the generation, so a write after another run took the project is
 * refused by the database ({@link LeaseLostError}).
 *
 * `signal` is aborted when the run loses the project: a write refused, its connection
 * failing or not answering a check within its deadline, or the job's own signal. The run's
 * steps stop at their next await point and nothing more is written. Waiting longer than the
 * journal's lock timeout for the project is a `ProjectLockedError`.
 */
export class ProjectLock {
  private readonly lost = new AbortController();
  private readonly watchdog: NodeJS.Timeout;
  private readonly deadlineMs: number;
  readonly signal: AbortSignal = this.lost.signal;
  readonly projectId: string;
  readonly lease: ProjectLease;
  private readonly sever: () => void;
  private severed = false;

  protected constructor(
    protected readonly connection: ReservedSql,
    taken: TakenLease,
    options: TakeOptions,
  ) {
    this.lease = { projectId: taken.projectId, generation: taken.generation };
    this.projectId = taken.projectId;
    this.sever = () => options.sever?.(taken.clientPort);
    const jobSignal = options.signal;
    if (jobSignal?.aborted) this.lose('the queue took its job away');
    jobSignal?.addEventListener('abort', () => this.lose('the queue took its job away'), { once: true });
    this.deadlineMs = options.checks.deadlineMs;
    this.watchdog = this.watch(options.checks);
  }

  /** Reserves a journal connection and takes the project's lock and lease on it. */
  protected static async take(sql: Sql, projectId: string, holder: string | undefined) {
    const connection = await sql.reserve();
    try {
      return { connection, lease: await takeProjectLease(connection, projectId, holder ?? null) };
    } catch (error) {
      connection.release();
      if ((error as { code?: unknown }).code === '55P03') throw new ProjectLockedError(projectId, { cause: error });
      throw error;
    }
  }

  static async acquire(sql: Sql, projectId: string, options: TakeOptions): Promise<ProjectLock> {
    const { connection, lease } = await ProjectLock.take(sql, projectId, options.holder);
    return new ProjectLock(connection, lease, options);
  }

  /** The project's provisioning status, read under the lock (undefined: no such project). */
  async readProvisioningStatus(): Promise<string | undefined> {
    const [row] = await this.fenced(
      this.connection<{ status: string }[]>`
        select provisioning_status as status from control_plane.projects where id = ${this.projectId}`,
    );
    return row?.status;
  }

  /** See {@link settleCompensated}. */
  settleCompensated(settlement: CompensatedSettlement): Promise<void> {
    return this.fenced(settleCompensated(this.connection, this.lease, settlement));
  }

  /** See {@link failOpenOperation}. */
  failOperation(operationId: string, error: SerializedError): Promise<void> {
    return this.fenced(failOpenOperation(this.connection, this.lease, operationId, error));
  }

  /**
   * Waits for a statement of the holder, checked first: nothing is sent once the project is
   * lost. A refusal by the lease's fence loses the project ({@link signal}); any failure
   * once it is lost is a `LeaseLostError`.
   */
  protected async fenced<T>(statement: PromiseLike<T>): Promise<T> {
    this.signal.throwIfAborted();
    try {
      return await statement;
    } catch (error) {
      // Lost while it waited (a refused write, a session severed under it): the loss is the error.
      const mapped: unknown = this.signal.aborted ? this.signal.reason : leaseLostOr(error, this.projectId);
      if (LeaseLostError.is(mapped)) this.lose(mapped);
      throw mapped;
    }
  }

  /** Gives the project up for this run (idempotent): `signal` aborts with the reason. */
  protected lose(reason: string | LeaseLostError): void {
    if (this.lost.signal.aborted) return;
    clearInterval(this.watchdog);
    this.lost.abort(typeof reason === 'string' ? new LeaseLostError(this.projectId, reason) : reason);
  }

  // A session can only lose its lock by ending; a cut-off one ends on the server after the
  // lease's bound, while its client may not hear of it for minutes. So the holder asks its
  // own connection, and gives up before the server does.
  private watch({ intervalMs, deadlineMs }: LeaseChecks): NodeJS.Timeout {
    let checking = false;
    const timer = setInterval(() => {
      if (checking) return;
      checking = true;
      const deadline = setTimeout(
        () => this.giveUp(`its lock's session did not answer within ${deadlineMs / 1000} s`),
        deadlineMs,
      );
      this.connection`select 1`
        .then(
          () => undefined,
          (error: unknown) =>
            this.giveUp(new LeaseLostError(this.projectId, "its lock's session failed", { cause: error })),
        )
        .finally(() => {
          clearTimeout(deadline);
          checking = false;
        });
    }, intervalMs);
    timer.unref();
    return timer;
  }

  // Gives the project up and severs the lock's session: postgres.js would cancel a late
  // query by asking the server, which a cut-off one never answers, and the writes waiting
  // on the connection would wait for TCP's retransmissions (minutes) instead of failing now.
  private giveUp(reason: string | LeaseLostError): void {
    this.lose(reason);
    this.severed = true;
    this.sever();
  }

  /**
   * Releases the lock and the connection. Never throws: a lost connection released it
   * already. Bounded like a check: an unlock unanswered by the deadline severs the session.
   */
  async release(): Promise<void> {
    clearInterval(this.watchdog);
    if (!this.severed) {
      const unanswered = setTimeout(() => this.giveUp('its lock’s session did not answer the unlock'), this.deadlineMs);
      await this.connection`select pg_advisory_unlock(hashtextextended(${projectLockKey(this.projectId)}, 0))`.catch(
        () => undefined,
      );
      clearTimeout(unanswered);
    }
    this.connection.release();
  }
}
