import type { JobResult, JobWithMetadata } from 'pg-boss';
import { provisionProject } from '../../provisioning/provision-project.js';
import type { ProvisioningPayloadInput } from '@org/operations';
import type { WorkerContext } from '../../provisioning/worker-context.js';

/**
 * `provision_project`'s handler: one run of the job's provisioning, whose settlement decides
 * the job's fate: done, retry later, or fail for good now ('deadletter').
 */
export async function handleProvisionJob(
  job: JobWithMetadata<ProvisioningPayloadInput>,
  ctx: WorkerContext,
  workerId: string,
): Promise<JobResult> {
  ctx.metrics?.jobsInFlight.inc();
  const outcome = await provisionProject(job.data, ctx, {
    attempt: job.retryCount + 1,
    jobId: job.id,
    finalAttempt: job.retryCount >= job.retryLimit,
    workerId,
    signal: job.signal,
  }).finally(() => ctx.metrics?.jobsInFlight.dec());
  return { id: job.id, status: outcome.job.state, output: outcome.job.output };
}
