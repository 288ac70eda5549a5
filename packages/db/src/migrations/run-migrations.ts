import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Sql, TransactionSql } from 'postgres';
import { quoteIdentifier, quoteLiteral } from '../sql/quote.js';

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
 * Applies drizzle-kit migrations that are not yet recorded, in one transaction, under an
 * advisory lock: two processes migrating at once apply each migration once. The
 * bookkeeping table has drizzle's layout (id, hash, created_at).
 */
export function runMigrations(sql: Sql, set: MigrationSet): Promise<MigrationReport> {
  return sql.begin((tx) => applyMigrations(tx, set));
}

/**
 * {@link runMigrations} inside a transaction the caller already holds, so that more work
 * can commit with the migrations. Three round trips whatever the number of statements:
 * lock and read what is applied, then everything pending as one simple-protocol script.
 */
export async function applyMigrations(tx: TransactionSql, set: MigrationSet): Promise<MigrationReport> {
  const migrations = readMigrationFiles({ migrationsFolder: set.folder });
  const table = `${quoteIdentifier(set.schema)}.${quoteIdentifier(set.table)}`;
  const lockKey = quoteLiteral(`migrations:${set.schema}.${set.table}`);
  const results = (await tx
    .unsafe(
      `select pg_advisory_xact_lock(hashtextextended(${lockKey}, 0));` +
        `create schema if not exists ${quoteIdentifier(set.schema)};` +
        `create table if not exists ${table} (id serial primary key, hash text not null, created_at bigint not null);` +
        `select created_at from ${table}`,
    )
    .simple()) as unknown as { created_at: string }[][];
  const appliedAt = new Set((results.at(-1) ?? []).map((row) => Number(row.created_at)));
  const pending = migrations.filter((migration) => !appliedAt.has(migration.folderMillis));
  if (pending.length > 0) {
    // Statements are separated by newlines as well, in case one ends in a comment.
    const script = pending.flatMap((migration) => [
      ...migration.sql.filter((statement) => statement.trim() !== ''),
      `insert into ${table} (hash, created_at) values (${quoteLiteral(migration.hash)}, ${Number(migration.folderMillis)})`,
    ]);
    await tx.unsafe(script.join('\n;\n')).simple();
  }
  return { applied: pending.map((migration) => migration.hash), skipped: migrations.length - pending.length };
}
