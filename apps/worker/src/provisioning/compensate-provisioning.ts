import { getProjectApiKeys, revokeApiKey } from '@org/api-keys';
import {
  dropTenantDatabase,
  listProjectResources,
  provisioningResults,
  provisioningSteps,
  tenantDatabaseName,
} from '@org/db';
import { retryPresets, withRetry, type RetryConfig } from '@org/retry';
import { disableService, getProjectServices } from '@org/services';
import { eq } from 'drizzle-orm';
import { scaleRetryDelays } from './scale-retry-delays.js';
import { updateProjectProvisioningStatus } from './validation.js';
import { withProjectLock } from './with-project-lock.js';
import type { WorkerContext } from './worker-context.js';

export interface CompensationOptions {
  /** Recorded on the project as its provisioning error. */
  reason: string;
  /** `failed` after a final failure (default), `deprovisioned` when torn down on purpose. */
  finalStatus?: 'failed' | 'deprovisioned';
  /** The caller already holds the project's lock. */
  locked?: boolean;
}

/** What compensation removed. */
export interface CompensationReport {
  revokedKeys: number;
  disabledServices: number;
  droppedDatabases: number;
}

/**
 * Undoes a provisioning in reverse order: revoke the keys, disable the services, drop the
 * tenant database and its role; forget the steps and any unclaimed result. The project
 * ends `failed` (or `deprovisioned`) with the reason, and `project_resources` holds nothing
 * of it. Idempotent: running it again finds nothing left and changes nothing.
 */
export async function compensateProvisioning(
  projectId: string,
  ctx: WorkerContext,
  options: CompensationOptions,
): Promise<CompensationReport> {
  const work = async (): Promise<CompensationReport> => {
    const retry = (preset: RetryConfig): RetryConfig => scaleRetryDelays(preset, ctx.retryDelayScale);
    const report: CompensationReport = { revokedKeys: 0, disabledServices: 0, droppedDatabases: 0 };
    await updateProjectProvisioningStatus(
      projectId,
      options.finalStatus === 'deprovisioned' ? 'deprovisioning' : 'provisioning',
      {},
      ctx.db,
    );

    for (const key of await getProjectApiKeys(projectId, {}, ctx.db)) {
      await withRetry(() => revokeApiKey(key.id, ctx.db), retry(retryPresets.apiKeys), 'revoke api key');
      report.revokedKeys++;
    }
    for (const service of await getProjectServices(projectId, ctx.services)) {
      if (service.status === 'disabled') continue;
      await withRetry(
        () => disableService(projectId, service.serviceType, {}, ctx.services),
        retry(retryPresets.services),
        `disable ${service.serviceType}`,
      );
      report.disabledServices++;
    }
    // The name is derived from the project id, so a database is dropped even if its record
    // was somehow lost; recorded ones are dropped where they live.
    const names = new Set([
      tenantDatabaseName(projectId),
      ...(await listProjectResources(projectId, 'databases', ctx.db)).map((r) => r.resourceId),
    ]);
    for (const name of names) {
      await withRetry(() => dropTenantDatabase(name, ctx.db), retry(retryPresets.database), 'drop tenant database');
      report.droppedDatabases++;
    }
    await ctx.db.client.db.delete(provisioningSteps).where(eq(provisioningSteps.projectId, projectId));
    await ctx.db.client.db.delete(provisioningResults).where(eq(provisioningResults.projectId, projectId));
    await updateProjectProvisioningStatus(
      projectId,
      options.finalStatus ?? 'failed',
      { step: null, error: options.reason.slice(0, 1000) },
      ctx.db,
    );
    ctx.logger.info({ projectId, ...report, status: options.finalStatus ?? 'failed' }, 'provisioning compensated');
    return report;
  };
  return options.locked ? work() : withProjectLock(projectId, ctx, work);
}

/** Tears a project down on purpose (CLI `deprovision`): the same steps, ending `deprovisioned`. */
export function deprovisionProject(projectId: string, ctx: WorkerContext): Promise<CompensationReport> {
  return compensateProvisioning(projectId, ctx, { reason: 'deprovisioned on request', finalStatus: 'deprovisioned' });
}
