import { REGIONS } from '@org/db';
import { z } from 'zod';
import { PROJECT_STATES } from './project-states.js';
import { timestamp } from './common-schemas.js';

const count = z.int().min(0);

/** Minutes of history in `provisioning.per_minute`. */
export const OVERVIEW_MINUTES = 30;

/** What the console's overview shows: the projects, how provisioning goes, the queue and the clusters. */
export const overviewSchema = z
  .object({
    generated_at: timestamp,
    scope: z.string().meta({
      description: '`all`, or the organization a token of one organization sees (then `queue` and `clusters` are null)',
    }),
    projects: z.object({
      total: count,
      by_status: z.record(z.enum(PROJECT_STATES), count),
      by_region: z.array(z.object({ region: z.enum(REGIONS), total: count, by_status: z.record(z.string(), count) })),
    }),
    provisioning: z.object({
      per_minute: z.array(z.object({ minute: timestamp, succeeded: count, failed: count })).meta({
        description: `Provisionings that ended in each of the last ${OVERVIEW_MINUTES} minutes, oldest first`,
      }),
      last_hour: z.object({ started: count, succeeded: count, failed: count }),
      duration_ms: z
        .object({ p50: z.number().nullable(), p95: z.number().nullable(), samples: count })
        .meta({ description: 'From request to provisioned, of the provisionings that succeeded in the last hour' }),
      failures_by_code: z
        .array(
          z.object({
            code: z.string(),
            root_code: z.string().nullable(),
            step: z.string().nullable(),
            attempts: count,
          }),
        )
        .meta({ description: 'Failed attempts of the last 24 hours, by code, the code at their root and step' }),
    }),
    queue: z
      .object({ ready: count, deferred: count, retry: count, active: count, dead_letter: count })
      .nullable()
      .meta({ description: 'Provisioning jobs by state, read from the queue’s table' }),
    clusters: z
      .array(
        z.object({
          name: z.string(),
          regions: z.array(z.enum(REGIONS)),
          tenant_databases: count,
          pool: z.object({ ready: count, building: count, claimed: count }),
        }),
      )
      .nullable(),
  })
  .meta({ id: 'Overview' });

export type Overview = z.output<typeof overviewSchema>;

/** A cluster name in a path. */
export const clusterParams = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be a cluster name'),
});

export const poolRefillSchema = z
  .object({
    cluster: z.string(),
    queued: z.boolean().meta({ description: 'False when a refill of this cluster was waiting already' }),
  })
  .meta({ id: 'PoolRefill' });
