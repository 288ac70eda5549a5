import { text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { controlPlaneSchema, projects } from '@org/db';

/**
 * The one-time result of a queued provisioning (plaintext API keys, the connection
 * string), sealed with AES-256-GCM. Claimed once, then deleted; expires unclaimed.
 */
export const provisioningResults = controlPlaneSchema.table('provisioning_results', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => projects.id),
  sealed: text('sealed').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
