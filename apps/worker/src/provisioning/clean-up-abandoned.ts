import { isUuid } from '@org/db';
import { compensate } from './compensate.js';
import type { WorkerContext } from './worker-context.js';

/**
 * Cleans up after a job that failed for good without our code settling it: the worker of
 * its last attempt died (pg-boss failed the job when its heartbeat stopped), or its
 * compensation failed. The project is still `provisioning` then, with whatever was made.
 * Checked under the project's lock, so a newer run of the same project is never undone.
 * Returns whether anything was compensated.
 */
export async function cleanUpAbandonedProvisioning(payload: unknown, ctx: WorkerContext): Promise<boolean> {
  const projectId = (payload as { project_id?: unknown } | null)?.project_id;
  if (!isUuid(projectId)) return false;
  const id = projectId.toLowerCase();
  return ctx.journal.withProjectLock(id, async (lock) => {
    if ((await lock.readProvisioningStatus()) !== 'provisioning') return false;
    ctx.logger.warn({ projectId: id }, 'last attempt was abandoned; compensating');
    const report = await compensate(id, ctx);
    await lock.settleCompensated({
      status: 'failed',
      reason: 'ABANDONED: the last attempt did not finish (its worker was lost)',
    });
    ctx.logger.info({ projectId: id, undone: report }, 'provisioning compensated');
    return true;
  });
}
