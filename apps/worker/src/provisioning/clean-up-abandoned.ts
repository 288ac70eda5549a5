import { isUuid } from '@org/db';
import { ABANDONED } from '@org/operations';
import { compensate } from './compensate.js';
import { PROVISIONING } from './provisioning-steps.js';
import type { WorkerContext } from './worker-context.js';

/**
 * Cleans up after a job that failed for good without our code settling it: the worker of
 * its last attempt died (pg-boss failed the job when its heartbeat stopped), or its
 * compensation failed. The project is still `provisioning` then, with whatever was made;
 * its operation (`operationId`, the failed job's id) ends `failed` whatever the project's
 * state, so that no operation stays open after its job is gone. Checked under the
 * project's lock, so a newer run of the same project is never undone. Returns whether
 * anything was compensated.
 */
export async function cleanUpAbandonedProvisioning(
  payload: unknown,
  ctx: WorkerContext,
  operationId?: string | null,
): Promise<boolean> {
  const projectId = (payload as { project_id?: unknown } | null)?.project_id;
  if (!isUuid(projectId)) return false;
  const id = projectId.toLowerCase();
  const operation = isUuid(operationId) ? operationId.toLowerCase() : null;
  return ctx.journal.withProjectLock(id, async (lock) => {
    if ((await lock.readProvisioningStatus()) !== 'provisioning') {
      if (operation !== null) await lock.failOperation(operation, ABANDONED);
      return false;
    }
    ctx.logger.warn({ projectId: id }, 'last attempt was abandoned; compensating');
    const report = await compensate(PROVISIONING, id, ctx);
    await lock.settleCompensated({
      status: 'failed',
      reason: ABANDONED.message,
      error: ABANDONED,
      operationId: operation,
    });
    ctx.logger.info({ projectId: id, undone: report }, 'provisioning compensated');
    return true;
  });
}
