import type { OperationKind } from '../schema/operations.js';
import type { StatementSql } from './jsonb.js';
import { holdLease, type ProjectLease } from './project-lease.js';
import type { StepCompletion } from './record-step-transition.js';
import { succeedRun } from './run-fragments.js';

/** A lifecycle operation: every kind but the provisioning. */
export type LifecycleKind = Exclude<OperationKind, 'provision'>;

/**
 * The project's state after each lifecycle operation succeeds (null: unchanged; a recovery's
 * status is the one the deletion kept).
 */
const PROJECT_AFTER: Record<LifecycleKind, { status: string | null; provisioning: string | null }> = {
  suspend: { status: 'suspended', provisioning: null },
  resume: { status: 'active', provisioning: null },
  delete: { status: 'deleted', provisioning: null },
  recover: { status: null, provisioning: null },
  purge: { status: 'deleted', provisioning: 'deprovisioned' },
  reset_password: { status: null, provisioning: null },
  snapshot: { status: null, provisioning: null },
  restore: { status: null, provisioning: null },
  delete_snapshot: { status: null, provisioning: null },
};

/** Which run of which operation succeeded, and its last step. */
export interface LifecycleSuccess {
  operationId: string;
  attemptId: string;
  kind: LifecycleKind;
  /** The step that completed last (its completion is written here, with the rest). */
  last: StepCompletion;
}

/**
 * Success, in one durable statement: the last step's run completed, the attempt and the
 * operation succeeded, and the project took its new state. A deletion keeps the status it
 * ends (for its recovery) and starts its retention (`retention_seconds` of the operation's
 * request) from now; a recovery gives that status back; a purge forgets the provisioning's
 * steps and any unclaimed result.
 */
export async function settleLifecycleSucceeded(
  sql: StatementSql,
  lease: ProjectLease,
  success: LifecycleSuccess,
): Promise<void> {
  const { projectId } = lease;
  const { operationId, attemptId, kind, last } = success;
  const after = PROJECT_AFTER[kind];
  await sql`
    with ${holdLease(sql, lease)},
    sync as (select set_config('synchronous_commit', 'on', true)),
    ${succeedRun(sql, { attemptId, operationId, last })},
    steps as (delete from control_plane.provisioning_steps where project_id = ${projectId} and ${kind === 'purge'}),
    results as (delete from control_plane.provisioning_results where project_id = ${projectId} and ${kind === 'purge'}),
    project as (
      update control_plane.projects p
      set status = case when ${kind === 'recover'} then coalesce(p.status_before_delete, 'active')
                        else coalesce(${after.status}::text, p.status) end,
          provisioning_status = coalesce(${after.provisioning}::text, p.provisioning_status),
          provisioning_step = case when ${kind === 'purge'} then null else p.provisioning_step end,
          status_before_delete = case
            when ${kind} = 'delete' and p.status <> 'deleted' then p.status
            when ${kind} in ('recover', 'purge') then null
            else p.status_before_delete end,
          deleted_at = case when ${kind} = 'delete' then coalesce(p.deleted_at, now())
            when ${kind} = 'recover' then null else p.deleted_at end,
          purge_at = case
            when ${kind} = 'delete' then coalesce(p.purge_at, now() + make_interval(secs => (
              select (o.request ->> 'retention_seconds')::float8 from control_plane.operations o where o.id = ${operationId}::uuid)))
            when ${kind} in ('recover', 'purge') then null else p.purge_at end,
          updated_at = now()
      where p.id = ${projectId})
    select (select 1 from sync) as synced from fence`;
}
