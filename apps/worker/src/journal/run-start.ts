import type { SerializedError } from '@org/errors';
import type { ReservedSql } from 'postgres';

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
}

interface RunStartRow {
  status: string | null;
  provisioning_status: string | null;
  attempt_id: string | null;
  steps: Record<string, RecordedStep> | null;
  finished_by_job: boolean | null;
}

const LOST: SerializedError = {
  code: 'WORKER_LOST',
  message: 'the worker running this attempt stopped',
  retryable: true,
};

/**
 * One statement, under the project's lock: close the attempts left running by dead
 * workers, read the project and its recorded steps, and, when the project may be
 * provisioned, open this run's attempt and move the project to `provisioning`.
 */
export async function readRunStart(connection: ReservedSql, projectId: string, meta: RunMeta): Promise<RunStart> {
  const [row] = await connection<RunStartRow[]>`
    with lost as (
      update control_plane.provisioning_attempts set status = 'failed', error = ${connection.json(LOST as never)}::jsonb, finished_at = now()
      where project_id = ${projectId} and status = 'running'),
    project as (select status, provisioning_status from control_plane.projects where id = ${projectId}),
    eligible as (
      select 1 from project where status = 'active' and provisioning_status = any(${[...PROVISIONABLE_STATUSES]}::text[])),
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
              where project_id = ${projectId} and job_id = ${meta.jobId ?? null}) as finished_by_job`;
  const provisioningStatus = row?.provisioning_status ?? null;
  return {
    projectStatus: row?.status ?? null,
    provisioningStatus,
    attemptId: row?.attempt_id ?? undefined,
    recorded: new Map(Object.entries(row?.steps ?? {})),
    finishedByThisJob: row?.finished_by_job === true && provisioningStatus === 'provisioned',
  };
}
