import { refillTenantPool } from '@org/db';
import { serializeError } from '@org/errors';
import type { Job } from 'pg-boss';
import type { WorkerContext } from '../../provisioning/worker-context.js';

/**
 * `tenant_pool_refill`'s handler: refills each job's cluster's warm pool to `size`. A failed
 * refill throws, and the job is retried (5 times, 10 s apart); meanwhile provisionings copy
 * the template.
 */
export async function handlePoolRefillJobs(
  jobs: Job<{ cluster: string }>[],
  ctx: WorkerContext,
  size: number,
): Promise<void> {
  for (const { data } of jobs) {
    const refill = await refillTenantPool(data.cluster, size, ctx.db, {
      checkpoint: (name) => ctx.onCheckpoint?.(name, ''),
    }).catch((error: unknown) => {
      ctx.logger.warn({ cluster: data.cluster, error: serializeError(error) }, 'tenant pool refill failed');
      throw error;
    });
    if (!refill.refilled) continue; // another process is refilling this cluster
    ctx.metrics?.poolRefillDuration.observe({ cluster: data.cluster }, refill.durationMs / 1000);
    if (refill.created > 0 || refill.dropped > 0) ctx.logger.info(refill, 'tenant pool refilled');
  }
}
