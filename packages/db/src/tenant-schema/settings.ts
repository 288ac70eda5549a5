import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Per-tenant configuration, seeded with the project id at provisioning. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
