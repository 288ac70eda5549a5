import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
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
  return sql.begin(async (tx) => {
    // A migration may rewrite a large table, and waits for another process migrating the
    // same set: longer limits than a session's own (SESSION_LIMITS), for this transaction.
    // Not for tenant databases (planMigrations), where a tenant could hold the lock.
    await tx.unsafe(`set local statement_timeout = '15min'; set local lock_timeout = '5min'`).simple();
    return applyMigrations(tx, set);
  });
}

/**
 * {@link runMigrations} inside a transaction the caller already holds, so that more work
 * can commit with the migrations. Three round trips whatever the number of statements:
 * lock and read what is applied, then everything pending as one simple-protocol script.
 */
export async function applyMigrations(tx: TransactionSql, set: MigrationSet): Promise<MigrationReport> {
  const plan = planMigrations(set);
  const { statements, report } = plan.pending(await tx.unsafe(plan.prologue).simple());
  if (statements.length > 0) await tx.unsafe(statements.join('\n;\n')).simple();
  return report;
}

/**
 * A migration run split into scripts a caller can send with its own statements, so that
 * checking a current schema and writing beside it can share round trips.
 */
export interface MigrationPlan {
  /** Locks the bookkeeping (until the transaction ends) and reads it: its last result is the applied rows. */
  prologue: string;
  /**
   * The statements that apply what is missing, with their bookkeeping (none when current),
   * given what the prologue's script returned.
   */
  pending(prologueResults: unknown): { statements: string[]; report: MigrationReport };
}

/**
 * A folder's migrations, read and hashed once per process: the schema step plans the tenant
 * migrations on every provisioning, and a package's migrations do not change while it runs.
 */
export function readMigrations(folder: string): readonly MigrationMeta[] {
  let migrations = migrationFiles.get(folder);
  if (migrations === undefined)
    migrationFiles.set(folder, (migrations = readMigrationFiles({ migrationsFolder: folder })));
  return migrations;
}

const migrationFiles = new Map<string, MigrationMeta[]>();

/** Reads a migration set's files and makes the scripts that apply them (see {@link MigrationPlan}). */
export function planMigrations(set: MigrationSet): MigrationPlan {
  const migrations = readMigrations(set.folder);
  const table = `${quoteIdentifier(set.schema)}.${quoteIdentifier(set.table)}`;
  const lockKey = quoteLiteral(`migrations:${set.schema}.${set.table}`);
  return {
    // Qualified: in a tenant database this runs as the platform, where no name may resolve
    // to something a tenant made (see PLATFORM_SESSION). There it keeps the session's short
    // lock limit: a tenant holding the same lock makes it fail in seconds, not wait.
    prologue:
      `select pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(${lockKey}, 0));` +
      `create schema if not exists ${quoteIdentifier(set.schema)};` +
      `create table if not exists ${table} (id serial primary key, hash text not null, created_at bigint not null);` +
      `select created_at from ${table}`,
    pending(prologueResults) {
      // One result per statement of the script; the last is the bookkeeping table's rows.
      const applied = (prologueResults as { created_at: string }[][]).at(-1) ?? [];
      const appliedAt = new Set(applied.map((row) => Number(row.created_at)));
      const pending = migrations.filter((migration) => !appliedAt.has(migration.folderMillis));
      // Callers join them with newlines as well as `;`, in case one ends in a comment.
      const statements = pending.flatMap((migration) => [
        ...migration.sql.filter((statement) => statement.trim() !== ''),
        `insert into ${table} (hash, created_at) values (${quoteLiteral(migration.hash)}, ${Number(migration.folderMillis)})`,
      ]);
      const report = {
        applied: pending.map((migration) => migration.hash),
        skipped: migrations.length - pending.length,
      };
      return { statements, report };
    },
  };
}
