import type { SerializedError } from '@org/errors';
import type { LifecycleEvent } from '../operation-report.js';
import { jsonb, type StatementSql } from './jsonb.js';

/**
 * A failed lifecycle run, in one durable statement: the attempt failed with `error`; the
 * operation too when `final`, else it stays running (its job is retried), with `error` as
 * its latest.
 */
export async function settleLifecycleFailed(
  sql: StatementSql,
  run: { operationId: string; attempt: number; error: SerializedError & { step?: string }; final: boolean },
): Promise<void> {
  const { operationId, attempt, error, final } = run;
  const event: LifecycleEvent = { type: 'attempt-failed', attempt, at: new Date().toISOString(), error };
  await sql`
    with sync as (select set_config('synchronous_commit', 'on', true))
    update control_plane.operations
    set error = ${jsonb(sql, error)}::jsonb, updated_at = now(), events = events || ${jsonb(sql, [event])}::jsonb,
        status = case when ${final} then 'failed' else status end,
        finished_at = case when ${final} then now() else finished_at end
    where id = ${operationId}::uuid and (select 1 from sync) = 1`;
}
