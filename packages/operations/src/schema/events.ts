import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { controlPlaneSchema } from '@org/db';

/**
 * What happened to projects and operations, one row per change, written by triggers on
 * `projects` and `operations` in the transaction that made the change (an outbox: no change
 * without its event, no event without its change, whoever wrote it).
 *
 * `id` is the order events were written in, which is not the order they commit in. Readers
 * follow `position` instead: `control_plane.sequence_events()` stamps committed events one
 * batch at a time under a lock, so positions become visible in increasing order and a reader
 * resuming after a position never skips an event that committed late (docs/events.md).
 */
export const events = controlPlaneSchema.table(
  'events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** Null until sequenced; then where the event stands in the feed. */
    position: bigint('position', { mode: 'number' }),
    /** {@link EVENT_TYPES}, e.g. `operation.succeeded`, `project.suspended`. */
    type: text('type').notNull(),
    organizationId: text('organization_id').notNull(),
    projectId: uuid('project_id').notNull(),
    operationId: uuid('operation_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
    /** `{ project, operation? }` as the API shows them, without their nested timelines. */
    data: jsonb('data').notNull(),
  },
  (table) => [
    uniqueIndex('events_position_idx').on(table.position),
    index('events_unsequenced_idx')
      .on(table.id)
      .where(sql`${table.position} is null`),
    index('events_organization_idx').on(table.organizationId, table.position),
    index('events_project_idx').on(table.projectId, table.position),
    index('events_occurred_idx').on(table.occurredAt),
  ],
);
