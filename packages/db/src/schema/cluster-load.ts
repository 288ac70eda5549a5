import { integer, text } from 'drizzle-orm/pg-core';
import { controlPlaneSchema } from './control-plane-schema.js';

/**
 * How many tenant databases are recorded per cluster, kept by a trigger on
 * `project_resources` (migration 0002): placement reads one row per candidate cluster
 * instead of counting every recorded database, so its cost does not grow with tenants.
 */
export const clusterLoad = controlPlaneSchema.table('cluster_load', {
  cluster: text('cluster').primaryKey(),
  databases: integer('databases').notNull().default(0),
});
