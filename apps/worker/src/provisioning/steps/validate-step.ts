import { getProjectApiKeys } from '@org/api-keys';
import { listProjectResources, tenantDatabaseName } from '@org/db';
import { RegionUnavailableError } from '@org/errors';
import { SERVICE_TYPES } from '@org/services';
import type { Step } from '../step.js';
import { checkQuotaLimit, isRegionAvailable } from '../validation.js';
import { PROVISIONING_KEY_CREATOR } from './api-keys-step.js';

/** validate: the region has a reachable cluster and the quotas have room (checked side by side). */
export const validateStep: Step<'validate', unknown, { region: string; services: string[]; apiKeys: number }> = {
  name: 'validate',
  retry: 'controlPlane',
  async run({ payload, ctx, mayHaveRunBefore }) {
    const projectId = payload.project_id;
    const services = SERVICE_TYPES.filter((type) => payload.services[type]);
    // What an earlier try of this provisioning made is reused (its database, its services)
    // or replaced (its keys) by this one: it does not count against the quota again. This
    // step runs again when its record did not survive (a server restart); a first try has
    // made nothing yet.
    const [ownDatabases, ownServices, ownKeys] = mayHaveRunBefore
      ? await Promise.all([
          listProjectResources(projectId, 'databases', ctx.db),
          listProjectResources(projectId, 'services', ctx.db),
          getProjectApiKeys(projectId, {}, ctx.db),
        ])
      : [[], [], []];
    const [available] = await Promise.all([
      isRegionAvailable(payload.region, ctx.db),
      checkQuotaLimit(projectId, 'databases', 1, ctx.db, {
        replacing: ownDatabases.filter((r) => r.resourceId === tenantDatabaseName(projectId)).length,
      }),
      checkQuotaLimit(projectId, 'services', services.length, ctx.db, {
        replacing: ownServices.filter((r) => (services as string[]).includes(r.resourceId)).length,
      }),
      checkQuotaLimit(projectId, 'api_keys', payload.api_keys.count, ctx.db, {
        replacing: ownKeys.filter((key) => key.isActive && key.createdBy === PROVISIONING_KEY_CREATOR).length,
      }),
    ]);
    if (!available) {
      throw new RegionUnavailableError(payload.region, {
        retryable: true,
        message: `No reachable cluster in ${payload.region}`,
      });
    }
    return { region: payload.region, services, apiKeys: payload.api_keys.count };
  },
};
