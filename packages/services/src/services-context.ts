import type { DbContext } from '@org/db';
import type { ServiceAdapter } from './adapters/service-adapter.js';
import type { ServiceType } from './schema/project-services.js';

/** The database and the adapter of each service. */
export interface ServicesContext {
  db: DbContext;
  adapters: Record<ServiceType, ServiceAdapter>;
}

let defaultContext: ServicesContext | undefined;

/**
 * The context used when none is passed: the one set with {@link setDefaultServicesContext}.
 * Nothing is built from the environment behind the caller's back; without one set, this
 * throws and says what to do.
 */
export function defaultServicesContext(): ServicesContext {
  if (defaultContext === undefined) {
    throw new Error(
      'No ServicesContext: pass one ({ db, adapters }) to the function, or call setDefaultServicesContext once at start-up',
    );
  }
  return defaultContext;
}

/** Makes `context` the one the functions use by default (undefined to reset). */
export function setDefaultServicesContext(context: ServicesContext | undefined): void {
  defaultContext = context;
}
