import { bigint, integer, pgSchema, timestamp } from 'drizzle-orm/pg-core';

const controlPlane = pgSchema('control_plane');

/**
 * How far the dispatcher has followed the events feed: one row (id 1). A dispatcher holds it
 * `FOR UPDATE` while it creates a page's deliveries and moves it on, so one advances at a time.
 */
export const webhookDispatchCursor = controlPlane.table('webhook_dispatch_cursor', {
  id: integer('id').primaryKey(),
  position: bigint('position', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
