import { bigint, index, integer, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { webhookDeliveries } from './webhook-deliveries.js';

const controlPlane = pgSchema('control_plane');

/** One HTTP request of a delivery: when, how long, and the answer (a status) or why none came. */
export const webhookAttempts = controlPlane.table(
  'webhook_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull(),
    durationMs: integer('duration_ms').notNull(),
    responseStatus: integer('response_status'),
    error: text('error'),
  },
  (table) => [index('webhook_attempts_delivery_idx').on(table.deliveryId, table.attemptedAt)],
);

export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect;
