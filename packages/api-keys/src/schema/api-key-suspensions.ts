import { boolean, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

// The same schema object as api-keys.ts declares (see there why it is not exported).
const apiKeysSchema = pgSchema('control_plane');

/**
 * Owners whose keys are held: while a row exists, every key of the owner verifies as
 * `deleted` (its project is deleted, recoverably) or else `suspended`, keys issued meanwhile
 * included. One row per owner, so holding is one write whatever the number of keys, and
 * lifting it restores each key to what it was. Both holds are kept apart, so that recovering
 * a project deleted while suspended gives back a suspended one.
 */
export const apiKeySuspensions = apiKeysSchema.table('api_key_suspensions', {
  projectId: text('project_id').primaryKey(),
  suspendedAt: timestamp('suspended_at', { withTimezone: true }).notNull().defaultNow(),
  /** The owner is suspended (`suspendApiKeys`). */
  suspended: boolean('suspended').notNull().default(true),
  /** When the owner was deleted (`setApiKeysDeleted`); null while it is not. */
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});
