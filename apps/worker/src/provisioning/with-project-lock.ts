import { ProvisioningError } from '@org/errors';
import type { WorkerContext } from './worker-context.js';

/**
 * Runs `fn` holding the project's advisory lock, so two runs (or a run and a
 * deprovisioning) of one project never overlap, on any number of worker machines. The lock
 * lives on a reserved connection: if the process dies, PostgreSQL releases it. Waiting
 * longer than `lockTimeoutMs` is a retryable `PROJECT_LOCKED` error.
 */
export async function withProjectLock<T>(projectId: string, ctx: WorkerContext, fn: () => Promise<T>): Promise<T> {
  const connection = await ctx.db.client.sql.reserve();
  const key = `provision:${projectId}`;
  try {
    try {
      await connection.unsafe(`set lock_timeout = ${Math.max(1, Math.floor(ctx.lockTimeoutMs))}`);
      await connection`select pg_advisory_lock(hashtextextended(${key}, 0))`;
    } catch (error) {
      if ((error as { code?: unknown }).code === '55P03') {
        throw new ProvisioningError('PROJECT_LOCKED', `Project ${projectId} is being provisioned by another run`, {
          retryable: true,
          context: { projectId },
        });
      }
      throw error;
    } finally {
      await connection.unsafe('reset lock_timeout').catch(() => undefined);
    }
    try {
      return await fn();
    } finally {
      await connection`select pg_advisory_unlock(hashtextextended(${key}, 0))`.catch(() => undefined);
    }
  } finally {
    connection.release();
  }
}
