import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { controlPlaneSchema } from './control-plane-schema.js';

export const PROJECT_STATUSES = ['active', 'suspended', 'deleted'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROVISIONING_STATUSES = [
  'pending',
  'provisioning',
  'provisioned',
  'failed',
  'deprovisioning',
  'deprovisioned',
] as const;
export type ProvisioningStatus = (typeof PROVISIONING_STATUSES)[number];

/**
 * What a project is now, in one word, in the order of its life: the one status model the
 * API, the console and the CLI read. Derived by the database from `status` and
 * `provisioning_status` (which the provisioning contract keeps), so it cannot disagree with them.
 * `deleted` is recoverable (its database, role, keys and services are kept, switched off);
 * `purging` and `purged` are the deletion that cannot be undone.
 */
export const PROJECT_STATES = [
  'pending',
  'provisioning',
  'active',
  'suspended',
  'failed',
  'deleted',
  'purging',
  'purged',
] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];

/** A tenant project: who owns it, where it lives, and how far its provisioning got. */
export const projects = controlPlaneSchema.table(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    status: text('status', { enum: PROJECT_STATUSES }).notNull().default('active'),
    provisioningStatus: text('provisioning_status', { enum: PROVISIONING_STATUSES }).notNull().default('pending'),
    /** The step running now, or the last one reached. */
    provisioningStep: text('provisioning_step'),
    /** Why the last provisioning failed: a code and message, never a secret. */
    provisioningError: text('provisioning_error'),
    region: text('region').notNull(),
    ownerId: text('owner_id').notNull(),
    organizationId: text('organization_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    provisionedAt: timestamp('provisioned_at', { withTimezone: true }),
    /** When a deletion made it `deleted` (recoverable); null otherwise. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** When a `deleted` project is purged for good (its retention's end); null otherwise. */
    purgeAt: timestamp('purge_at', { withTimezone: true }),
    /** The `status` a recovery gives back (`active` or `suspended`): what it was before the deletion. */
    statusBeforeDelete: text('status_before_delete', { enum: ['active', 'suspended'] }),
    /** While true, deleting and purging the project are refused. */
    deletionProtection: boolean('deletion_protection').notNull().default(false),
    /** Its snapshots older than this many days are dropped when it takes another. */
    snapshotRetentionDays: integer('snapshot_retention_days').notNull().default(30),
    /**
     * When set, taking a snapshot drops its oldest ones so that at most this many remain;
     * when null, a snapshot past the platform's quota is refused instead.
     */
    snapshotRetentionCount: integer('snapshot_retention_count'),
    /** {@link PROJECT_STATES}: a stored generated column, indexed, never written. */
    state: text('state', { enum: PROJECT_STATES })
      .notNull()
      .generatedAlwaysAs(
        sql`case
          when provisioning_status = 'deprovisioned' then 'purged'
          when provisioning_status = 'deprovisioning' then 'purging'
          when status = 'deleted' then 'deleted'
          when provisioning_status = 'failed' then 'failed'
          when status = 'suspended' then 'suspended'
          when provisioning_status = 'provisioned' then 'active'
          when provisioning_status = 'provisioning' then 'provisioning'
          else 'pending' end`,
      ),
  },
  (table) => [
    check('projects_status_check', sql`${table.status} in ('active', 'suspended', 'deleted')`),
    check(
      'projects_provisioning_status_check',
      sql`${table.provisioningStatus} in ('pending', 'provisioning', 'provisioned', 'failed', 'deprovisioning', 'deprovisioned')`,
    ),
    check('projects_status_before_delete_check', sql`${table.statusBeforeDelete} in ('active', 'suspended')`),
    check('projects_snapshot_retention_days_check', sql`${table.snapshotRetentionDays} between 1 and 365`),
    check('projects_snapshot_retention_count_check', sql`${table.snapshotRetentionCount} between 1 and 10`),
    index('projects_organization_idx').on(table.organizationId),
    index('projects_provisioning_status_idx').on(table.provisioningStatus),
    // The API's and the console's listings by state, newest first.
    index('projects_state_idx').on(table.state, table.createdAt, table.id),
    // Listings are newest first, a page at a time: read in this order, not sorted whole.
    index('projects_created_idx').on(table.createdAt, table.id),
  ],
);

export type Project = typeof projects.$inferSelect;
export type NewProject = typeof projects.$inferInsert;
