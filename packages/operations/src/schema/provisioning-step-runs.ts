import { sql } from 'drizzle-orm';
import { check, integer, jsonb, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { controlPlaneSchema } from '@org/db';
import { provisioningAttempts } from './provisioning-attempts.js';

/**
 * Each step each run of an operation ran (any kind), with its times: the history a timeline
 * draws, and what a lifecycle operation resumes from (its completed steps are not run
 * again). `provisioning_steps` holds, besides, what a project's provisioning made (one row
 * per step with its output, cleared when the project is compensated or deleted); this
 * keeps every attempt's runs, so a failed operation still shows where and when it failed.
 */
export const provisioningStepRuns = controlPlaneSchema.table(
  'provisioning_step_runs',
  {
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => provisioningAttempts.id),
    step: text('step').notNull(),
    status: text('status', { enum: ['running', 'completed', 'failed'] }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
    error: jsonb('error').$type<Record<string, unknown>>(),
  },
  (table) => [
    primaryKey({ name: 'provisioning_step_runs_pkey', columns: [table.attemptId, table.step] }),
    check('provisioning_step_runs_status_check', sql`${table.status} in ('running', 'completed', 'failed')`),
  ],
);
