import type { Db } from 'pg-boss';
import type { Sql, TransactionSql } from 'postgres';

/**
 * pg-boss's database adapter over a postgres.js pool, so the queue needs no second driver.
 * pg-boss sends some scripts as several statements (`BEGIN; ...; COMMIT`), which only the
 * simple query protocol accepts and which must stay on one connection: those (they never
 * have parameters) run on a reserved connection. pg's `undefined` parameters become NULL.
 * Give it a pool of its own: Drizzle changes the type parsers of any pool it wraps.
 */
export function postgresJsBossDb(sql: Sql): Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values !== undefined && values.length > 0) {
        const rows = await sql.unsafe(
          text,
          values.map((value: unknown) => (value === undefined ? null : value)) as never[],
        );
        return { rows: [...rows] };
      }
      const connection = await sql.reserve();
      try {
        const result = await connection.unsafe(text).simple();
        // A multi-statement script yields one result per statement, and pg-boss wants the
        // rows of all of them (it finds an advisory lock's row among them, as with pg).
        const rows = Array.isArray(result[0])
          ? (result as unknown as unknown[][]).flatMap((rows) => [...rows])
          : [...result];
        return { rows };
      } finally {
        connection.release();
      }
    },
    async listen(channel: string, onNotification: (payload: string) => void, onReconnect: () => void) {
      const subscription = await sql.listen(channel, onNotification, onReconnect);
      return { close: () => subscription.unlisten() };
    },
  };
}

/**
 * pg-boss's database adapter over a transaction the caller holds, so that a job is sent in
 * the same transaction as the rows it belongs with (an operation and its job exist together
 * or not at all). pg-boss's `send` always has parameters; pg's `undefined` ones become NULL.
 */
export function transactionBossDb(tx: TransactionSql): Pick<Db, 'executeSql'> {
  return {
    executeSql: async (text: string, values: unknown[] = []) => ({
      rows: [...(await tx.unsafe(text, values.map((value) => (value === undefined ? null : value)) as never[]))],
    }),
  };
}
