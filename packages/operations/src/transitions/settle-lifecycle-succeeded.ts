import type { OperationKind } from '../schema/operations.js';
import type { StatementSql } from './jsonb.js';
import { holdLease, type ProjectLease } from './project-lease.js';
import type { StepCompletion } from './record-step-transition.js';
import { succeedRun } from './run-fragments.js';

/** A lifecycle operation: every kind but the provisioning. */
export type LifecycleKind = Exclude<OperationKind, 'provision'>;

/** The project's state after each lifecycle operation succeeds (null: unchanged). */
const PROJECT_AFTER: Record<LifecycleKind, { status: string | null; provisioning: string | null }> = {
  suspend: { status: 'suspended', provisioning: null },
  resume: { status: 'active', provisioning: null },
  delete: { status: 'deleted', provisioning: 'deprovisioned' },
  reset_password: { status: null, provisioning: null },
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
 * operation succeeded, and the project took its new state (a deletion also forgets the
 * provisioning's steps and any unclaimed result).
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
    steps as (delete from control_plane.provisioning_steps where project_id = ${projectId} and ${kind === 'delete'}),
    results as (delete from control_plane.provisioning_results where project_id = ${projectId} and ${kind === 'delete'}),
    project as (
      update control_plane.projects
      set status = coalesce(${after.status}::text, status),
          provisioning_status = coalesce(${after.provisioning}::text, provisioning_status),
          provisioning_step = case when ${kind === 'delete'} then null else provisioning_step end,
          updated_at = now()
      where id = ${projectId})
    select (select 1 from sync) as synced from fence`;
}
