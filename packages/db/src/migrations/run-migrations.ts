import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Sql } from 'postgres';
import { quoteIdentifier } from '../sql/quote.js';

/** Where a package's migrations are and where their bookkeeping goes. */
export interface MigrationSet {
  /** A drizzle-kit output folder (SQL files and meta/_journal.json). */
  folder: string;
  /** Schema of the bookkeeping table; created if missing. */
  schema: string;
  /** Bookkeeping table, one per package, so packages migrate independently. */
  table: string;
}

/** What a run applied. */
export interface MigrationReport {
  applied: string[];
  /** Migrations already applied before this run. */
  skipped: number;
}

/**
 * Applies drizzle-kit migrations that are not yet recorded, each in its own transaction,
 * under an advisory lock: two processes migrating at once apply each migration once.
 * The bookkeeping table has drizzle's layout (id, hash, created_at).
 */
export async function runMigrations(sql: Sql, set: MigrationSet): Promise<MigrationReport> {
  const migrations = readMigrationFiles({ migrationsFolder: set.folder });
  const table = `${quoteIdentifier(set.schema)}.${quoteIdentifier(set.table)}`;
  const lockKey = `migrations:${set.schema}.${set.table}`;
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`;
    await tx.unsafe(`create schema if not exists ${quoteIdentifier(set.schema)}`);
    await tx.unsafe(
      `create table if not exists ${table} (id serial primary key, hash text not null, created_at bigint not null)`,
    );
    const done = await tx.unsafe<{ created_at: string }[]>(`select created_at from ${table}`);
    const appliedAt = new Set(done.map((row) => Number(row.created_at)));
    const report: MigrationReport = { applied: [], skipped: 0 };
    for (const migration of migrations) {
      if (appliedAt.has(migration.folderMillis)) {
        report.skipped++;
        continue;
      }
      for (const statement of migration.sql) {
        if (statement.trim() !== '') await tx.unsafe(statement);
      }
      await tx.unsafe(`insert into ${table} (hash, created_at) values ($1, $2)`, [
        migration.hash,
        migration.folderMillis,
      ]);
      report.applied.push(migration.hash);
    }
    return report;
  });
}
