import { sql } from 'drizzle-orm';
import { check, integer, jsonb, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { controlPlaneSchema } from '@org/db';
import { provisioningAttempts } from './provisioning-attempts.js';

/**
 * Each step each provisioning attempt ran, with its times: the history a timeline draws.
 * `provisioning_steps` holds a project's state for resuming (one row per step, cleared
 * when the project is compensated); this keeps every attempt's runs, so a failed
 * provisioning still shows where and when it failed. Written by the same statements.
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
