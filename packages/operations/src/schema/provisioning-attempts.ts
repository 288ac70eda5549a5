import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { controlPlaneSchema, projects } from '@org/db';
import { OPERATION_KINDS } from './operations.js';

export const ATTEMPT_STATUSES = ['running', 'succeeded', 'failed'] as const;

/**
 * One row per run of an operation on a project (a queue attempt, or a direct call of the
 * provisioning handler), whatever its kind: the one journal of runs. `job_id` is the
 * operation's id (its queue job's); a direct call has none.
 */
export const provisioningAttempts = controlPlaneSchema.table(
  'provisioning_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    jobId: text('job_id'),
    attempt: integer('attempt').notNull(),
    /** The operation's kind, so that a project's provisioning history reads its own runs. */
    kind: text('kind', { enum: OPERATION_KINDS }).notNull().default('provision'),
    status: text('status', { enum: ATTEMPT_STATUSES }).notNull().default('running'),
    error: jsonb('error').$type<Record<string, unknown>>(),
    workerId: text('worker_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [
    check('provisioning_attempts_status_check', sql`${table.status} in ('running', 'succeeded', 'failed')`),
    check(
      'provisioning_attempts_kind_check',
      sql`${table.kind} in ('provision', 'suspend', 'resume', 'delete', 'reset_password', 'recover', 'purge', 'snapshot', 'restore', 'delete_snapshot')`,
    ),
    index('provisioning_attempts_project_idx').on(table.projectId, table.startedAt),
    // An operation's attempts are its job's (the operation's id is the job's).
    index('provisioning_attempts_job_idx').on(table.jobId),
  ],
);

export type ProvisioningAttempt = typeof provisioningAttempts.$inferSelect;
