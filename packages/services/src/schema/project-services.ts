import { controlPlaneSchema, projects } from '@org/db';
import { sql } from 'drizzle-orm';
import { check, jsonb, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

export const SERVICE_TYPES = ['auth', 'realtime', 'storage'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const SERVICE_STATUSES = ['active', 'disabled', 'error'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** A project's registration with one service (the contract's tables), one row per service type. */
export const projectServices = controlPlaneSchema.table(
  'project_services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    serviceType: text('service_type', { enum: SERVICE_TYPES }).notNull(),
    /** The service's own id for the project (from its admin API, or derived). */
    serviceId: text('service_id').notNull(),
    /** Where the project's clients reach the service. */
    endpoint: text('endpoint'),
    config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status', { enum: SERVICE_STATUSES }).notNull(),
    /** Why the last registration failed: a code and reason, never a response body. */
    errorReason: text('error_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('project_services_project_id_service_type_key').on(table.projectId, table.serviceType),
    check('project_services_service_type_check', sql`${table.serviceType} in ('auth', 'realtime', 'storage')`),
    check('project_services_status_check', sql`${table.status} in ('active', 'disabled', 'error')`),
  ],
);

export type ProjectService = typeof projectServices.$inferSelect;
