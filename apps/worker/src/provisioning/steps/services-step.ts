import { withRetryParallel } from '@org/retry';
import { disableService, getProjectServices, registerService, SERVICE_TYPES, type ServiceType } from '@org/services';
import type { Step } from '../step.js';

/** What each registered service answered. */
export type ServicesOutput = Partial<Record<ServiceType, { serviceId: string; endpoint: string | null }>>;

/**
 * services: every requested service, registered in parallel. Each registration is retried
 * on its own with the step's policy (the services preset: 2 attempts), and the HTTP
 * adapter does not retry under it: a service sees at most 2 calls per job attempt. A
 * registration needs nothing of the tenant database, so the step runs beside it.
 */
export const servicesStep: Step<'services', unknown, ServicesOutput> = {
  name: 'services',
  retry: 'services',
  retryEach: true,
  checkpoints: SERVICE_TYPES.map((type) => `registered:${type}`),
  async run({ payload, ctx, retry, signal, checkpoint }) {
    const wanted = SERVICE_TYPES.filter((type) => payload.services[type]);
    const operations = Object.fromEntries(
      wanted.map((type) => [
        type,
        async () => {
          const row = await registerService(
            type,
            { projectId: payload.project_id, region: payload.region },
            { signal },
            ctx.services,
          );
          await checkpoint(`registered:${type}`);
          return { serviceId: row.serviceId, endpoint: row.endpoint };
        },
      ]),
    );
    return withRetryParallel(operations, { ...retry, signal });
  },
  async undo(projectId, ctx) {
    const recorded = new Map((await getProjectServices(projectId, ctx.services)).map((row) => [row.serviceType, row]));
    let disabled = 0;
    for (const type of SERVICE_TYPES) {
      const row = recorded.get(type);
      if (row === undefined) {
        // A run that died between a service's answer and its row left a registration we
        // never recorded: tell the service anyway (disable is idempotent; 404 is done).
        await ctx.services.adapters[type].disable({ projectId, serviceType: type });
      } else if (row.status !== 'disabled') {
        await disableService(projectId, type, {}, ctx.services);
        disabled++;
      }
    }
    return disabled;
  },
};
