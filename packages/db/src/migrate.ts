import type { Sql } from 'postgres';
import { packageFolder } from './internal/package-folder.js';
import { runMigrations, type MigrationReport } from './migrations/run-migrations.js';

/** This package's control-plane migrations (shipped beside `dist/`). */
export const CONTROL_PLANE_MIGRATIONS = {
  folder: packageFolder(import.meta.url, 'migrations'),
  schema: 'control_plane',
  table: '__migrations_org_db',
} as const;

/** The tenant schema's migrations, applied inside each tenant database, in the platform's schema there. */
export const TENANT_MIGRATIONS = {
  folder: packageFolder(import.meta.url, 'tenant-migrations'),
  schema: 'platform',
  table: 'schema_migrations',
} as const;

/** Creates or upgrades `control_plane.projects`, `project_resources` and the provisioning tables. */
export function migrate(sql: Sql): Promise<MigrationReport> {
  return runMigrations(sql, CONTROL_PLANE_MIGRATIONS);
}
