import type { ReservedSql, Sql, TransactionSql } from 'postgres';

/** A connection, pool or transaction a transition's one statement is sent on. */
export type StatementSql = Sql | ReservedSql | TransactionSql;

/** A jsonb parameter (postgres.js serialises it), or SQL NULL for undefined. */
export function jsonb(sql: StatementSql, value: unknown): ReturnType<Sql['json']> | null {
  return value === undefined ? null : sql.json(value);
}
