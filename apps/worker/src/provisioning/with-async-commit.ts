import type { DbContext } from '@org/db';
import { sql } from 'drizzle-orm';

type Transaction = Parameters<Parameters<DbContext['client']['db']['transaction']>[0]>[0];

/**
 * Runs progress bookkeeping (step and attempt records, the current step) in a transaction
 * that does not wait for the WAL flush (`synchronous_commit = off` for it alone). Safe
 * because every step is idempotent: if a server crash loses the last records, the step
 * just runs again. It saves a disk flush per record, about a dozen per provisioning.
 */
export function withAsyncCommit<T>(db: DbContext, write: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.client.db.transaction(async (tx) => {
    await tx.execute(sql`set local synchronous_commit = off`);
    return write(tx);
  });
}
