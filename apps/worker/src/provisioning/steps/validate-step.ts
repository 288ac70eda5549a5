import { RegionUnavailableError } from '@org/errors';
import { retryPresets } from '@org/retry';
import { SERVICE_TYPES } from '@org/services';
import type { Step } from '../step.js';
import { checkQuotaLimit, isRegionAvailable } from '../validation.js';

/** validate: the region has a reachable cluster and the quotas have room (checked side by side). */
export const validateStep: Step<'validate', unknown, { region: string; services: string[]; apiKeys: number }> = {
  name: 'validate',
  retry: retryPresets.database,
  async run({ payload, ctx }) {
    const projectId = payload.project_id;
    const services = SERVICE_TYPES.filter((type) => payload.services[type]);
    const [available] = await Promise.all([
      isRegionAvailable(payload.region, ctx.db),
      checkQuotaLimit(projectId, 'databases', 1, ctx.db),
      checkQuotaLimit(projectId, 'services', services.length, ctx.db),
      checkQuotaLimit(projectId, 'api_keys', payload.api_keys.count, ctx.db),
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
