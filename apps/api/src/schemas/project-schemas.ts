import { PROVISIONING_STATUSES } from '@org/db';
import { provisioningPayloadSchema, SNAPSHOT_QUOTA } from '@org/operations';
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
    deletion_protection: z
      .boolean()
      .meta({ description: 'While true, deleting and purging the project are refused (`PATCH` lifts it)' }),
    deleted_at: timestamp.nullable().meta({ description: 'When it was deleted; null unless `deleted`' }),
    purge_at: timestamp.nullable().meta({
      description:
        'When a `deleted` project is purged for good, unless recovered before (`POST /v1/projects/{id}/recover`); null otherwise',
    }),
    snapshot_retention_days: z.int().meta({
      description: 'Its snapshots older than this many days are dropped when it takes another (30 unless set)',
    }),
    snapshot_retention_count: z.int().nullable().meta({
      description:
        'When set, taking a snapshot drops its oldest ones once the new one is made, so that at most this many remain; when null, a snapshot past the quota is refused',
    }),
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
  state: z.enum(PROJECT_STATES).optional().meta({
    description: 'The same as `status`: `state=deleted` lists the recoverable projects, with their `purge_at`',
  }),
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

/** `DELETE /v1/projects/{id}`'s options. */
export const deleteProjectQuery = z.strictObject({
  purge: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .meta({
      description:
        '`true`: purge a project that is `deleted` already, now and for good (its database, role, keys and services). Refused for any other project: delete it first',
    }),
  retention: z
    .string()
    .regex(/^\d{1,7}(s|m|h|d)$/, 'must be a duration: 3600s, 90m, 12h, 7d')
    .transform((value) => Number(value.slice(0, -1)) * { s: 1, m: 60, h: 3600, d: 86_400 }[value.at(-1) as 's'])
    .optional()
    .meta({
      description:
        'How long the deleted project stays recoverable before it is purged: `12h`, `7d`; at least an hour (or the server’s default when shorter), at most 30 days. The server’s default (7 days unless its operator set `DELETED_PROJECT_RETENTION_SECONDS`) when omitted',
      example: '7d',
    }),
});

/** `PATCH /v1/projects/{id}`: what a caller may change of a project. */
export const updateProjectBody = z
  .strictObject({
    deletion_protection: z.boolean().optional().meta({
      description:
        '`true` refuses `DELETE` and purges (409 `DELETION_PROTECTED`) until it is set back to `false`. Not for a project that is deleted already: recover it first',
    }),
    snapshot_retention_days: z
      .int()
      .min(1)
      .max(365)
      .optional()
      .meta({ description: 'Days a snapshot is kept: older ones are dropped when the project takes another' }),
    snapshot_retention_count: z
      .int()
      .min(1)
      .max(SNAPSHOT_QUOTA)
      .nullable()
      .optional()
      .meta({
        description: `At most this many snapshots: a new one drops the oldest past it. \`null\`: a new one past the quota (${SNAPSHOT_QUOTA}) is refused instead`,
      }),
  })
  .meta({ id: 'UpdateProject' });

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
