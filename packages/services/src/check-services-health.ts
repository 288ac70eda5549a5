import type { HealthStatus } from './adapters/service-adapter.js';
import { SERVICE_TYPES, type ServiceType } from './schema/project-services.js';
import { defaultServicesContext, type ServicesContext } from './services-context.js';

/** Asks every configured service whether it is up (for a readiness endpoint). Never throws. */
export async function checkServicesHealth(
  options: { signal?: AbortSignal } = {},
  ctx: ServicesContext = defaultServicesContext(),
): Promise<Record<ServiceType, HealthStatus>> {
  const results = await Promise.all(
    SERVICE_TYPES.map(async (type) => {
      try {
        return [type, await ctx.adapters[type].health(options.signal)] as const;
      } catch (error) {
        return [type, { ok: false, detail: error instanceof Error ? error.name : 'error' }] as const;
      }
    }),
  );
  return Object.fromEntries(results) as Record<ServiceType, HealthStatus>;
}
