import { defaultDbContext, type DbContext } from '@org/db';
import type { ServiceAdapter } from './adapters/service-adapter.js';
import type { ServiceType } from './schema/project-services.js';
import { createServiceAdapters, parseServicesConfig } from './services-config.js';

/** The database and the adapter of each service. */
export interface ServicesContext {
  db: DbContext;
  adapters: Record<ServiceType, ServiceAdapter>;
}

let defaultContext: ServicesContext | undefined;

/**
 * The context used when none is passed: set with {@link setDefaultServicesContext}, or
 * `@org/db`'s default context with adapters from `SERVICES_CONFIG` (JSON; record-only
 * for every service when unset).
 */
export function defaultServicesContext(): ServicesContext {
  defaultContext ??= {
    db: defaultDbContext(),
    adapters: createServiceAdapters(parseServicesConfig(JSON.parse(process.env['SERVICES_CONFIG'] ?? '{}'))),
  };
  return defaultContext;
}

export function setDefaultServicesContext(context: ServicesContext | undefined): void {
  defaultContext = context;
}
