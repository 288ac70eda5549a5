import { sql } from 'drizzle-orm';
import { boolean, index, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

// The name is the control plane's, which this package was built for; in a team's own
// database this schema holds only this package's objects. Not exported: drizzle-kit would
// then create the schema in a migration, and the migrations' bookkeeping already does.
const apiKeysSchema = pgSchema('control_plane');

/**
 * Project API keys (the contract's tables). Only a SHA-256 of the whole key is stored, with
 * a short display `start`; the plaintext exists once, in `generateApiKeys`'s result.
 * `project_id` is the owner's id, any string: the control plane narrows it to a uuid with a
 * foreign key to its projects in its own migrations.
 */
export const apiKeys = apiKeysSchema.table(
  'api_keys',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id').notNull(),
    /** Hex SHA-256 of the whole key: the key's only trace at rest. */
    keyHash: text('key_hash').notNull().unique('api_keys_key_hash_key'),
    keyPrefix: text('key_prefix').notNull(),
    /** Non-secret display form, e.g. `nm_1764234000000_3fa9…`, to tell keys apart in a UI. */
    keyStart: text('key_start').notNull(),
    name: text('name').notNull(),
    scopes: text('scopes')
      .array()
      .notNull()
      .default(sql`ARRAY['read', 'write']::text[]`),
    isActive: boolean('is_active').notNull().default(true),
    lastUsed: timestamp('last_used', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** Set when the key was rotated: the id of its successor. It then stops counting toward the quota. */
    replacedBy: text('replaced_by'),
    createdBy: text('created_by').notNull().default('system'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('api_keys_project_active_idx')
      .on(table.projectId)
      .where(sql`${table.isActive}`),
  ],
);

export type ApiKeyRow = typeof apiKeys.$inferSelect;
