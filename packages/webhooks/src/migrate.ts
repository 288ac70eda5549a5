import { runMigrations, type MigrationReport } from '@org/db';
import { packageFolder } from '@org/db/internal';
import type { Sql } from 'postgres';

/** This package's migrations and their own bookkeeping table. */
export const WEBHOOKS_MIGRATIONS = {
  folder: packageFolder(import.meta.url, 'migrations'),
  schema: 'control_plane',
  table: '__migrations_org_webhooks',
} as const;

/**
 * Creates or upgrades the webhook tables (endpoints, deliveries, attempts, the dispatcher's
 * cursor) in `control_plane`. Run it after `migrateControlPlane` from `@org/operations`: the
 * cursor starts at the end of its events feed. Safe to run from several processes at once.
 */
export function migrateWebhooks(sql: Sql): Promise<MigrationReport> {
  return runMigrations(sql, WEBHOOKS_MIGRATIONS);
}
