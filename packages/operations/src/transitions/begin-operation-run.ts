import type { ReservedSql } from 'postgres';
import type { OperationKind } from '../schema/operations.js';
import type { RecordedStep } from './begin-provisioning-run.js';
import { holdLease, type ProjectLease } from './project-lease.js';
import { closeLostRuns } from './run-fragments.js';

/** What a run of an operation other than a provisioning learns as it begins, under the project's lock. */
export interface OperationRunStart {
  /** False when the operation is unknown or has ended (cancelled, or settled by an earlier delivery). */
  open: boolean;
  kind: OperationKind | undefined;
  /** The project's status and provisioning status (null: no such project). */
  projectStatus: string | null;
  provisioningStatus: string | null;
  /** Whether the project refuses deletion and purging (false: no such project). */
  deletionProtection: boolean;
  /** This run's attempt, opened only for an open operation. */
  attemptId: string | undefined;
  /** The steps earlier runs of the operation started: a completed one is not run again. */
  recorded: Map<string, RecordedStep>;
}

/**
 * One statement, under the project's lock and its lease: the operation's runs left running by dead
 * workers are closed as lost; if the operation is still open it is marked running and this
 * run's attempt opened (a purge's project shows `deprovisioning`); the project's state,
 * as it was before, and the steps the operation's earlier runs started (from their step
 * runs) are read.
 */
export async function beginOperationRun(
  connection: ReservedSql,
  lease: ProjectLease,
  operationId: string,
  attempt: number,
): Promise<OperationRunStart> {
  const { projectId } = lease;
  const [row] = await connection<
    {
      kind: OperationKind | null;
      attempt_id: string | null;
      status: string | null;
      provisioning_status: string | null;
      deletion_protection: boolean | null;
      steps: Record<string, RecordedStep> | null;
    }[]
  >`
    with ${holdLease(connection, lease)},
    ${closeLostRuns(connection, { operationId })},
    started as (
      update control_plane.operations
      set status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()), updated_at = now()
      where id = ${operationId}::uuid and project_id = ${projectId} and status in ('queued', 'running')
      returning kind),
    attempt as (
      insert into control_plane.provisioning_attempts (project_id, job_id, attempt, kind)
      select ${projectId}, ${operationId}, ${attempt}, kind from started
      returning id),
    -- A purge shows as under way (purging) from its first run on; one refused changes nothing.
    deleting as (
      update control_plane.projects set provisioning_status = 'deprovisioning', updated_at = now()
      where id = ${projectId} and (select kind from started) = 'purge'
        and status = 'deleted' and not deletion_protection)
    select (select kind from started) as kind, (select id from attempt) as attempt_id,
           p.status, p.provisioning_status, p.deletion_protection,
           (select json_object_agg(step, json_build_object('status', status, 'attempts', attempts, 'output', '{}'::json))
              from (select r.step, count(*)::int as attempts,
                           case when bool_or(r.status = 'completed') then 'completed' else 'failed' end as status
                    from control_plane.provisioning_step_runs r
                    join control_plane.provisioning_attempts a on a.id = r.attempt_id
                    where a.job_id = ${operationId} group by r.step) runs) as steps
    from fence left join control_plane.projects p on p.id = ${projectId}`;
  return {
    open: row?.attempt_id != null,
    kind: row?.kind ?? undefined,
    projectStatus: row?.status ?? null,
    provisioningStatus: row?.provisioning_status ?? null,
    deletionProtection: row?.deletion_protection ?? false,
    attemptId: row?.attempt_id ?? undefined,
    recorded: new Map(Object.entries(row?.steps ?? {})),
  };
}
