import { runMigrations, type MigrationReport } from '@org/db';
import { packageFolder } from '@org/db/internal';
import { migrateControlPlane } from '@org/operations';
import { migrateWebhooks } from '@org/webhooks';
import type { Sql } from 'postgres';

/** The API's migrations (shipped beside `dist/`) and their bookkeeping table. */
export const API_MIGRATIONS = {
  folder: packageFolder(import.meta.url, 'migrations'),
  schema: 'control_plane',
  table: '__migrations_org_api',
} as const;

/**
 * Creates or upgrades everything the API reads and writes: the control plane's tables
 * (every package's and the worker's, webhooks' included), then the API's own (admin tokens, idempotency
 * keys). Safe to run concurrently, and beside workers that migrate too.
 */
export async function migrateApi(sql: Sql): Promise<MigrationReport> {
  await migrateControlPlane(sql);
  await migrateWebhooks(sql);
  return runMigrations(sql, API_MIGRATIONS);
}
