import { bigint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { controlPlaneSchema, projects } from '@org/db';

/**
 * Who holds each project, and since when: one row per project, whose `generation` goes up
 * by one each time a run takes the project's lock (`control_plane.take_project_lease`).
 * Every journal statement of a run carries the generation it was given and is refused
 * (`control_plane.hold_project_lease`, SQLSTATE `OF001`) once another run has taken the
 * project: a holder cut off long enough to lose its lock never writes over its successor.
 */
export const projectLeases = controlPlaneSchema.table('project_leases', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  generation: bigint('generation', { mode: 'bigint' }).notNull(),
  /** The worker (or direct caller) that took it last. */
  holder: text('holder'),
  takenAt: timestamp('taken_at', { withTimezone: true }).notNull().defaultNow(),
});
