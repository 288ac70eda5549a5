import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { controlPlaneSchema, projects } from '@org/db';

/**
 * What an operation does to its project. `delete` makes it `deleted`, recoverably (kept,
 * switched off); `recover` undoes that; `purge` removes a deleted project's database, role,
 * keys and services for good. `snapshot` copies its database (a snapshot only the platform
 * can reach), `restore` replaces its database by a snapshot's copy (keeping the replaced one
 * as a snapshot), `delete_snapshot` drops one. A branch is a `provision` whose database is a
 * copy of another project's.
 */
export const OPERATION_KINDS = [
  'provision',
  'suspend',
  'resume',
  'delete',
  'reset_password',
  'recover',
  'purge',
  'snapshot',
  'restore',
  'delete_snapshot',
] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** `queued` until a worker first runs it; `running` until it ends, retry waits included. */
export const OPERATION_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

/** Whether an operation in `status` has ended (`succeeded`, `failed` or `cancelled`): nothing changes it after. */
export function hasEnded(status: OperationStatus): boolean {
  return status !== 'queued' && status !== 'running';
}

/**
 * A long-running operation on a project, as a caller asked for it: its id is also the id of
 * the queue job that carries it. At most one is queued or running per project (a unique
 * index): operations of one project never overlap, and a second request is refused at once
 * rather than queued behind the first. Its runs, of whatever kind, are its job's attempts
 * (`provisioning_attempts.job_id` = this id) with their step runs.
 */
export const operations = controlPlaneSchema.table(
  'operations',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    kind: text('kind', { enum: OPERATION_KINDS }).notNull(),
    status: text('status', { enum: OPERATION_STATUSES }).notNull().default('queued'),
    /** Runs started so far. */
    attempts: integer('attempts').notNull().default(0),
    /** The last failure, serialised (`serializeError`, with its step): never a driver's text. */
    error: jsonb('error').$type<Record<string, unknown>>(),
    /**
     * What was asked, as validated: a provisioning's payload (region, services, keys, owner;
     * never a secret), so that a failed one can be asked for again as it was; what a lifecycle
     * operation says beyond its kind (a deletion's retention, a snapshot's id). Null for the
     * other lifecycle operations, and for provisionings recorded before this column.
     */
    request: jsonb('request').$type<Record<string, unknown>>(),
    /** Who asked: an admin token's id, `cli`, ... */
    requestedBy: text('requested_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check(
      'operations_kind_check',
      sql`${table.kind} in ('provision', 'suspend', 'resume', 'delete', 'reset_password', 'recover', 'purge', 'snapshot', 'restore', 'delete_snapshot')`,
    ),
    check('operations_status_check', sql`${table.status} in ('queued', 'running', 'succeeded', 'failed', 'cancelled')`),
    index('operations_project_idx').on(table.projectId, table.createdAt),
    uniqueIndex('operations_one_active_per_project')
      .on(table.projectId)
      .where(sql`${table.status} in ('queued', 'running')`),
  ],
);

export type Operation = typeof operations.$inferSelect;
