import { migrate as migrateApiKeys } from '@org/api-keys';
import { runMigrations, type MigrationReport } from '@org/db';
import { packageFolder } from '@org/db/internal';
import { migrate as migrateServices } from '@org/services';
import type { Sql } from 'postgres';

/**
 * The worker's own migrations (shipped beside `dist/`) and their bookkeeping table: the
 * journal's tables, and the control plane's layer on `@org/api-keys`' table (a uuid
 * foreign key to projects, keys recorded in project_resources).
 */
export const WORKER_MIGRATIONS = {
  folder: packageFolder(import.meta.url, 'migrations'),
  schema: 'control_plane',
  table: '__migrations_org_worker',
} as const;

/**
 * Creates or upgrades the whole control-plane database, in the order the migrations
 * reference each other: `@org/db`'s (through `@org/services`'), `@org/services`',
 * `@org/api-keys`', then the worker's. Returns the worker's own report. Safe to run
 * concurrently.
 */
export async function migrateControlPlane(sql: Sql): Promise<MigrationReport> {
  await migrateServices(sql);
  await migrateApiKeys(sql);
  return runMigrations(sql, WORKER_MIGRATIONS);
}
