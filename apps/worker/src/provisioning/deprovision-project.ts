import { compensate, type CompensationReport } from './compensate.js';
import type { WorkerContext } from './worker-context.js';

/**
 * Tears a project down on purpose (CLI `deprovision`): every step's undo under the
 * project's lock, so it never overlaps a provisioning; the project ends `deprovisioned`.
 * Idempotent: a second call removes nothing and says so (every count 0).
 */
export function deprovisionProject(projectId: string, ctx: WorkerContext): Promise<CompensationReport> {
  return ctx.journal.withProjectLock(projectId, async (lock) => {
    await lock.markDeprovisioning();
    const report = await compensate(projectId, ctx);
    await lock.settleCompensated({ status: 'deprovisioned', reason: null });
    ctx.logger.info({ projectId, undone: report }, 'project deprovisioned');
    return report;
  });
}
