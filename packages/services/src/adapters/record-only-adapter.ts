import type { ServiceAdapter } from './service-adapter.js';

/** Configuration of the record-only adapter. */
export interface RecordOnlyAdapterOptions {
  /**
   * The client endpoint, with `{projectId}`, `{region}` and `{service}` filled in, e.g.
   * `https://{projectId}.{service}.{region}.platform.internal`.
   */
  endpointTemplate: string;
}

export const DEFAULT_ENDPOINT_TEMPLATE = 'https://{projectId}.{service}.{region}.platform.internal';

/**
 * The contract's behaviour: nothing is called; the registration is only recorded, with an
 * endpoint derived from the region's URL template. Useful where the services discover
 * projects from the control-plane tables themselves.
 */
export function createRecordOnlyAdapter(
  options: RecordOnlyAdapterOptions = { endpointTemplate: DEFAULT_ENDPOINT_TEMPLATE },
): ServiceAdapter {
  return {
    kind: 'record',
    register: ({ projectId, region, serviceType }) =>
      Promise.resolve({
        serviceId: `${serviceType}_${projectId.replaceAll('-', '')}`,
        endpoint: options.endpointTemplate
          .replaceAll('{projectId}', projectId)
          .replaceAll('{region}', region)
          .replaceAll('{service}', serviceType),
      }),
    disable: () => Promise.resolve(),
    health: () => Promise.resolve({ ok: true, detail: 'record-only' }),
  };
}
