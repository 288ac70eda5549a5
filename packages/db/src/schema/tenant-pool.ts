import { sql } from 'drizzle-orm';
import { check, index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { controlPlaneSchema } from './control-plane-schema.js';

export const TENANT_POOL_STATES = ['building', 'ready', 'claimed'] as const;
export type TenantPoolState = (typeof TENANT_POOL_STATES)[number];

/**
 * The warm pool: databases made ahead of time from a cluster's tenant template, waiting to
 * become a project's database (see `refillTenantPool` and `createTenantDatabase`). A row is
 * written before its database exists (`building`) and deleted only after its database is
 * dropped or renamed to a project's, so no pooled database is ever on a cluster without a
 * row that accounts for it. `claimed` rows name the project whose provisioning took them.
 */
export const tenantPool = controlPlaneSchema.table(
  'tenant_pool',
  {
    databaseName: text('database_name').primaryKey(),
    cluster: text('cluster').notNull(),
    /** The tenant template it was copied from: a pooled database of an older schema is never handed out. */
    template: text('template').notNull(),
    state: text('state', { enum: TENANT_POOL_STATES }).notNull().default('building'),
    projectId: uuid('project_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
  },
  (table) => [
    check('tenant_pool_state_check', sql`${table.state} in ('building', 'ready', 'claimed')`),
    check('tenant_pool_claim_check', sql`(${table.state} = 'claimed') = (${table.projectId} is not null)`),
    // A claim takes the oldest ready database of its cluster and template.
    index('tenant_pool_ready_idx')
      .on(table.cluster, table.template, table.createdAt)
      .where(sql`${table.state} = 'ready'`),
  ],
);

export type TenantPoolRow = typeof tenantPool.$inferSelect;
