import type { LifecycleEvent } from '../operation-report.js';
import type { OperationKind } from '../schema/operations.js';
import { jsonb, type StatementSql } from './jsonb.js';

/** The project's state after each lifecycle operation succeeds (null: unchanged). */
const PROJECT_AFTER: Record<
  Exclude<OperationKind, 'provision'>,
  { status: string | null; provisioning: string | null }
> = {
  suspend: { status: 'suspended', provisioning: null },
  resume: { status: 'active', provisioning: null },
  delete: { status: 'deleted', provisioning: 'deprovisioned' },
  reset_password: { status: null, provisioning: null },
};

/**
 * Success, in one durable statement: the operation succeeded and the project took its new
 * state (a deletion also forgets the provisioning's steps and any unclaimed result).
 */
export async function settleLifecycleSucceeded(
  sql: StatementSql,
  run: { projectId: string; operationId: string; attempt: number; kind: Exclude<OperationKind, 'provision'> },
): Promise<void> {
  const { projectId, operationId, attempt, kind } = run;
  const after = PROJECT_AFTER[kind];
  const event: LifecycleEvent = { type: 'attempt-succeeded', attempt, at: new Date().toISOString() };
  await sql`
    with sync as (select set_config('synchronous_commit', 'on', true)),
    operation as (
      update control_plane.operations
      set status = 'succeeded', error = null, finished_at = now(), updated_at = now(),
          events = events || ${jsonb(sql, [event])}::jsonb
      where id = ${operationId}::uuid),
    steps as (delete from control_plane.provisioning_steps where project_id = ${projectId} and ${kind === 'delete'}),
    results as (delete from control_plane.provisioning_results where project_id = ${projectId} and ${kind === 'delete'}),
    project as (
      update control_plane.projects
      set status = coalesce(${after.status}::text, status),
          provisioning_status = coalesce(${after.provisioning}::text, provisioning_status),
          provisioning_step = case when ${kind === 'delete'} then null else provisioning_step end,
          updated_at = now()
      where id = ${projectId})
    select (select 1 from sync) as synced`;
}
