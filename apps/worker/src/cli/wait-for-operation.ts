import { setTimeout as sleep } from 'node:timers/promises';
import type { Sql } from 'postgres';
import { OperationStore, type OperationReport } from '@org/operations';

/**
 * Reads operation `id` until it has ended (succeeded, failed or cancelled) or `timeoutMs`
 * passed; resolves with its last report (status `queued` or `running` on a timeout), or
 * undefined when there is no such operation. Reads only the journal, so it works from any
 * process against a running worker.
 */
export async function waitForOperation(
  sql: Sql,
  id: string,
  timeoutMs: number,
  pollMs = 200,
): Promise<OperationReport | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const report = await OperationStore.readWith(sql, id);
    if (report === undefined || (report.status !== 'queued' && report.status !== 'running')) return report;
    if (Date.now() >= deadline) return report;
    await sleep(pollMs);
  }
}
