import { text, timestamp } from 'drizzle-orm/pg-core';
import { controlPlaneSchema } from '@org/db';

/**
 * The API's admin tokens. Like API keys, only a SHA-256 of the token is kept, with a short
 * display `start`; the plaintext exists once, when the CLI creates it. A token acts for one
 * organization, or for all of them when `organization_id` is null.
 */
export const adminTokens = controlPlaneSchema.table('api_admin_tokens', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** The only organization the token sees; null: every organization. */
  organizationId: text('organization_id'),
  tokenHash: text('token_hash').notNull().unique('api_admin_tokens_token_hash_key'),
  tokenStart: text('token_start').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export type AdminTokenRow = typeof adminTokens.$inferSelect;
