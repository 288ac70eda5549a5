import { runMigrations, type MigrationReport } from '@org/db';
import { packageFolder } from '@org/db/internal';
import type { Sql } from 'postgres';

/** This package's migrations and their own bookkeeping table. */
export const API_KEYS_MIGRATIONS = {
  folder: packageFolder(import.meta.url, 'migrations'),
  schema: 'control_plane',
  table: '__migrations_org_api_keys',
} as const;

/**
 * Creates or upgrades this package's objects and nothing else: the schema `control_plane`
 * if missing, the table `api_keys` with its index, quota trigger and change announcements,
 * `api_key_suspensions`, and the bookkeeping
 * table `__migrations_org_api_keys`. No privilege of the database or of another object is
 * changed. Safe to run from several processes at once.
 */
export function migrate(sql: Sql): Promise<MigrationReport> {
  return runMigrations(sql, API_KEYS_MIGRATIONS);
}
