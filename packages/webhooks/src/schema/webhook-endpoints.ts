import { sql } from 'drizzle-orm';
import { boolean, index, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Every table of this package lives in the control plane's schema, beside the events it delivers.
const controlPlane = pgSchema('control_plane');

/**
 * Where an organization wants its events delivered. The signing secret is kept sealed
 * (AES-256-GCM under the platform's key, bound to the endpoint's id): it must be recovered to
 * sign, so it cannot be hashed. During a rotation the previous secret keeps signing beside
 * the new one until `previous_secret_expires_at`.
 */
export const webhookEndpoints = controlPlane.table(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull(),
    url: text('url').notNull(),
    description: text('description'),
    /** Empty: every event type. */
    eventTypes: text('event_types')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    enabled: boolean('enabled').notNull().default(true),
    disabledReason: text('disabled_reason'),
    sealedSecret: text('sealed_secret').notNull(),
    previousSealedSecret: text('previous_sealed_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
    /** Set by the first failed attempt after a success; cleared by the next success. */
    failingSince: timestamp('failing_since', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('webhook_endpoints_organization_idx').on(table.organizationId, table.createdAt)],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
