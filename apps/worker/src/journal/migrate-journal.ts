import { runMigrations, type MigrationReport } from '@org/db';
import { packageFolder } from '@org/db/internal';
import type { Sql } from 'postgres';

/** The journal's migrations (shipped beside `dist/`) and their own bookkeeping table. */
export const JOURNAL_MIGRATIONS = {
  folder: packageFolder(import.meta.url, 'migrations'),
  schema: 'control_plane',
  table: '__migrations_org_worker',
} as const;

/**
 * Creates or adopts the journal tables (`provisioning_steps`, `provisioning_attempts`,
 * `provisioning_results`). Run after `@org/db`'s migrations: they reference `projects`.
 */
export function migrateJournal(sql: Sql): Promise<MigrationReport> {
  return runMigrations(sql, JOURNAL_MIGRATIONS);
}
