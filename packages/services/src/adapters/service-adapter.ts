import type { ServiceType } from '../schema/project-services.js';

/** What a service is told when a project is registered. */
export interface RegisterRequest {
  projectId: string;
  region: string;
  serviceType: ServiceType;
  config: Record<string, unknown>;
  signal?: AbortSignal;
}

/** What a service answers: its id for the project and where clients reach it. */
export interface Registration {
  serviceId: string;
  endpoint: string;
}

export interface DisableRequest {
  projectId: string;
  serviceType: ServiceType;
  /** The service's id for the project; unknown when no registration was recorded. */
  serviceId?: string;
  signal?: AbortSignal;
}

export interface HealthStatus {
  ok: boolean;
  /** Short, secret-free: a status code or error code. */
  detail: string;
}

/**
 * How the control plane talks to one service. Implementations must be idempotent: the same
 * register or disable may be sent again after a crash or a retry.
 */
export interface ServiceAdapter {
  readonly kind: string;
  register(request: RegisterRequest): Promise<Registration>;
  disable(request: DisableRequest): Promise<void>;
  health(signal?: AbortSignal): Promise<HealthStatus>;
}
