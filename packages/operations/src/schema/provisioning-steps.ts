import { sql } from 'drizzle-orm';
import { check, integer, jsonb, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { controlPlaneSchema, projects } from '@org/db';

export const STEP_STATUSES = ['running', 'completed', 'failed'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/**
 * One row per provisioning step of a project: a completed step is never run again, which
 * is what lets a retried job resume where the last attempt stopped. `output` holds what
 * later steps need (no secrets).
 */
export const provisioningSteps = controlPlaneSchema.table(
  'provisioning_steps',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    step: text('step').notNull(),
    status: text('status', { enum: STEP_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    output: jsonb('output').$type<Record<string, unknown>>(),
    error: jsonb('error').$type<Record<string, unknown>>(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
  },
  (table) => [
    primaryKey({ name: 'provisioning_steps_pkey', columns: [table.projectId, table.step] }),
    check('provisioning_steps_status_check', sql`${table.status} in ('running', 'completed', 'failed')`),
  ],
);

export type ProvisioningStep = typeof provisioningSteps.$inferSelect;
