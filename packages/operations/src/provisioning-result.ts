import type { SerializedError } from '@org/errors';
import type { ServiceType } from '@org/services';

/** What a successful provisioning hands the caller, once. Holds secrets: never log it. */
export interface ProvisioningData {
  database: {
    name: string;
    host: string;
    port: number;
    user: string;
    password: string;
    connection_string: string;
    region: string;
    cluster: string;
  };
  services: Partial<Record<ServiceType, { service_id: string; endpoint: string | null; status: string }>>;
  api_keys: { id: string; key: string; name: string; prefix: string; start: string; scopes: string[] }[];
  metadata: {
    project_id: string;
    region: string;
    provisioned_at: string;
    attempt: number;
    duration_ms: number;
    steps: string[];
  };
}

/**
 * Why a provisioning failed: `serializeError`'s shape (codes, our messages, field names,
 * never secrets) and the step that failed. Code `RESULT_UNAVAILABLE` is not a failure of
 * the provisioning: the project is provisioned (by an earlier attempt of the same job whose
 * worker was lost), but its one-time result was already claimed or has expired.
 */
export interface ProvisioningFailure extends SerializedError {
  step?: string;
}

/** The contract's result shape. */
export type ProvisioningResult =
  { success: true; data: ProvisioningData } | { success: false; error: ProvisioningFailure };
