import { pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

// The same schema object as api-keys.ts declares (see there why it is not exported).
const apiKeysSchema = pgSchema('control_plane');

/**
 * Owners whose keys are suspended: while a row exists, every key of the owner verifies as
 * `suspended`, keys issued meanwhile included. One row per owner, so suspending is one
 * write whatever the number of keys, and lifting it restores each key to what it was.
 */
export const apiKeySuspensions = apiKeysSchema.table('api_key_suspensions', {
  projectId: text('project_id').primaryKey(),
  suspendedAt: timestamp('suspended_at', { withTimezone: true }).notNull().defaultNow(),
});
