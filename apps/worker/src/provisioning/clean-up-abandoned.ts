import { getProject, isUuid } from '@org/db';
import { compensateProvisioning } from './compensate-provisioning.js';
import { withProjectLock } from './with-project-lock.js';
import type { WorkerContext } from './worker-context.js';

/**
 * Cleans up after a job that failed for good without our code seeing it: the worker of
 * its last attempt died, and pg-boss failed the job when its heartbeat stopped. The project
 * is still `provisioning` then, with whatever the dead attempt made. Checked under the
 * project's lock, so a newer run of the same project is never undone.
 * Returns whether anything was compensated.
 */
export async function cleanUpAbandonedProvisioning(payload: unknown, ctx: WorkerContext): Promise<boolean> {
  const projectId = (payload as { project_id?: unknown } | null)?.project_id;
  if (!isUuid(projectId)) return false;
  const id = projectId.toLowerCase();
  return withProjectLock(id, ctx, async () => {
    const project = await getProject(id, ctx.db);
    if (project?.provisioningStatus !== 'provisioning') return false;
    ctx.logger.warn({ projectId: id }, 'last attempt was abandoned; compensating');
    await compensateProvisioning(id, ctx, {
      reason: 'ABANDONED: the last attempt did not finish (its worker was lost)',
      locked: true,
    });
    return true;
  });
}
