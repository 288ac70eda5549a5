import type { ApiKeyStore } from '@org/api-keys';
import { PgDialect } from 'drizzle-orm/pg-core';
import { PostgresJsSession, PostgresJsTransaction } from 'drizzle-orm/postgres-js';
import type { Sql, TransactionSql } from 'postgres';

/**
 * An `@org/api-keys` store that works inside the caller's postgres.js transaction, so a
 * key's creation commits (or not) with the request's other writes and its idempotency
 * record. The Drizzle side is a Drizzle transaction over the same connection (what
 * `db.transaction()` hands its callback); a nested transaction there is a savepoint.
 * The pool under `tx` must be one Drizzle already wraps (the control plane's is), since
 * that is what makes its timestamps arrive the way Drizzle's columns expect.
 */
export function apiKeyStoreIn(tx: TransactionSql): ApiKeyStore {
  const dialect = new PgDialect();
  // postgres.js types a transaction apart from a pool; Drizzle's session only queries it.
  const session = new PostgresJsSession(tx as unknown as Sql, dialect, undefined);
  const db = new PostgresJsTransaction(dialect, session as never, undefined);
  return { sql: tx as unknown as Sql, db: db, close: async () => {} };
}
