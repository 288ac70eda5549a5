import { migrate as migrateDb, runMigrations, type MigrationReport } from '@org/db';
import { packageFolder } from '@org/db/internal';
import type { Sql } from 'postgres';

/** This package's migrations and their own bookkeeping table. */
export const API_KEYS_MIGRATIONS = {
  folder: packageFolder(import.meta.url, 'migrations'),
  schema: 'control_plane',
  table: '__migrations_org_api_keys',
} as const;

/**
 * Creates or upgrades `control_plane.api_keys` (and first `@org/db`'s tables, which it
 * references), so a team using only this package can set its database up.
 */
export async function migrate(sql: Sql): Promise<MigrationReport> {
  await migrateDb(sql);
  return runMigrations(sql, API_KEYS_MIGRATIONS);
}
