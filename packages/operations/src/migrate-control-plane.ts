import { migrate as migrateApiKeys } from '@org/api-keys';
import { runMigrations, type MigrationReport } from '@org/db';
import { packageFolder } from '@org/db/internal';
import { migrate as migrateServices } from '@org/services';
import type { Sql } from 'postgres';

/**
 * This package's migrations (shipped beside `dist/`) and their bookkeeping table: the
 * operations and the journal's tables, and the control plane's layer on `@org/api-keys`'
 * table (a uuid foreign key to projects, keys recorded in project_resources). The table
 * keeps the name it had when `@org/worker` shipped these migrations, so a database migrated
 * then carries on where it was.
 */
export const CONTROL_PLANE_MIGRATIONS = {
  folder: packageFolder(import.meta.url, 'migrations'),
  schema: 'control_plane',
  table: '__migrations_org_worker',
} as const;

/**
 * Creates or upgrades the whole control-plane database, in the order the migrations
 * reference each other: `@org/db`'s (through `@org/services`'), `@org/services`',
 * `@org/api-keys`', then this package's. Returns this package's own report. Safe to run
 * concurrently.
 */
export async function migrateControlPlane(sql: Sql): Promise<MigrationReport> {
  await migrateServices(sql);
  await migrateApiKeys(sql);
  return runMigrations(sql, CONTROL_PLANE_MIGRATIONS);
}
