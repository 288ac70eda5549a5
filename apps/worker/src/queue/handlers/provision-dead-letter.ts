import type { JobWithMetadata } from 'pg-boss';
import { cleanUpAbandonedProvisioning } from '../../provisioning/clean-up-abandoned.js';
import type { ProvisioningPayloadInput } from '@org/operations';
import type { WorkerContext } from '../../provisioning/worker-context.js';

/**
 * `provision_project_dead`'s handler: a provisioning job that failed for good without our
 * code settling it is cleaned up. The metadata carries the failed job's id (`sourceId`),
 * which is its operation's.
 */
export async function handleProvisionDeadLetters(
  jobs: JobWithMetadata<ProvisioningPayloadInput>[],
  ctx: WorkerContext,
): Promise<void> {
  for (const job of jobs) await cleanUpAbandonedProvisioning(job.data, ctx, job.sourceId);
}
