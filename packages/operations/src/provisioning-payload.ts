import { API_KEY_PREFIX_RULE, isValidApiKeyPrefix, MAX_ACTIVE_API_KEYS } from '@org/api-keys';
import { REGIONS } from '@org/db';
import { z } from 'zod';

const identifier = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]*$/, 'letters, digits and . _ : @ - only');

/**
 * The contract's `provision_project` payload. Strict: an unknown key (`__proto__` included) is
 * an error, so nothing unexpected reaches the database or the job table.
 */
export const provisioningPayloadSchema = z.strictObject({
  project_id: z.uuid({ error: 'must be a UUID' }),
  region: z.enum(REGIONS, { error: `must be one of ${REGIONS.join(', ')}` }),
  services: z
    .strictObject({
      auth: z.boolean().default(true),
      realtime: z.boolean().default(true),
      storage: z.boolean().default(true),
    })
    .default({ auth: true, realtime: true, storage: true }),
  api_keys: z
    .strictObject({
      count: z.int().min(1).max(MAX_ACTIVE_API_KEYS).default(2),
      prefix: z.string().refine(isValidApiKeyPrefix, API_KEY_PREFIX_RULE).default('pk'),
    })
    .default({ count: 2, prefix: 'pk' }),
  owner_id: identifier,
  organization_id: identifier,
  /**
   * A branch: the database starts as a copy of this project's (its current database, or one
   * of its snapshots), on its cluster, with a role, password and keys of its own. The source
   * is not changed (its sessions are interrupted for the copy when it is copied live).
   */
  from: z
    .strictObject({
      project_id: z.uuid({ error: 'must be a UUID' }),
      snapshot_id: z.uuid({ error: 'must be a UUID' }).optional(),
    })
    .optional(),
});

export type ProvisioningPayload = z.output<typeof provisioningPayloadSchema>;
export type ProvisioningPayloadInput = z.input<typeof provisioningPayloadSchema>;
