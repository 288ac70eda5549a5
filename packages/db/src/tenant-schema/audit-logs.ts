import { bigserial, index, jsonb, text, timestamp } from 'drizzle-orm/pg-core';
import { platformSchema } from './platform-schema.js';

/** The tenant's own audit trail; its first entry records the provisioning. */
export const auditLogs = platformSchema.table(
  'audit_logs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    action: text('action').notNull(),
    actor: text('actor').notNull(),
    resourceType: text('resource_type'),
    resourceId: text('resource_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('audit_logs_created_at_idx').on(table.createdAt),
    index('audit_logs_action_idx').on(table.action, table.createdAt),
    index('audit_logs_resource_idx').on(table.resourceType, table.resourceId),
  ],
);
