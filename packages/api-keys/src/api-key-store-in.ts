import type { PgDatabase } from 'drizzle-orm/pg-core';
import { PgDialect } from 'drizzle-orm/pg-core';
import { PostgresJsSession, PostgresJsTransaction, type PostgresJsQueryResultHKT } from 'drizzle-orm/postgres-js';
import type { Sql, TransactionSql } from 'postgres';

/** Where keys are kept, seen from inside a caller's open transaction: see {@link apiKeyStoreIn}. */
export interface ApiKeyTransactionStore {
  sql: TransactionSql;
  db: PgDatabase<PostgresJsQueryResultHKT, Record<string, unknown>>;
}

/**
 * This package's functions inside your postgres.js transaction `tx`: pass the result as their
 * last argument, and what they write commits or rolls back with the rest of `tx` (a key
 * issued together with your own records, say). A function that writes several rows as one
 * (`generateApiKeys`, `rotateApiKey`) does so in a savepoint, so after its refusal (the
 * quota, an unknown key) `tx` goes on. Open `tx` on the pool a store or a `DbContext` runs
 * on (`store.sql`): the one Drizzle has set up for this package's columns. Nothing to
 * close: the transaction is yours. Not for `verifyApiKey`, whose `last_used` write runs
 * after the answer, when `tx` may have ended.
 */
export function apiKeyStoreIn(tx: TransactionSql): ApiKeyTransactionStore {
  const dialect = new PgDialect();
  // What Drizzle's own db.transaction() builds over the TransactionSql that postgres.js's
  // begin() hands it. Its declarations still take a transaction for a pool, as postgres.js
  // 3 typed it; postgres.js 4 types the two apart, hence the casts.
  const session = new PostgresJsSession(tx as unknown as Sql, dialect, undefined);
  return { sql: tx, db: new PostgresJsTransaction(dialect, session as never, undefined) };
}
