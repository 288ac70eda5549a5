import type { Sql } from 'postgres';
import { OperationEnds, type OperationReport } from '@org/operations';

/**
 * Operation `id` once it has ended (succeeded, failed or cancelled), or its last report when
 * `timeoutMs` passed (status `queued` or `running`); undefined when there is no such
 * operation. Woken by the database's announcement of its end (one listening connection for
 * the wait), not by polling. Reads only the journal, so it works from any process against a
 * running worker.
 */
export async function waitForOperation(sql: Sql, id: string, timeoutMs: number): Promise<OperationReport | undefined> {
  const ends = await OperationEnds.open(sql);
  try {
    return await ends.waitForEnd(id, timeoutMs);
  } finally {
    await ends.close();
  }
}
