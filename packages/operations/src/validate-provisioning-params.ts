import { parseInput } from '@org/db/internal';
import { provisioningPayloadSchema, type ProvisioningPayload } from './provisioning-payload.js';

/** The contract's parameter check: the whole payload, every invalid field named at once. */
export function validateProvisioningParams(params: unknown): ProvisioningPayload {
  return parseInput(provisioningPayloadSchema, params);
}
