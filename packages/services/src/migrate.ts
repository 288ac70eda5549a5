import { migrate as migrateDb, runMigrations, type MigrationReport } from '@org/db';
import { packageFolder } from '@org/db/internal';
import type { Sql } from 'postgres';

/** This package's migrations and their own bookkeeping table. */
export const SERVICES_MIGRATIONS = {
  folder: packageFolder(import.meta.url, 'migrations'),
  schema: 'control_plane',
  table: '__migrations_org_services',
} as const;

/** Creates or upgrades `control_plane.project_services` (after `@org/db`'s tables, which it references). */
export async function migrate(sql: Sql): Promise<MigrationReport> {
  await migrateDb(sql);
  return runMigrations(sql, SERVICES_MIGRATIONS);
}
