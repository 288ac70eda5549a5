import { index, integer, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { controlPlaneSchema } from '@org/db';

/**
 * The first answer to each `Idempotency-Key`, per token, until it expires: a repeat of the
 * same request gets it again, a different request with the same key is refused. The
 * answer is sealed (AES-256-GCM, bound to the token and key), since some hold a secret
 * shown once (new API keys).
 */
export const idempotencyKeys = controlPlaneSchema.table(
  'api_idempotency_keys',
  {
    tokenId: text('token_id').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of method, route and body: what "the same request" means. */
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    /**
     * The answer (status, headers, body), sealed. The row is inserted when the first request
     * begins and this is written in the same transaction, so no other request ever sees it
     * empty: a concurrent one waits on the row until the first commits or rolls back.
     */
    response: text('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ name: 'api_idempotency_keys_pkey', columns: [table.tokenId, table.key] }),
    index('api_idempotency_keys_expires_idx').on(table.expiresAt),
  ],
);
