import type { ReservedSql } from 'postgres';
import { holdLease, type ProjectLease } from './project-lease.js';
import { closeLostRuns } from './run-fragments.js';

/** A step as the journal recorded it. */
export interface RecordedStep {
  status: 'running' | 'completed' | 'failed';
  /** How many times the step was started for this project. */
  attempts: number;
  output: Record<string, unknown> | null;
}

/** Who is running: the queue's job and attempt, or a direct call. */
export interface RunMeta {
  attempt: number;
  jobId?: string | undefined;
  workerId?: string | undefined;
  /**
   * The operation this run carries out: the job's id, which is the operation's. The run's
   * start marks it running, or records it when whoever sent the job did not (`provision`
   * of the CLI); a cancelled one is not run. Undefined for a direct call.
   */
  operationId?: string | undefined;
}

/** Project states from which a provisioning may run. */
export const PROVISIONABLE_STATUSES = ['pending', 'provisioning', 'failed'] as const;

/** What a run learns as it begins. */
export interface RunStart {
  /** The project's status and provisioning status (null: no such project). */
  projectStatus: string | null;
  provisioningStatus: string | null;
  /** The new attempt row, inserted only for an eligible project. */
  attemptId: string | undefined;
  /** Steps recorded by earlier runs of the project. */
  recorded: Map<string, RecordedStep>;
  /** An earlier attempt of the same job already provisioned the project. */
  finishedByThisJob: boolean;
  /** The run's operation's status before this run began (undefined: none recorded). */
  operationStatus: string | undefined;
}

interface RunStartRow {
  status: string | null;
  provisioning_status: string | null;
  attempt_id: string | null;
  steps: Record<string, RecordedStep> | null;
  finished_by_job: boolean | null;
  operation_status: string | null;
}

/**
 * One statement, under the project's lock and its lease: close the attempts left running by dead
 * workers, read the project and its recorded steps, and, when the project may be
 * provisioned (and its operation was not cancelled), open this run's attempt, move the
 * project to `provisioning` and the operation to `running`.
 */
export async function beginProvisioningRun(
  connection: ReservedSql,
  lease: ProjectLease,
  meta: RunMeta,
): Promise<RunStart> {
  const { projectId } = lease;
  const operationId = meta.operationId ?? null;
  const [row] = await connection<RunStartRow[]>`
    with ${holdLease(connection, lease)},
    ${closeLostRuns(connection, { projectId })},
    project as (select status, provisioning_status from control_plane.projects where id = ${projectId}),
    operation as (select status from control_plane.operations where id = ${operationId}::uuid),
    eligible as (
      select 1 from project where status = 'active' and provisioning_status = any(${[...PROVISIONABLE_STATUSES]}::text[])
        and coalesce((select status from operation), 'queued') in ('queued', 'running')),
    operation_started as (
      update control_plane.operations
      set status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()), updated_at = now()
      where id = ${operationId}::uuid and exists (select 1 from eligible)),
    -- Only a job sent before every provisioning was an operation (an older CLI's, still
    -- queued across the upgrade) has none: it gets one, asked for by 'queue'.
    operation_recorded as (
      insert into control_plane.operations (id, project_id, kind, status, attempts, started_at, requested_by)
      select ${operationId}::uuid, ${projectId}, 'provision', 'running', 1, now(), 'queue' from eligible
      where ${operationId}::uuid is not null and not exists (select 1 from operation)
      on conflict do nothing),
    attempt as (
      insert into control_plane.provisioning_attempts (project_id, attempt, job_id, worker_id)
      select ${projectId}, ${meta.attempt}, ${meta.jobId ?? null}, ${meta.workerId ?? null} from eligible
      returning id),
    moved as (
      update control_plane.projects set provisioning_status = 'provisioning', provisioning_error = null, updated_at = now()
      where id = ${projectId} and exists (select 1 from eligible))
    select (select status from project) as status,
           (select provisioning_status from project) as provisioning_status,
           (select id from attempt) as attempt_id,
           (select json_object_agg(step, json_build_object('status', status, 'attempts', attempts, 'output', output))
              from control_plane.provisioning_steps where project_id = ${projectId}) as steps,
           (select bool_or(status = 'succeeded') from control_plane.provisioning_attempts
              where project_id = ${projectId} and job_id = ${meta.jobId ?? null}) as finished_by_job,
           (select status from operation) as operation_status
    from fence`;
  const provisioningStatus = row?.provisioning_status ?? null;
  return {
    projectStatus: row?.status ?? null,
    provisioningStatus,
    attemptId: row?.attempt_id ?? undefined,
    recorded: new Map(Object.entries(row?.steps ?? {})),
    finishedByThisJob: row?.finished_by_job === true && provisioningStatus === 'provisioned',
    operationStatus: row?.operation_status ?? undefined,
  };
}
