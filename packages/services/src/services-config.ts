import { parseInput } from '@org/db/internal';
import { z } from 'zod';
import { createHttpAdminAdapter } from './adapters/http-admin-adapter.js';
import { createRecordOnlyAdapter, DEFAULT_ENDPOINT_TEMPLATE } from './adapters/record-only-adapter.js';
import type { ServiceAdapter } from './adapters/service-adapter.js';
import { SERVICE_TYPES, type ServiceType } from './schema/project-services.js';

const adapterSchema = z.discriminatedUnion('adapter', [
  z.strictObject({
    adapter: z.literal('record'),
    endpointTemplate: z.string().min(1).default(DEFAULT_ENDPOINT_TEMPLATE),
  }),
  z.strictObject({
    adapter: z.literal('http'),
    adminUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    token: z.string().min(1).optional(),
    timeoutMs: z.int().min(1).max(120_000).optional(),
  }),
]);

const recordOnly = { adapter: 'record', endpointTemplate: DEFAULT_ENDPOINT_TEMPLATE } as const;

/** Which adapter each service uses. Every service defaults to record-only. */
export const servicesConfigSchema = z.strictObject({
  auth: adapterSchema.default(recordOnly),
  realtime: adapterSchema.default(recordOnly),
  storage: adapterSchema.default(recordOnly),
});

export type ServicesConfig = z.output<typeof servicesConfigSchema>;
export type ServicesConfigInput = z.input<typeof servicesConfigSchema>;

/** Validates a services configuration (e.g. the JSON in `SERVICES_CONFIG`), naming every bad field. */
export function parseServicesConfig(input: unknown = {}): ServicesConfig {
  return parseInput(servicesConfigSchema, input);
}

/** One adapter per service type, built from a validated configuration. */
export function createServiceAdapters(config: ServicesConfig): Record<ServiceType, ServiceAdapter> {
  const build = (entry: ServicesConfig[ServiceType]): ServiceAdapter =>
    entry.adapter === 'record'
      ? createRecordOnlyAdapter({ endpointTemplate: entry.endpointTemplate })
      : createHttpAdminAdapter({
          adminUrl: entry.adminUrl,
          ...(entry.token === undefined ? {} : { token: entry.token }),
          ...(entry.timeoutMs === undefined ? {} : { timeoutMs: entry.timeoutMs }),
        });
  return Object.fromEntries(SERVICE_TYPES.map((type) => [type, build(config[type])])) as Record<
    ServiceType,
    ServiceAdapter
  >;
}
