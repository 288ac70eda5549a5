import { PROVISIONING_STATUSES } from '@org/db';
import { provisioningPayloadSchema } from '@org/operations';
import { z } from 'zod';
import { operationSchema } from './operation-schemas.js';
import { page, pageQuery, text, timestamp } from './common-schemas.js';
import { PROJECT_STATES } from './project-states.js';

const payload = provisioningPayloadSchema.shape;

export const createProjectBody = z
  .strictObject({
    name: text(200).min(1),
    region: payload.region,
    organization_id: payload.organization_id.optional().meta({
      description: 'Required for a token of every organization; a token of one organization may omit it',
    }),
    owner_id: payload.owner_id,
    services: payload.services,
    api_keys: payload.api_keys,
  })
  .meta({ id: 'CreateProject' });

export const projectSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    organization_id: z.string(),
    owner_id: z.string(),
    region: z.string(),
    status: z.enum(PROJECT_STATES),
    provisioning_status: z.enum(PROVISIONING_STATUSES),
    cluster: z.string().nullable().meta({ description: 'The tenant cluster its database lives on, once it has one' }),
    last_error: z.string().nullable().meta({ description: 'Why its last provisioning failed: a code and message' }),
    created_at: timestamp,
    updated_at: timestamp,
    provisioned_at: timestamp.nullable(),
    resources: z.object({
      database: z.object({ name: z.string(), cluster: z.string(), status: z.string() }).nullable(),
      services: z.array(
        z.object({
          type: z.enum(['auth', 'realtime', 'storage']),
          service_id: z
            .string()
            .nullable()
            .meta({ description: 'The service’s own id for the project; null while no registration succeeded' }),
          status: z.enum(['active', 'disabled', 'error']),
        }),
      ),
      api_keys: z.object({ active: z.int() }),
    }),
  })
  .meta({ id: 'Project' });

export const projectPage = page(projectSchema, 'ProjectPage');

export const projectQuery = z.strictObject({
  ...pageQuery,
  organization_id: payload.organization_id.optional(),
  status: z.enum(PROJECT_STATES).optional(),
  region: payload.region.optional(),
  cluster: z.string().max(63).optional().meta({ description: 'The tenant cluster its database lives on' }),
  q: z.string().max(200).optional().meta({ description: 'Part of the name or id, case-insensitive' }),
  failed_code: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be an error code')
    .optional()
    .meta({
      description:
        'Only projects with a provisioning attempt that failed with this code in the last 24 hours (a `code` of the overview’s `failures_by_code`)',
    }),
});

/** A project with the operation just started on it (202), or the current one. */
export const projectOperationSchema = z
  .object({ project: projectSchema, operation: operationSchema })
  .meta({ id: 'ProjectOperation' });

/** The one-time result of a provisioning: its secrets, shown once. */
export const provisioningResultSchema = z
  .object({
    project_id: z.uuid(),
    database: z.object({
      name: z.string(),
      host: z.string(),
      port: z.int(),
      user: z.string(),
      password: z.string(),
      connection_string: z.string(),
      region: z.string(),
      cluster: z.string(),
    }),
    services: z.partialRecord(
      z.enum(['auth', 'realtime', 'storage']),
      z.object({ service_id: z.string(), endpoint: z.string().nullable(), status: z.string() }),
    ),
    api_keys: z.array(
      z.object({
        id: z.string(),
        key: z.string().meta({ description: 'The plaintext key: shown here once, stored nowhere' }),
        name: z.string(),
        prefix: z.string(),
        start: z.string(),
        scopes: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'ProvisioningResult' });
