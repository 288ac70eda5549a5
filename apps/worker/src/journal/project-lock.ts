import { projectLockKey } from '@org/db';
import { ProjectLockedError, type SerializedError } from '@org/errors';
import type { ReservedSql, Sql } from 'postgres';
import { failOpenOperation } from '@org/operations';
import { settleCompensated, type CompensatedSettlement } from '@org/operations';

/**
 * The project's advisory lock, held on a journal connection of its own: two runs (or a
 * run and the clean-up of an abandoned one) of one project never overlap, on any number
 * of machines, and a dead process's lock goes with its connection. Journal writes of the
 * holder (the statements of `transitions/`) go over the same connection. Waiting longer than the journal's lock timeout is a `ProjectLockedError`.
 */
export class ProjectLock {
  protected constructor(
    protected readonly connection: ReservedSql,
    readonly projectId: string,
  ) {}

  /** Reserves a journal connection and takes the lock on it. */
  protected static async reserveLocked(sql: Sql, projectId: string): Promise<ReservedSql> {
    const connection = await sql.reserve();
    try {
      await connection`select pg_advisory_lock(hashtextextended(${projectLockKey(projectId)}, 0))`;
      return connection;
    } catch (error) {
      connection.release();
      if ((error as { code?: unknown }).code === '55P03') throw new ProjectLockedError(projectId, { cause: error });
      throw error;
    }
  }

  static async acquire(sql: Sql, projectId: string): Promise<ProjectLock> {
    return new ProjectLock(await ProjectLock.reserveLocked(sql, projectId), projectId);
  }

  /** The project's provisioning status, read under the lock (undefined: no such project). */
  async readProvisioningStatus(): Promise<string | undefined> {
    const [row] = await this.connection<{ status: string }[]>`
      select provisioning_status as status from control_plane.projects where id = ${this.projectId}`;
    return row?.status;
  }

  /** See {@link settleCompensated}. */
  settleCompensated(settlement: CompensatedSettlement): Promise<void> {
    return settleCompensated(this.connection, this.projectId, settlement);
  }

  /** See {@link failOpenOperation}. */
  failOperation(operationId: string, error: SerializedError): Promise<void> {
    return failOpenOperation(this.connection, operationId, error);
  }

  /** Releases the lock and the connection. Never throws: a lost connection released it already. */
  async release(): Promise<void> {
    await this.connection`select pg_advisory_unlock(hashtextextended(${projectLockKey(this.projectId)}, 0))`.catch(
      () => undefined,
    );
    this.connection.release();
  }
}
