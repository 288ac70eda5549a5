import { projects, type DbContext, type ProvisioningStatus } from '@org/db';
import { eq, sql } from 'drizzle-orm';

/**
 * The contract's progress tracking: the project's provisioning status, current step and
 * last error, set outside any run (the runs' own statements set them as they go). For
 * callers of the contract's function; the worker itself never calls it.
 */
export async function updateProjectProvisioningStatus(
  projectId: string,
  status: ProvisioningStatus,
  details: { step?: string | null; error?: string | null } = {},
  ctx: DbContext,
): Promise<void> {
  await ctx.client.db
    .update(projects)
    .set({
      provisioningStatus: status,
      ...(details.step === undefined ? {} : { provisioningStep: details.step }),
      ...(details.error === undefined ? {} : { provisioningError: details.error }),
      ...(status === 'provisioned' ? { provisionedAt: sql`now()` } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(projects.id, projectId));
}
